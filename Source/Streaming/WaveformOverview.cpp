#include "Streaming/WaveformOverview.h"

namespace paddeck
{

void WaveformOverview::reset (juce::int64 frames) noexcept
{
    picture.totalFrames = juce::jmax ((juce::int64) 1, frames);
    picture.minima.fill (0.0f);
    picture.maxima.fill (0.0f);
}

void WaveformOverview::add (const float* left, const float* right, int numFrames,
                            juce::int64 firstFrame) noexcept
{
    auto& [minima, maxima, totalFrames] = picture;
    for (int i = 0; i < numFrames;)
    {
        const auto frame = firstFrame + i;
        const auto bucket = (int) juce::jmin ((juce::int64) numBuckets - 1, frame * numBuckets / totalFrames);
        const auto bucketEnd = ((juce::int64) (bucket + 1) * totalFrames + numBuckets - 1) / numBuckets;
        const auto n = (int) juce::jlimit ((juce::int64) 1, (juce::int64) (numFrames - i), bucketEnd - frame);

        auto range = juce::FloatVectorOperations::findMinAndMax (left + i, n);

        if (right != nullptr)
            range = range.getUnionWith (juce::FloatVectorOperations::findMinAndMax (right + i, n));

        minima[(size_t) bucket] = juce::jmin (minima[(size_t) bucket], range.getStart());
        maxima[(size_t) bucket] = juce::jmax (maxima[(size_t) bucket], range.getEnd());
        i += n;
    }
}

} // namespace paddeck
