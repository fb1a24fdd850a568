#pragma once

#include "Engine/ExternalClock.h"
#include "Engine/SpscQueue.h"
#include "Sync/MidiClockFilter.h"

#include <juce_audio_devices/juce_audio_devices.h>

namespace paddeck
{

/** Follows a MIDI clock from the MIDI inputs: its tempo, smoothed (MidiClockFilter), its song
    position and Start/Continue/Stop.

    Clock messages are stamped in host time as they arrive on the MIDI thread and handed to the
    audio thread in a wait-free FIFO; the audio thread runs the filter and reads the song's beat at
    the instant its block is heard. Every enabled MIDI input may send the clock. */
class MidiClockIn : public juce::MidiInputCallback
{
public:
    /** [MIDI thread] Takes the clock messages; the rest is the controllers' business. */
    void handleIncomingMidiMessage (juce::MidiInput*, const juce::MidiMessage& message) override;

    /** [MIDI thread, or a test playing one] One message that arrived at `micros` (HostClock). */
    void receive (const juce::MidiMessage& message, double micros) noexcept;

    /** [audio] Takes what arrived; the clock at `heardAtMicros`: false until its tempo is known.
        With a song position, the beat lines up bars (`quantum` beats); without, the tempo only. */
    bool read (double heardAtMicros, double quantum, ExternalClock::Target& target) noexcept;

    /** [audio, after read] Whether the sender's song is running (Start/Continue, no Stop). */
    bool isRunning() const noexcept { return filter.isRunning(); }

    /** [any] The followed tempo (0 while none), ticks so far: for the screen. */
    double getBpm() const noexcept { return shownBpm.load (std::memory_order_relaxed); }
    juce::int64 getTicks() const noexcept { return ticks.load (std::memory_order_relaxed); }
    juce::int64 getDropped() const noexcept { return dropped.load (std::memory_order_relaxed); }

    static bool isClockMessage (const juce::MidiMessage& message) noexcept;

private:
    struct Timed
    {
        double micros;
        juce::uint8 bytes[3];
        juce::uint8 size;
    };

    SpscQueue<Timed, 1024> incoming;
    std::atomic<juce::int64> dropped{ 0 };

    // audio-write, any-read
    std::atomic<double> shownBpm{ 0.0 };
    std::atomic<juce::int64> ticks{ 0 };

    // audio only
    MidiClockFilter filter;
};

} // namespace paddeck
