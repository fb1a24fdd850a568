#include "Sync/MidiClockOut.h"

#include "Sync/HostClock.h"

#include <cmath>
#include <thread>

namespace paddeck
{

MidiClockOut::MidiClockOut()
    : juce::Thread ("PadDeck MIDI clock out")
{
}

MidiClockOut::~MidiClockOut() { start (false); }

void MidiClockOut::start (bool enable)
{
    if (!enable)
    {
        enabled.store (false);
        signalThreadShouldExit();
        stopThread (2000);
        Event stale;
        while (fifo.pop (stale)) // [audio stopped sending: enabled is false]
        {
        }
        return;
    }
    announcePosition.store (true);
    enabled.store (true);
    if (!isThreadRunning())
        startThread (juce::Thread::Priority::highest);
}

bool MidiClockOut::setOutput (const juce::String& identifier, juce::String& error)
{
    start (false);
    {
        const std::lock_guard<std::mutex> lock (sendLock);
        output = nullptr;
        sink = {};
        outputId = {};
        if (identifier.isEmpty())
            return true;
        output = juce::MidiOutput::openDevice (identifier);
        if (output == nullptr)
        {
            error = "Could not open the MIDI output for the clock";
            return false;
        }
        outputId = identifier;
    }
    start (true);
    return true;
}

void MidiClockOut::setSink (Sink newSink)
{
    start (false);
    {
        const std::lock_guard<std::mutex> lock (sendLock);
        output = nullptr;
        outputId = {};
        sink = std::move (newSink);
    }
    start (sink != nullptr);
}

void MidiClockOut::push (double sample, const BlockTimer& timer,
                         std::initializer_list<juce::uint8> bytes) noexcept
{
    Event event;
    event.sample = sample;
    event.micros = timer.heardAtSample (sample);
    event.size = (juce::uint8) bytes.size();
    std::copy (bytes.begin(), bytes.end(), event.bytes);
    if (!fifo.push (event))
        dropped.fetch_add (1, std::memory_order_relaxed);
}

void MidiClockOut::schedule (const ExternalClock::Block& block, const BeatClock& clock,
                             const BlockTimer& timer, std::optional<double> startAtBeat, bool stopNow,
                             bool playing, double songZeroBeat) noexcept
{
    if (!enabled.load (std::memory_order_acquire))
    {
        haveTick = false;
        return;
    }

    // Ticks are counted on the engine's beats (tick k sounds on beat k / 24). A clock that moved a
    // little (Link, MIDI clock in) neither repeats nor skips one; one that jumped starts afresh.
    const auto end = (double) (block.sample + block.numFrames);
    const auto first = (std::int64_t) std::ceil (clock.beatAt (block.sample) * ticksPerBeat - 1.0e-9);
    if (!haveTick || std::abs (first - nextTick) > 2)
        nextTick = first;
    haveTick = true;

    if (stopNow)
        push ((double) block.sample, timer, { 0xfc });

    if (announcePosition.exchange (false) && playing)
    {
        // A receiver that joins while the song plays: where it is (in sixteenths), then Continue.
        const auto sixteenth = (int) std::ceil ((clock.beatAt (block.sample) - songZeroBeat) * 4.0 - 1.0e-9);
        continueSixteenth = juce::jlimit (0, 16383, sixteenth);
        continueTick = std::llround (songZeroBeat * ticksPerBeat) + 6 * (std::int64_t) sixteenth;
    }

    const auto startTick = startAtBeat.has_value() ? std::llround (*startAtBeat * ticksPerBeat) : -1;
    for (;; ++nextTick)
    {
        const auto instant = clock.instantOf ((double) nextTick / ticksPerBeat);
        if (instant >= end)
            break;
        if (nextTick == startTick)
        {
            push (instant, timer, { 0xf2, 0, 0 }); // the song's start, then Start: the next tick is its first
            push (instant, timer, { 0xfa });
            continueTick = -1;
        }
        else if (nextTick == continueTick)
        {
            push (instant, timer,
                  { 0xf2, (juce::uint8) (continueSixteenth & 0x7f),
                    (juce::uint8) ((continueSixteenth >> 7) & 0x7f) });
            push (instant, timer, { 0xfb });
            continueTick = -1;
        }
        push (instant, timer, { 0xf8 });
    }
}

void MidiClockOut::run()
{
    // Each message goes out when its audio is heard: sleep until then (the kernel wakes us within
    // tens of µs), send, take the next. Late ones (a slow start) go at once.
    while (!threadShouldExit())
    {
        const auto* next = fifo.peek();
        if (next == nullptr)
        {
            wait (1);
            continue;
        }
        const auto early = next->micros - HostClock::micros();
        if (early > 0.0)
        {
            std::this_thread::sleep_for (
                std::chrono::microseconds ((juce::int64) juce::jmin (early, 2000.0)));
            continue;
        }

        Event event;
        fifo.pop (event);
        const std::lock_guard<std::mutex> lock (sendLock);
        if (sink)
            sink (event);
        else if (output != nullptr)
            output->sendMessageNow (event.toMessage());
    }
}

} // namespace paddeck
