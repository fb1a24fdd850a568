#include "Tempo/BeatClock.h"

#include <algorithm>
#include <cmath>

namespace paddeck
{

// Beats are compared with this slack, far below a sample (a sample is > 1/100,000 of a beat at
// any tempo and rate we play), so rounding in the division never moves a boundary.
static constexpr double beatEpsilon = 1.0e-9;

BeatClock::BeatClock (double rate, double tempo, int beats) noexcept
{
    reset (rate);
    setBeatsPerBar (beats);
    setTempo (tempo, 0);
}

double BeatClock::clampBpm (double b) noexcept { return std::clamp (b, minBpm, maxBpm); }

void BeatClock::reset (double rate) noexcept
{
    sampleRate = rate > 0.0 ? rate : 48000.0;
    framesPerBeat = 60.0 * sampleRate / bpm;
    anchorSample = 0;
    anchorBeat = 0.0;
}

void BeatClock::setTempo (double newBpm, std::int64_t atSample) noexcept
{
    newBpm = clampBpm (newBpm);
    if (newBpm == bpm)
        return;
    anchorBeat = beatAt (atSample);
    anchorSample = atSample;
    bpm = newBpm;
    framesPerBeat = 60.0 * sampleRate / bpm;
}

void BeatClock::follow (double newBpm, double beat, double quantum, std::int64_t atSample) noexcept
{
    setTempo (newBpm, atSample);
    if (quantum <= 0.0)
        return;

    const auto own = beatAt (atSample);
    auto shift = std::fmod (beat - own, quantum); // (-quantum, quantum)
    if (shift >= 0.5 * quantum)
        shift -= quantum;
    else if (shift < -0.5 * quantum)
        shift += quantum;
    anchorSample = atSample;
    anchorBeat = own + shift;
}

void BeatClock::setBeatsPerBar (int beats) noexcept { beatsPerBar = std::clamp (beats, 1, maxBeatsPerBar); }

double BeatClock::beatAt (std::int64_t sample) const noexcept
{
    return anchorBeat + (double) (sample - anchorSample) / framesPerBeat;
}

double BeatClock::beatAt (double sample) const noexcept
{
    return anchorBeat + (sample - (double) anchorSample) / framesPerBeat;
}

double BeatClock::instantOf (double beat) const noexcept
{
    return (double) anchorSample + (beat - anchorBeat) * framesPerBeat;
}

std::int64_t BeatClock::sampleOf (double beat) const noexcept
{
    // Relative to the anchor, so the rounding works on small numbers however long the clock runs.
    const auto offset = (beat - anchorBeat) * framesPerBeat;
    return anchorSample + (std::int64_t) std::ceil (offset - 1.0e-6);
}

double BeatClock::nextBoundaryBeat (std::int64_t from, double gridBeats) const noexcept
{
    if (gridBeats <= 0.0)
        return beatAt (from);

    // A step sounds from the first whole sample at or after its instant, so the step before the
    // one `from` is past may still start at `from`; and rounding may land one step short.
    auto step = std::ceil (beatAt (from) / gridBeats - beatEpsilon);
    while (sampleOf ((step - 1.0) * gridBeats) >= from)
        step -= 1.0;
    while (sampleOf (step * gridBeats) < from)
        step += 1.0;
    return step * gridBeats;
}

std::int64_t BeatClock::nextBoundary (std::int64_t from, double gridBeats) const noexcept
{
    return gridBeats <= 0.0 ? from : sampleOf (nextBoundaryBeat (from, gridBeats));
}

BeatClock::Position BeatClock::positionAt (std::int64_t sample) const noexcept
{
    const auto beat = std::max (0.0, beatAt (sample) + beatEpsilon);
    const auto whole = std::floor (beat);
    Position p;
    p.bar = (std::int64_t) whole / beatsPerBar;
    p.beat = (int) ((std::int64_t) whole % beatsPerBar);
    p.phase = std::clamp (beat - whole - beatEpsilon, 0.0, 0.999999999);
    return p;
}

double BeatClock::barStartBeat (std::int64_t sample) const noexcept
{
    const auto beat = beatAt (sample) + beatEpsilon;
    return std::floor (beat / beatsPerBar) * beatsPerBar;
}

} // namespace paddeck
