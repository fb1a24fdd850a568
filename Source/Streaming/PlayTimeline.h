#pragma once

#include "Streaming/PlaybackRegion.h"

namespace paddeck
{

class Sample;

/** The order in which a voice plays a sample's frames. Forwards: from the start frame up to the end
    frame, or, looping, up to loopEnd - 1 and back to loopStart. Reversed, the mirror image: from
    the end frame - 1 down to the start frame, or, looping, down to loopStart and back to loopEnd - 1.
    A play index counts the frames delivered since the start; the reader, the streaming thread and
    the fades all map it through this one class so they agree on which frame belongs where.
    Plain value, any thread. */
class PlayTimeline
{
public:
    PlayTimeline() = default;
    /** loopEnd, endFrame -1: the end. Normalising is idempotent: a timeline rebuilt from its own
        getters is the same timeline. */
    PlayTimeline (juce::int64 lengthInFrames, juce::int64 startFrame, bool loop, juce::int64 loopStart,
                  juce::int64 loopEnd, juce::int64 endFrame = -1, bool reverse = false) noexcept;

    /** A pad's region (file frames) as frames of sample (at its rate). */
    static PlayTimeline of (const Sample& sample, const PlaybackRegion& region, bool loop) noexcept;

    /** The file frame at a play index and how many frames follow it in play order (counting it)
        before a wrap or the end; frames == 0 means the sample has ended. Reversed, the run goes
        down: frame, frame - 1, … frame - frames + 1. */
    struct Run
    {
        juce::int64 frame = 0;
        juce::int64 frames = 0;
    };

    Run runAt (juce::int64 playIndex) const noexcept;

    /** The same timeline entered playIndex frames in (a synced voice joining late): its index 0 is
        this one's playIndex. Past a one-shot's end it plays nothing. */
    PlayTimeline skippedBy (juce::int64 playIndex) const noexcept;
    /** The same timeline, hit (forwards) from another frame. */
    PlayTimeline startingFrom (juce::int64 startFrame) const noexcept;

    bool isLooping() const noexcept { return looping; }
    bool isReversed() const noexcept { return reversed; }
    juce::int64 getLength() const noexcept { return length; }
    juce::int64 getStartFrame() const noexcept { return start; }
    juce::int64 getEndFrame() const noexcept { return end; }
    juce::int64 getLoopStart() const noexcept { return loopStart; }
    juce::int64 getLoopEnd() const noexcept { return loopEnd; }
    /** Frames before the first wrap (a one-shot: all it plays). */
    juce::int64 getIntroFrames() const noexcept { return introFrames; }

private:
    juce::int64 length = 0, start = 0, end = 0, loopStart = 0, loopEnd = 0, introFrames = 0;
    bool looping = false, reversed = false;
};

} // namespace paddeck
