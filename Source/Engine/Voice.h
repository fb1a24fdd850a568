#pragma once

#include "Dsp/DjEq.h"
#include "Dsp/GainRamp.h"
#include "Dsp/VarispeedResampler.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/LoopFadeSource.h"
#include "Streaming/SampleReader.h"
#include "Streaming/StreamingThread.h"

namespace paddeck
{

/** One sounding pad hit: reader → loop fades → varispeed → DJ EQ → gain, added into the mix.
    Everything is sized in prepare(); start/render/release run on the audio thread only. */
class Voice
{
public:
    Voice();

    void prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming); // [message, before playback]

    // [audio]
    void start (int padIndex, const PadSnapshot& pad, float velocityGain, juce::uint64 order) noexcept;
    void release() noexcept; // fade out (GainRamp::defaultFadeMs), then free the voice
    void render (const PadSnapshot* pad, float* outLeft, float* outRight, int numFrames) noexcept;

    bool isActive() const noexcept { return active; }
    bool isReleasing() const noexcept { return releasing; }
    int getPad() const noexcept { return padIndex; }
    juce::uint64 getOrder() const noexcept { return order; }
    float getLastPeak() const noexcept { return lastPeak; }
    float getPlayheadFraction() const noexcept;

    static constexpr double loopFadeSeconds = 0.002;

private:
    void finish() noexcept;

    SampleReader reader;
    LoopFadeSource shaped { reader };
    VarispeedResampler resampler;
    DjEq eq;
    GainRamp gain;
    juce::AudioBuffer<float> scratch;

    double engineRate = 48000.0;
    const Sample* sample = nullptr;
    int padIndex = -1;
    juce::uint64 order = 0;
    bool active = false, releasing = false, sourceEnded = false;
    float velocity = 1.0f;
    double lastPitchRatio = 1.0;
    float lastPeak = 0.0f;
};

} // namespace paddeck
