#pragma once

#include "BenchHarness.h"
#include "Model/PadSettings.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <chrono>
#include <functional>
#include <vector>

namespace paddeck::bench
{

/** Deterministic test audio in the bench's data folder, written once and reused while a file of
    the expected length is there. Frame 0 is already loud (a cosine), so onsets are exact. */
namespace BenchAudio
{
/** A 16-bit stereo 48 kHz file of `seconds`, seeded by `seed`; ".wav" or ".flac" from the name. */
juce::File ensureFile (const juce::File& dataDir, const juce::String& name, double seconds, int seed);

/** The 64 "long" files of the voice figures: 5 minutes each (20 s in quick mode). */
juce::Array<juce::File> longFiles (const BenchContext& context, int count = 64);
double longFileSeconds (const BenchContext& context);

/** 64 files of `seconds`, each the start of the long file with the same index (same generator
    and seed): what both samplers hold in RAM when they are compared on equal terms. */
juce::Array<juce::File> shortFiles (const BenchContext& context, double seconds, int count = 64);

/** Reads frames [start, start + frames) of a file into a stereo buffer (bench side, not the loader). */
juce::AudioBuffer<float> readSection (const juce::File& file, juce::int64 start, int frames);
} // namespace BenchAudio

/** Percentiles of a set of values (sorted on construction). */
struct Distribution
{
    explicit Distribution (std::vector<double> values);
    double percentile (double fraction) const; // 0…1
    double max() const { return sorted.empty() ? 0.0 : sorted.back(); }
    double median() const { return percentile (0.5); }
    std::vector<double> sorted;
};

/** Runs blocks at a device's pace: block b starts no earlier than b periods after the start (like
    an audio callback) and its render time is recorded as a fraction of the period. */
struct PacedRun
{
    std::vector<double> loads;     // render time ÷ period, per block
    int overruns = 0;              // blocks that finished after their deadline
    bool realtimePriority = false; // the blocks ran at SCHED_FIFO, like a device's callback thread
    double stealPercent = 0.0;     // CPU time the hypervisor gave to other guests meanwhile (/proc/stat)

    static PacedRun run (int numBlocks, double periodSeconds, const std::function<void (int)>& renderBlock);
};

/** The most `count` for which `trial` passes: doubles from `start` while it passes (halves down if
    `start` fails), then bisects to within `resolution` (a fraction of the count) unless coarse.

    A count is judged on the median of 3 trials (the third runs only when the first two disagree),
    so one noisy trial does not decide it. A trial during which the hypervisor stole more than
    maxStealPercent of the CPU is run again (up to maxStealRepeats times, then it counts as is). */
struct CountSearch
{
    static constexpr int trialsPerCount = 3;
    static constexpr double maxStealPercent = 5.0;
    static constexpr int maxStealRepeats = 3;

    struct Trial
    {
        bool passed = false;
        double stealPercent = 0.0;        // CPU steal while it ran (PacedRun::stealPercent)
        juce::DynamicObject::Ptr details; // what the trial saw

        /** Not yet judged: the run's loads (describeLoads) and its steal. */
        static Trial fromRun (const PacedRun& run);
    };

    int best = 0;
    juce::Array<juce::var> tried; // {count, passed, trials: […], steal_repeats} per count
    juce::var bestDetails;        // the median passing trial of the best count
    int stealRepeats = 0;         // trials run again for steal, over the whole search
    double maxSteal = 0.0;        // the most steal any trial saw, in percent

    static CountSearch run (int start, int maxCount, bool coarse, double resolution,
                            const std::function<Trial (int)>& trial);

    /** The search as figure details: best, tried, how counts were judged, steal. */
    juce::DynamicObject::Ptr describe() const;
    void describeIn (juce::NamedValueSet& details) const;
};

/** Block loads as figure details: p50, p99, p99.9, max (fractions of the period). */
juce::DynamicObject::Ptr describeLoads (const PacedRun& run);

double seconds (std::chrono::steady_clock::duration d);
/** This thread's CPU time, in seconds: what a measured call costs, without what other processes take
 * meanwhile. */
double threadCpuSeconds();
int numCores();
/** Same semitone spread for every voice figure: −6…+6 semitones plus −50…+50 cents. */
int voiceSemitones (int index);
float voiceCents (int index);
/** Voice `index`'s pad: its pitch from the spread above, EQ low −6 dB and high +3 dB, one-shot,
    starting at startFrame (which the bench also loads as the sample's region, so it is primed). */
PadSettings voicePad (int index, juce::int64 startFrame);
/** A start frame spread over the file that still leaves `neededSeconds` to play. */
juce::int64 voiceStartFrame (int index, double fileSeconds, double neededSeconds, double rate = 48000.0);

/** Runs this bench again as a child with only `figureName` (for figures that need a clean
    process, such as RSS) and returns the child's figure. */
Figure runInChildProcess (const BenchContext& context, const juce::String& figureName);
/** The figure this process was started to measure by runInChildProcess, or empty. */
juce::String childFigureName();

} // namespace paddeck::bench
