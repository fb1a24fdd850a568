#pragma once

#include "Tempo/OnsetFinder.h"

#include <vector>

namespace paddeck
{

/** A steady beat found in a signal's onsets: beat k falls on sample origin + k * period. */
struct BeatGrid
{
    double period = 0.0;    // samples per beat; 0 = no steady beat
    double origin = 0.0;    // the sample of beat 0 (the first beat that has an onset)
    double downbeat = -1.0; // the sample of the first downbeat; < 0 when there is no grid
    double confidence =
        0.0; // 0…1: how much of the onsets' weight sits on the grid, how much of it is covered
    int beatsWithOnsets = 0; // beats of the grid that have an onset on them
    double residualMs = 0.0; // RMS distance of the on-grid onsets from the grid

    bool found() const noexcept { return period > 0.0; }
    double bpm (double sampleRate) const noexcept { return found() ? 60.0 * sampleRate / period : 0.0; }
};

/** Fits a beat grid to onsets by least squares, so the tempo comes from every onset on the beat
    at once rather than from one interval, and off-beat notes (swung hats, ghost notes) are left
    out of the fit instead of pulling it.

    Candidate periods come from the intervals between onsets (and from a rough tempo, such as
    aubio's, when there is one), with their doubles and halves; each is fitted, widening from the
    strongest onsets outwards so a slightly wrong start cannot slip a beat, and scored on how strong
    its beats are and how much of the onsets' weight they catch. Which of the winner's doubles and
    halves is the beat is then decided level by level: the faster level is the beat when it lies
    in the counted range (60-180 BPM) and the hits between the slower level's beats are strong
    enough to be beats (a backbeat), so kick/snare at 174 stays 174 and house at 124 with an
    off-beat bass stays 124. Confidence is how much stronger the beats are than the points halfway
    between them (or than the 16ths, for off-beat music), times the share of beats and weight on
    the grid; below minConfidence there is no steady beat.

    The downbeat is the first beat of the bar position with the strongest accent (bass weighs
    most); when no position stands out, the first beat with a strong onset.

    Background thread only; stateless; any number of threads. */
class BeatGridFit
{
public:
    static constexpr double minBpm = 40.0, maxBpm = 250.0;
    /** Fewer beats with onsets than this, or a lower confidence, is no steady beat. */
    static constexpr int minBeats = 4;
    static constexpr double minConfidence = 0.4;

    /** hintBpm: a rough tempo to try besides the onsets' own intervals, 0 for none. */
    static BeatGrid fit (const std::vector<OnsetFinder::Onset>& onsets, double sampleRate, double hintBpm,
                         int beatsPerBar = 4);
};

} // namespace paddeck
