#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Where a pad plays its sample, in the file's own frames. A streamed sample keeps the frames
    after startFrame and after loopStart in RAM, so a trigger or a loop wrap never waits on disk. */
struct PlaybackRegion
{
    juce::int64 startFrame = 0;
    juce::int64 loopStart = 0;
    juce::int64 loopEnd = -1; // -1: the end of the file
};

} // namespace paddeck
