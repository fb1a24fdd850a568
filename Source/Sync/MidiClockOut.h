#pragma once

#include "Engine/ExternalClock.h"
#include "Engine/SpscQueue.h"
#include "Sync/BlockTimer.h"

#include <juce_audio_devices/juce_audio_devices.h>

#include <mutex>
#include <optional>

namespace paddeck
{

/** Sends PadDeck's beat as MIDI clock: 24 ticks a beat, Start, Stop, Continue and Song Position
    Pointer, to a chosen MIDI output.

    The audio thread knows where the beats fall: after the engine's clock is settled for a block it
    computes each tick's exact (fractional) timeline sample, turns it into the host time at which
    that sample is heard (BlockTimer: callback time, smoothed, plus the output latency) and pushes
    it into a wait-free FIFO. It never touches a MIDI device, which may block. A sender thread
    takes the FIFO and sends each message when its time comes, so a tick leaves PadDeck as the
    audio of its beat leaves the speakers: scheduled sample-accurately, sent ahead of the callback
    by the output latency, and only the sender's wake-up jitter (tens of µs) is left. */
class MidiClockOut : private juce::Thread
{
public:
    struct Event
    {
        double micros = 0.0; // HostClock time it is sent at
        double sample = 0.0; // the timeline instant it belongs to (fractional)
        juce::uint8 bytes[3]{};
        juce::uint8 size = 0;

        juce::MidiMessage toMessage() const { return juce::MidiMessage (bytes, size); }
    };
    using Sink = std::function<void (const Event&)>;

    MidiClockOut();
    ~MidiClockOut() override;

    // [message]
    /** Opens this output (empty: none) and starts sending to it; false with the reason when it
        can't be opened. */
    bool setOutput (const juce::String& identifier, juce::String& error);
    juce::String getOutput() const { return outputId; }
    /** Sends to this instead of a MIDI output (tests). */
    void setSink (Sink sink);
    bool isSending() const noexcept { return enabled.load(); }

    /** [audio] The block's ticks, and the song's Start (at songZeroBeat) or Stop when they fall in
        it. `songZeroBeat`: the engine beat where the song's position 0 is, for Song Position. */
    void schedule (const ExternalClock::Block& block, const BeatClock& clock, const BlockTimer& timer,
                   std::optional<double> startAtBeat, bool stopNow, bool playing,
                   double songZeroBeat) noexcept;

    /** [any] Events the FIFO had no room for. */
    juce::int64 getDropped() const noexcept { return dropped.load (std::memory_order_relaxed); }

    static constexpr int ticksPerBeat = 24;

private:
    void run() override;
    void push (double sample, const BlockTimer& timer, std::initializer_list<juce::uint8> bytes) noexcept;
    void start (bool enable);

    SpscQueue<Event, 4096> fifo;
    std::atomic<bool> enabled{ false };
    std::atomic<bool> announcePosition{ false }; // a new receiver: tell it where the song is
    std::atomic<juce::int64> dropped{ 0 };

    std::mutex sendLock; // sender thread and message thread only
    std::unique_ptr<juce::MidiOutput> output;
    Sink sink;
    juce::String outputId;

    // audio only
    std::int64_t nextTick = 0;
    bool haveTick = false;
    std::int64_t continueTick = -1; // a Song Position and Continue go before this tick
    int continueSixteenth = 0;
};

} // namespace paddeck
