#pragma once

#include "Dsp/FrameSource.h"
#include "Streaming/PlayTimeline.h"
#include "Streaming/Sample.h"

namespace paddeck
{

/** Reads a sample's RAM frames in a timeline's order (reversed and looping too), off the audio
    thread (to render a KeyLock prime, say) or on it (a KeyLock hit's attack). Stops where the RAM
    ends: for a streamed sample, at the end of its prime region. [any one thread] */
class SampleRamSource : public FrameSource
{
public:
    SampleRamSource() = default;
    /** Forwards from startFrame to the sample's end. */
    SampleRamSource (const Sample& s, juce::int64 startFrame)
    {
        start (s, PlayTimeline (s.getLengthInFrames(), startFrame, false, 0, -1));
    }
    SampleRamSource (const Sample& s, const PlayTimeline& t) { start (s, t); }

    void start (const Sample& s, const PlayTimeline& t) noexcept
    {
        sample = &s;
        timeline = t;
        playIndex = 0;
    }

    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        const auto done = (int) walk (numFrames, left, right);
        std::fill (left + done, left + numFrames, 0.0f);
        std::fill (right + done, right + numFrames, 0.0f);
        return done;
    }

    /** RAM frames available from here on, up to limit. */
    juce::int64 framesAvailable (juce::int64 limit) const noexcept
    {
        auto copy = *this;
        return copy.walk (limit, nullptr, nullptr);
    }

private:
    /** Moves up to `frames` on through RAM, copying them when given somewhere to. */
    juce::int64 walk (juce::int64 frames, float* left, float* right) noexcept
    {
        if (sample == nullptr)
            return 0;
        juce::int64 done = 0;
        while (done < frames)
        {
            const auto run = timeline.runAt (playIndex);
            if (run.frames == 0)
                break;
            const auto span =
                sample->findRam (run.frame, juce::jmin (frames - done, run.frames), timeline.isReversed());
            if (span.frames <= 0)
                break;
            if (left != nullptr)
                Sample::copyInPlayOrder (span, timeline.isReversed(), left + done, right + done);
            done += span.frames;
            playIndex += span.frames;
        }
        return done;
    }

    const Sample* sample = nullptr;
    PlayTimeline timeline;
    juce::int64 playIndex = 0;
};

} // namespace paddeck
