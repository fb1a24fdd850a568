#pragma once

#include "Dsp/FrameSource.h"
#include "Streaming/Sample.h"

namespace paddeck
{

/** Reads a sample's RAM frames in order from a start frame, off the audio thread (to render a
    KeyLock prime, say). Stops where the RAM ends: for a streamed sample, at the end of its prime
    region. [any one thread] */
class SampleRamSource : public FrameSource
{
public:
    SampleRamSource (const Sample& s, juce::int64 startFrame) : sample (s), position (startFrame) {}

    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        int done = 0;
        while (done < numFrames)
        {
            const auto span = sample.findRam (position, numFrames - done);
            if (span.frames <= 0)
                break;
            std::copy (span.left, span.left + span.frames, left + done);
            std::copy (span.right, span.right + span.frames, right + done);
            done += span.frames;
            position += span.frames;
        }
        std::fill (left + done, left + numFrames, 0.0f);
        std::fill (right + done, right + numFrames, 0.0f);
        return done;
    }

    /** RAM frames available from the start frame on. */
    juce::int64 framesAvailable (juce::int64 limit) const noexcept
    {
        juce::int64 total = 0, p = position;
        while (total < limit)
        {
            const auto span = sample.findRam (p, limit - total);
            if (span.frames <= 0)
                break;
            total += span.frames;
            p += span.frames;
        }
        return total;
    }

private:
    const Sample& sample;
    juce::int64 position;
};

} // namespace paddeck
