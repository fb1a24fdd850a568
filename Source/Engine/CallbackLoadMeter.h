#pragma once

#include <juce_core/juce_core.h>

#include <atomic>

namespace paddeck
{

/** Measures the audio callback's load the way JACK reports DSP load: time spent inside the
    callback divided by the block's duration. Publishes the average and the peak of the last
    full second of audio through atomics. */
class CallbackLoadMeter
{
public:
    void prepare (double sampleRate) noexcept; // [audio or message, before callbacks]

    // [audio] wrap the callback's work; wait-free, no allocation.
    void blockFinished (juce::int64 startTicks, juce::int64 endTicks, int numFrames) noexcept;

    double getAverage() const noexcept { return average.load (std::memory_order_relaxed); } // [any]
    double getPeak() const noexcept { return peak.load (std::memory_order_relaxed); }       // [any]
    juce::int64 getBlockCount() const noexcept { return blocks.load (std::memory_order_relaxed); }

private:
    // audio-write, any-read
    std::atomic<double> average{ 0.0 }, peak{ 0.0 };
    std::atomic<juce::int64> blocks{ 0 };

    // audio only
    double rate = 48000.0;
    double ticksPerSecond = (double) juce::Time::getHighResolutionTicksPerSecond();
    double windowSum = 0.0, windowPeak = 0.0;
    int windowBlocks = 0, windowFrames = 0;
    bool publishedFullSecond = false;
};

} // namespace paddeck
