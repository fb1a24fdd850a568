#pragma once

#include "Dsp/VarispeedResampler.h"
#include "Engine/LoopFadeSource.h"
#include "Streaming/SampleReader.h"
#include "Stretch/RenderedStretch.h"

namespace paddeck
{

/** Plays a RenderedStretch like a plain sample: its own reader (RAM, or the render's cache file
    streamed) and resampler, at the rate the voice asks for (1 in time; the beat clock's steering
    when synced). The render's loop is seamless, so its wraps are not faded.

    prepare: [message]; everything else [audio]. */
class RenderedStretchPlayer
{
public:
    void prepare (double engineRate, int maxBlockSize, StreamingThread& streaming);

    /** Plays the render from `frame` (its own frames), looping its loop when asked. */
    void start (const RenderedStretch& stretch, juce::int64 frame, bool loop) noexcept;
    void stop() noexcept;
    bool isPlaying() const noexcept { return stretch != nullptr; }
    const RenderedStretch* getStretch() const noexcept { return stretch; }

    /** Whether the next numFrames can be read without a miss (in RAM, or in the reader's ring). */
    bool isReadyFor (int numFrames) const noexcept;

    /** Renders numFrames at `ratio` (render frames per output frame); returns the frames that are
        the render's own (fewer: it ended). */
    int render (float* left, float* right, int numFrames, double ratio) noexcept;

    /** Render frames consumed since start(), fractional. */
    double getSourcePosition() const noexcept { return resampler.getSourcePosition(); }
    /** The render frame the next frames come from (its loop wrapped). */
    juce::int64 getFrame() const noexcept { return shaped.getPosition(); }

private:
    SampleReader reader;
    LoopFadeSource shaped{ reader };
    VarispeedResampler resampler;
    const RenderedStretch* stretch = nullptr;
};

} // namespace paddeck
