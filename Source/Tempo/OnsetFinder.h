#pragma once

#include <cstdint>
#include <vector>

namespace paddeck
{

/** Where the notes of a mono signal start, to the sample, and how hard each one hits.

    aubio's high-frequency-content onset detector (a 5 ms hop) finds the onsets to within a few
    milliseconds; each is then refined on the signal itself to the sample where its energy rises
    most sharply (the largest excess of the next 5 ms's energy over the last 5 ms's, then of the
    next 1 ms's over the last 1 ms's), which is what a beat grid fitted to them needs to be exact.

    Background thread only (aubio allocates): never the audio thread. Stateless; any number of
    threads may call it at once. */
class OnsetFinder
{
public:
    struct Onset
    {
        double sample = 0.0;   // refined start, in samples from the signal's start
        double strength = 0.0; // the rise in RMS level across the onset (linear, full scale = 1)
        double bass = 0.0;     // the same rise below ~200 Hz: kicks and accents carry the beat there
        double contrast = 0.0; // 0…1: the share of the level after the onset that is new (a hit out
                               // of silence is 1, a flicker in a held chord near 0)
    };

    static std::vector<Onset> find (const float* mono, std::int64_t numFrames, double sampleRate);

    /** aubio's analysis window and hop at this rate (about 21 ms and 5 ms). */
    static int windowSize (double sampleRate);
    static int hopSize (double sampleRate) { return windowSize (sampleRate) / 4; }
};

} // namespace paddeck
