#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

#include <functional>
#include <map>

namespace paddeck
{

/** The LEDs of a controller's pads: sends each LED's wanted value (a note-on velocity or a CC
    value) to a MIDI output or a test sink, changes only, and darkens the LEDs nobody wants any
    more. [message] only. */
class MidiLedFeedback
{
public:
    using MessageSink = std::function<void (const juce::MidiMessage&)>;

    /** An LED: the status byte (note-on or CC, with its channel) << 8 | the note or CC number. */
    using Key = int;
    static Key keyFor (bool isNote, int channel, int number) noexcept
    {
        return ((isNote ? 0x90 : 0xb0) | (channel - 1)) << 8 | number;
    }

    ~MidiLedFeedback(); // the LEDs go dark, so the controller shows no stale state

    bool isConnected() const noexcept { return sink != nullptr || output != nullptr; }
    bool hasOutput() const noexcept { return output != nullptr; }

    /** Where feedback goes instead of a MIDI output (tests); everything is sent again. */
    void setSink (MessageSink newSink);

    /** A controller's output (see MidiDevices::openOutput; empty: none). Everything is sent again:
        a controller plugged back shows the whole state, not just what changes next. */
    void setOutput (MessageSink newOutput);

    /** Sends the values that changed since the last call; LEDs missing from `wanted` go dark. */
    void show (std::map<Key, int> wanted);

    static juce::MidiMessage messageFor (Key key, int value);

private:
    void send (const juce::MidiMessage&);

    MessageSink sink;
    MessageSink output;     // a controller: its LEDs are darkened when PadDeck lets go of it
    std::map<Key, int> lit; // value last sent per LED
};

} // namespace paddeck
