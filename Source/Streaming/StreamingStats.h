#pragma once

#include <juce_core/juce_core.h>

#include <atomic>

namespace paddeck
{

/** Process-wide counters for the meters and the bench: RAM held by samples, RAM held by stream
    ring buffers, and stream misses. [any, wait-free] */
class StreamingStats
{
public:
    struct Snapshot
    {
        juce::int64 sampleRamBytes = 0;  // decoded frames held by all live samples (RAM and stream primes)
        juce::int64 streamRingBytes = 0; // ring buffers of all prepared readers
        int numSamples = 0, numStreamedSamples = 0;
        juce::uint64 underruns = 0;    // reader blocks that had a miss
        juce::uint64 missedFrames = 0; // frames played as silence because the data was not there
    };

    static Snapshot get() noexcept;

    static void addSample (juce::int64 ramBytes, bool streamed) noexcept;
    static void removeSample (juce::int64 ramBytes, bool streamed) noexcept;
    static void addRingBytes (juce::int64 delta) noexcept;
    static void addMiss (juce::uint64 frames) noexcept;

private:
    static std::atomic<juce::int64> sampleRamBytes, streamRingBytes;
    static std::atomic<int> numSamples, numStreamedSamples;
    static std::atomic<juce::uint64> underruns, missedFrames;
};

} // namespace paddeck
