#pragma once

#include "Dsp/FrameSource.h"

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Sits between a sample reader and the resampler, mirrors the reader's playhead, and fades the
    last frames before a loop wrap (or the sample's end) and the first frames after a wrap, so a
    loop whose ends don't meet never clicks. The first frames of a hit are left alone: an onset
    stays sharp and exact. [audio] */
class LoopFadeSource : public FrameSource
{
public:
    explicit LoopFadeSource (FrameSource& readerToWrap)
        : inner (readerToWrap)
    {
    }

    /** [audio] Must match what the reader was started with. */
    void start (juce::int64 startFrame, juce::int64 lengthFrames, bool loop, juce::int64 loopStart,
                juce::int64 loopEnd, int fadeFrames) noexcept;

    int readFrames (float* left, float* right, int numFrames) noexcept override;

    juce::int64 getPosition() const noexcept { return position; }
    juce::int64 getLength() const noexcept { return length; }

private:
    void applyEnvelope (float* left, float* right, int numFrames) const noexcept;

    FrameSource& inner;
    juce::int64 position = 0, length = 0, regionStart = 0, regionEnd = 0;
    int fade = 96;
    bool looping = false, hasWrapped = false;
};

} // namespace paddeck
