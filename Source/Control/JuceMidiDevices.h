#pragma once

#include "Control/MidiDevices.h"

namespace paddeck
{

/** The machine's MIDI ports through JUCE (ALSA on Linux): inputs are opened by the audio device
    manager, which hands their messages to its MIDI callbacks (the engine's). [message] only. */
class JuceMidiDevices : public MidiDevices
{
public:
    explicit JuceMidiDevices (juce::AudioDeviceManager& deviceManager);

    juce::Array<juce::MidiDeviceInfo> getInputs() const override
    {
        return juce::MidiInput::getAvailableDevices();
    }
    juce::Array<juce::MidiDeviceInfo> getOutputs() const override
    {
        return juce::MidiOutput::getAvailableDevices();
    }
    bool isInputOpen (const juce::String& identifier) const override;
    void setInputOpen (const juce::String& identifier, bool open) override;
    Sender openOutput (const juce::String& identifier) override;

private:
    juce::AudioDeviceManager& devices;
};

} // namespace paddeck
