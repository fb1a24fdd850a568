#include "Streaming/PlayTimeline.h"

#include "Streaming/Sample.h"

namespace paddeck
{

PlayTimeline::PlayTimeline (juce::int64 lengthInFrames, juce::int64 startFrame, bool loop,
                            juce::int64 loopStartFrame, juce::int64 loopEndFrame, juce::int64 endFrame,
                            bool reverse) noexcept
    : length (juce::jmax ((juce::int64) 0, lengthInFrames))
    , reversed (reverse)
{
    const auto clampEnd = [this] (juce::int64 f) { return f < 0 || f > length ? length : f; };
    loopEnd = clampEnd (loopEndFrame);
    loopStart = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, loopEnd - 1), loopStartFrame);
    looping = loop && loopEnd > loopStart;
    start = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, length - 1), startFrame);
    end = clampEnd (endFrame);

    if (!reversed)
    {
        // A start past the loop would never reach it: such a voice starts at the loop instead.
        if (looping && start >= loopEnd)
            start = loopStart;
        introFrames = juce::jmax ((juce::int64) 0, (looping ? loopEnd : end) - start);
    }
    else
    {
        // The mirror image: an end point before the loop would never reach it.
        if (looping && end <= loopStart)
            end = loopEnd;
        introFrames = juce::jmax ((juce::int64) 0, end - (looping ? loopStart : start));
    }
}

PlayTimeline PlayTimeline::of (const Sample& sample, const PlaybackRegion& region, bool loop) noexcept
{
    return { sample.getLengthInFrames(),
             sample.fileFrameToSampleFrame (region.startFrame),
             loop,
             sample.fileFrameToSampleFrame (region.loopStart),
             sample.fileFrameToSampleFrame (region.loopEnd),
             sample.fileFrameToSampleFrame (region.endFrame),
             region.reverse };
}

PlayTimeline::Run PlayTimeline::runAt (juce::int64 playIndex) const noexcept
{
    if (playIndex < introFrames)
        return { reversed ? end - 1 - playIndex : start + playIndex, introFrames - playIndex };

    if (!looping)
        return { reversed ? start : end, 0 };

    const auto loopLength = loopEnd - loopStart;
    const auto offset = (playIndex - introFrames) % loopLength;
    return { reversed ? loopEnd - 1 - offset : loopStart + offset, loopLength - offset };
}

PlayTimeline PlayTimeline::skippedBy (juce::int64 playIndex) const noexcept
{
    auto skipped = *this;
    if (playIndex <= 0)
        return skipped;

    const auto run = runAt (playIndex);
    if (run.frames == 0)
    {
        // Nothing left: an empty one-shot.
        skipped.start = reversed ? start : juce::jmax ((juce::int64) 0, end - 1);
        skipped.end = skipped.start;
        skipped.introFrames = 0;
        return skipped;
    }

    // Rebuilt through the constructor, so the streaming thread, given these getters, agrees.
    return reversed ? PlayTimeline (length, start, looping, loopStart, loopEnd, run.frame + 1, true)
                    : PlayTimeline (length, run.frame, looping, loopStart, loopEnd, end, false);
}

PlayTimeline PlayTimeline::startingFrom (juce::int64 startFrame) const noexcept
{
    return { length, startFrame, looping, loopStart, loopEnd, end, reversed };
}

} // namespace paddeck
