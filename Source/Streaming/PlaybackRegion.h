#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Where a pad plays its sample, in the file's own frames. A streamed sample keeps in RAM the
    frames a hit and a loop wrap begin with, so neither waits on disk: forwards, those after
    startFrame and after loopStart; reversed, those before endFrame and before loopEnd. */
struct PlaybackRegion
{
    juce::int64 startFrame = 0;
    juce::int64 loopStart = 0;
    juce::int64 loopEnd = -1;  // -1: the end of the file
    juce::int64 endFrame = -1; // -1: the end of the file; where a one-shot stops, and a reversed hit begins
    bool reverse = false;      // plays from the end point (or loop end) down to the start (or loop start)
};

} // namespace paddeck
