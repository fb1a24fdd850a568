#pragma once

#include "Streaming/LoadResult.h"

namespace paddeck
{

class StreamingThread;

/** Plain measurements of the streaming layer alone (no engine, no DSP), for PadDeckBench.
    Benchmarks report; nothing here decides pass or fail. Call from a non-audio thread. */
class StreamingBenchmarks
{
public:
    struct LoadFigures
    {
        double msUntilAllPlayable = 0.0;
        int numLoaded = 0, numStreamed = 0, numFailed = 0;
    };

    /** Decodes the files on numThreads threads, as SampleLoader does, and times until every one
        is playable (RAM samples fully decoded, streams primed). */
    static LoadFigures measureLoad (const juce::Array<juce::File>& files, const LoadOptions& options,
                                    int numThreads = 2);

    struct VoiceFigures
    {
        int numVoices = 0, numBlocks = 0;
        double periodMs = 0.0, meanBlockMs = 0.0, p999BlockMs = 0.0, maxBlockMs = 0.0;
        juce::uint64 underruns = 0;
        juce::int64 ringBytes = 0, sampleRamBytes = 0;
    };

    /** Plays numVoices looping readers over the samples (round-robin, each from its region's
        start), paced like a device at engineRate / blockSize for the given seconds, and times
        each block's readFrames() calls for all voices together. */
    static VoiceFigures runVoices (const juce::Array<Sample::Ptr>& samples, StreamingThread& streamingThread,
                                   int numVoices, double engineRate, int blockSize, double seconds);
};

} // namespace paddeck
