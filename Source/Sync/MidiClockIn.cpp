#include "Sync/MidiClockIn.h"

#include "Sync/HostClock.h"

namespace paddeck
{

bool MidiClockIn::isClockMessage (const juce::MidiMessage& m) noexcept
{
    const auto size = m.getRawDataSize();
    if (size < 1)
        return false;
    const auto status = m.getRawData()[0];
    return status == 0xf8 || status == 0xfa || status == 0xfb || status == 0xfc
           || (status == 0xf2 && size == 3);
}

void MidiClockIn::handleIncomingMidiMessage (juce::MidiInput*, const juce::MidiMessage& message)
{
    receive (message, HostClock::micros());
}

void MidiClockIn::receive (const juce::MidiMessage& message, double micros) noexcept
{
    if (!isClockMessage (message))
        return;
    Timed timed{ micros, {}, (juce::uint8) message.getRawDataSize() };
    std::copy_n (message.getRawData(), timed.size, timed.bytes);
    if (!incoming.push (timed))
        dropped.fetch_add (1, std::memory_order_relaxed);
}

bool MidiClockIn::read (double heardAtMicros, double quantum, ExternalClock::Target& target) noexcept
{
    Timed timed;
    while (incoming.pop (timed))
        filter.handle (timed.bytes, timed.size, timed.micros);

    ticks.store (filter.getTicks(), std::memory_order_relaxed);
    if (!filter.hasTempo())
    {
        shownBpm.store (0.0, std::memory_order_relaxed);
        return false;
    }

    target.bpm = filter.getBpm();
    shownBpm.store (target.bpm, std::memory_order_relaxed);
    const bool lined = filter.isRunning() && filter.isPositioned();
    target.beat = lined ? filter.songBeatAt (heardAtMicros) : 0.0;
    target.quantum = lined ? quantum : 0.0;
    return true;
}

} // namespace paddeck
