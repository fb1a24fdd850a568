#include "Engine/LoopFadeSource.h"

namespace paddeck
{

void LoopFadeSource::start (juce::int64 startFrame, juce::int64 lengthFrames, bool loop,
                            juce::int64 loopStart, juce::int64 loopEnd, int fadeFrames) noexcept
{
    length = juce::jmax ((juce::int64) 0, lengthFrames);
    regionEnd = loopEnd < 0 || loopEnd > length ? length : loopEnd;
    regionStart = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, regionEnd - 1), loopStart);
    looping = loop && regionEnd > regionStart;
    position = juce::jlimit ((juce::int64) 0, length, startFrame);
    hasWrapped = false;

    // A loop shorter than two fades would be all fade: leave it alone.
    const auto span = looping ? regionEnd - regionStart : length;
    fade = span >= 4 * (juce::int64) fadeFrames ? fadeFrames : 0;
}

int LoopFadeSource::readFrames (float* left, float* right, int numFrames) noexcept
{
    const int got = inner.readFrames (left, right, numFrames);
    int done = 0;

    while (done < got)
    {
        const auto end = looping ? regionEnd : length;
        const int run = (int) juce::jlimit ((juce::int64) 0, (juce::int64) (got - done), end - position);

        if (run <= 0) // past the end of a one-shot: nothing left to shape
            break;

        applyEnvelope (left + done, right + done, run);
        position += run;
        done += run;

        if (looping && position >= regionEnd)
        {
            position = regionStart;
            hasWrapped = true;
        }
    }

    return got;
}

void LoopFadeSource::applyEnvelope (float* left, float* right, int numFrames) const noexcept
{
    if (fade <= 0)
        return;

    const auto end = looping ? regionEnd : length;
    const auto fadeOutFrom = end - fade; // gain falls to 1/(fade+1) on the last frame before the wrap

    // Clamped before the cast: a long sample's distance to its end does not fit an int.
    const auto fadeOutIndex =
        (int) juce::jlimit ((juce::int64) 0, (juce::int64) numFrames, fadeOutFrom - position);
    for (int i = fadeOutIndex; i < numFrames; ++i)
    {
        const auto g = (float) (end - (position + i)) / (float) (fade + 1);
        left[i] *= g;
        right[i] *= g;
    }

    if (hasWrapped && position < regionStart + fade)
    {
        const int count = (int) juce::jmin ((juce::int64) numFrames, regionStart + fade - position);
        for (int i = 0; i < count; ++i)
        {
            const auto g = (float) (position + i - regionStart + 1) / (float) (fade + 1);
            left[i] *= g;
            right[i] *= g;
        }
    }
}

} // namespace paddeck
