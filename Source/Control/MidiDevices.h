#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

#include <functional>

namespace paddeck
{

/** The MIDI ports of the machine as MidiController uses them: listed, inputs opened to play into
    PadDeck, an output opened for a controller's LEDs. The app's are JUCE's (JuceMidiDevices); a
    test brings its own list, so a controller unplugged and plugged back is played through without
    a MIDI driver. [message] only. */
class MidiDevices
{
public:
    using Sender = std::function<void (const juce::MidiMessage&)>;

    virtual ~MidiDevices() = default;

    virtual juce::Array<juce::MidiDeviceInfo> getInputs() const = 0;
    virtual juce::Array<juce::MidiDeviceInfo> getOutputs() const = 0;

    /** Whether an input plays into PadDeck now. */
    virtual bool isInputOpen (const juce::String& identifier) const = 0;
    /** Opens an input (a fresh connection to its port) or closes it. */
    virtual void setInputOpen (const juce::String& identifier, bool open) = 0;

    /** Opens an output; what it returns sends to it, and closes it once destroyed. Empty if the
        output can't be opened. */
    virtual Sender openOutput (const juce::String& identifier) = 0;
};

} // namespace paddeck
