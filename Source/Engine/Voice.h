#pragma once

#include "Dsp/DjEq.h"
#include "Dsp/GainRamp.h"
#include "Dsp/KeyLockVoice.h"
#include "Dsp/ResampledSource.h"
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
    /** keyLockVoice: a free KeyLock voice for a keylocked pad (else null: varispeed). */
    void start (int padIndex, const PadSnapshot& pad, float velocityGain, juce::uint64 order,
                KeyLockVoice* keyLockVoice = nullptr) noexcept;
    void release() noexcept; // fade out (GainRamp::defaultFadeMs), then free the voice
    void render (const PadSnapshot* pad, float* outLeft, float* outRight, int numFrames) noexcept;

    bool isActive() const noexcept { return active; }

    /** A keylocked voice that has stopped but whose worker still holds its reader: it cannot be
        reused until pollDrain() sees the worker let go. */
    bool isDraining() const noexcept { return keyLock != nullptr && ! active; }
    void pollDrain() noexcept;
    void stopNow() noexcept { if (active) finish(); } // no fade: only with the audio stopped
    bool isFree() const noexcept { return ! active && keyLock == nullptr; }
    const KeyLockVoice* getKeyLock() const noexcept { return keyLock; }
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
    ResampledSource rateConverted; // KeyLock wants frames at the engine rate: streams are converted first
    KeyLockVoice* keyLock = nullptr;
    double keyLockPitch = 1.0;
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
