#pragma once

#include "Dsp/VarispeedResampler.h"

namespace paddeck
{

/** A FrameSource that reads another through a VarispeedResampler: how a stream at another
    sample rate (or a varispeed-pitched source) feeds a consumer that pulls frames, such as a
    KeyLock worker. Used by one consumer thread at a time, like any FrameSource. */
class ResampledSource : public FrameSource
{
public:
    void prepare (int maxBlockSize) { resampler.prepare (maxBlockSize); } // [message/loader] allocates

    /** Starts over from the inner source's current position, which becomes frame 0. [consumer] */
    void reset (FrameSource& innerSource, double sourceFramesPerFrame) noexcept
    {
        inner = &innerSource;
        ratio = sourceFramesPerFrame;
        resampler.reset();
    }

    void setRatio (double sourceFramesPerFrame) noexcept { ratio = sourceFramesPerFrame; } // [consumer]

    int readFrames (float* left, float* right, int numFrames) noexcept override // [consumer]
    {
        return inner != nullptr ? resampler.process (*inner, left, right, numFrames, ratio) : 0;
    }

private:
    VarispeedResampler resampler;
    FrameSource* inner = nullptr;
    double ratio = 1.0;
};

} // namespace paddeck
