#include "Sync/SyncEngine.h"

namespace paddeck
{

SyncEngine::SyncEngine (LinkSession& l, MidiClockIn& in, MidiClockOut& out)
    : link (l)
    , clockIn (in)
    , clockOut (out)
{
}

bool SyncEngine::follow (const Block& block, const BeatClock& clock, Target& target) noexcept
{
    const auto heard = timer.heardAt (block);
    source = (ClockSource) sourceChoice.load (std::memory_order_relaxed);
    const auto quantum = (double) clock.getBeatsPerBar();

    bool leads = false;
    if (source == ClockSource::link)
        leads = link.read (heard, quantum, target, linkPlaying);
    else if (source == ClockSource::midiClock)
        leads = clockIn.read (heard, quantum, target);

    leadingBpm.store (leads ? target.bpm : 0.0, std::memory_order_relaxed);
    return leads;
}

bool SyncEngine::sourceWantsPlaying() const noexcept
{
    if (source == ClockSource::midiClock)
        return clockIn.isRunning();
    if (source == ClockSource::link && linkStartStop.load (std::memory_order_relaxed))
        return linkPlaying;
    return wantPlaying.load (std::memory_order_relaxed);
}

void SyncEngine::clockSettled (const Block& block, const BeatClock& clock) noexcept
{
    // The transport starts on the next bar line, so whoever follows it starts on a downbeat; a
    // stop is at once.
    const bool want = sourceWantsPlaying();
    bool stopNow = false;
    if (want && !playing && !pendingStart.has_value())
        pendingStart = clock.nextBoundaryBeat (block.sample, clock.getBeatsPerBar());
    if (!want)
    {
        stopNow = playing;
        playing = false;
        pendingStart.reset();
    }

    std::optional<double> startsHere;
    if (pendingStart.has_value()
        && clock.instantOf (*pendingStart) < (double) (block.sample + block.numFrames))
    {
        startsHere = pendingStart;
        songZeroBeat = *pendingStart;
        playing = true;
        pendingStart.reset();
    }
    playingNow.store (playing, std::memory_order_relaxed);

    clockOut.schedule (block, clock, timer, startsHere, stopNow, playing, songZeroBeat);
}

} // namespace paddeck
