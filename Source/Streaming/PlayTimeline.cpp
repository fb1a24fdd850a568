#include "Streaming/PlayTimeline.h"

namespace paddeck
{

PlayTimeline::PlayTimeline (juce::int64 lengthInFrames, juce::int64 startFrame, bool loop,
                            juce::int64 loopStartFrame, juce::int64 loopEndFrame) noexcept
    : length (juce::jmax ((juce::int64) 0, lengthInFrames))
{
    loopEnd = (loopEndFrame < 0 || loopEndFrame > length) ? length : loopEndFrame;
    loopStart = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, loopEnd - 1), loopStartFrame);
    looping = loop && loopEnd > loopStart;
    start = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, length - 1), startFrame);

    // A start past the loop would never reach it: such a voice starts at the loop instead.
    if (looping && start >= loopEnd)
        start = loopStart;

    introFrames = juce::jmax ((juce::int64) 0, (looping ? loopEnd : length) - start);
}

PlayTimeline::Run PlayTimeline::runAt (juce::int64 playIndex) const noexcept
{
    if (playIndex < introFrames)
        return { start + playIndex, introFrames - playIndex };

    if (!looping)
        return { length, 0 };

    const auto loopLength = loopEnd - loopStart;
    const auto offset = (playIndex - introFrames) % loopLength;
    return { loopStart + offset, loopLength - offset };
}

} // namespace paddeck
