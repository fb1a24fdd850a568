#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** The order in which a voice plays a sample's frames: from the start frame on, wrapping from
    loopEnd - 1 back to loopStart when looping. A play index counts the frames delivered since
    the start; the reader and the streaming thread both map it through this one class so they
    agree on which frame belongs where. Plain value, any thread. */
class PlayTimeline
{
public:
    PlayTimeline() = default;
    PlayTimeline (juce::int64 lengthInFrames, juce::int64 startFrame, bool loop, juce::int64 loopStart,
                  juce::int64 loopEnd) noexcept;

    /** The file frame at a play index and how many frames follow it in order before a wrap or the
        end; frames == 0 means the sample has ended. */
    struct Run
    {
        juce::int64 frame = 0;
        juce::int64 frames = 0;
    };

    Run runAt (juce::int64 playIndex) const noexcept;

    bool isLooping() const noexcept { return looping; }
    juce::int64 getStartFrame() const noexcept { return start; }
    juce::int64 getLoopStart() const noexcept { return loopStart; }
    juce::int64 getLoopEnd() const noexcept { return loopEnd; }

private:
    juce::int64 length = 0, start = 0, loopStart = 0, loopEnd = 0, introFrames = 0;
    bool looping = false;
};

} // namespace paddeck
