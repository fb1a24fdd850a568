#include "Engine/CallbackLoadMeter.h"

namespace paddeck
{

void CallbackLoadMeter::prepare (double sampleRate) noexcept
{
    rate = sampleRate > 0.0 ? sampleRate : 48000.0;
    windowSum = windowPeak = 0.0;
    windowBlocks = windowFrames = 0;
    publishedFullSecond = false;
    average.store (0.0);
    peak.store (0.0);
}

void CallbackLoadMeter::blockFinished (juce::int64 startTicks, juce::int64 endTicks, int numFrames) noexcept
{
    if (numFrames <= 0)
        return;

    const auto seconds = (double) (endTicks - startTicks) / ticksPerSecond;
    const auto load = seconds * rate / (double) numFrames;

    windowSum += load;
    windowPeak = juce::jmax (windowPeak, load);
    ++windowBlocks;
    windowFrames += numFrames;
    blocks.fetch_add (1, std::memory_order_relaxed);

    const bool secondIsComplete = windowFrames >= (int) rate;

    // Until the first full second has passed, show the running figures so the meter is live at once.
    if (secondIsComplete || !publishedFullSecond)
    {
        average.store (windowSum / windowBlocks, std::memory_order_relaxed);
        peak.store (windowPeak, std::memory_order_relaxed);
    }

    if (secondIsComplete)
    {
        publishedFullSecond = true;
        windowSum = windowPeak = 0.0;
        windowBlocks = windowFrames = 0;
    }
}

} // namespace paddeck
