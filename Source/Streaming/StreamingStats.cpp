#include "Streaming/StreamingStats.h"

namespace paddeck
{

std::atomic<juce::int64> StreamingStats::sampleRamBytes{ 0 }, StreamingStats::streamRingBytes{ 0 };
std::atomic<int> StreamingStats::numSamples{ 0 }, StreamingStats::numStreamedSamples{ 0 };
std::atomic<juce::uint64> StreamingStats::underruns{ 0 }, StreamingStats::missedFrames{ 0 };

StreamingStats::Snapshot StreamingStats::get() noexcept
{
    Snapshot s;
    s.sampleRamBytes = sampleRamBytes.load (std::memory_order_relaxed);
    s.streamRingBytes = streamRingBytes.load (std::memory_order_relaxed);
    s.numSamples = numSamples.load (std::memory_order_relaxed);
    s.numStreamedSamples = numStreamedSamples.load (std::memory_order_relaxed);
    s.underruns = underruns.load (std::memory_order_relaxed);
    s.missedFrames = missedFrames.load (std::memory_order_relaxed);
    return s;
}

void StreamingStats::addSample (juce::int64 ramBytes, bool streamed) noexcept
{
    sampleRamBytes += ramBytes;
    ++numSamples;

    if (streamed)
        ++numStreamedSamples;
}

void StreamingStats::removeSample (juce::int64 ramBytes, bool streamed) noexcept
{
    sampleRamBytes -= ramBytes;
    --numSamples;

    if (streamed)
        --numStreamedSamples;
}

void StreamingStats::addRingBytes (juce::int64 delta) noexcept { streamRingBytes += delta; }

void StreamingStats::addMiss (juce::uint64 frames) noexcept
{
    ++underruns;
    missedFrames += frames;
}

} // namespace paddeck
