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
#include "Tempo/BeatClock.h"

namespace paddeck
{

/** Where a voice's start or block sits on the engine's timeline. */
struct VoiceTiming
{
    const BeatClock* clock = nullptr; // null: no tempo (the voice plays unsynced)
    std::int64_t sample = 0;          // the timeline sample of the first frame
    double launchBeat = 0.0;          // start only: the beat the hit was launched on
};

/** One sounding pad hit: reader → loop fades → varispeed → DJ EQ → gain, added into the mix.
    Everything is sized in prepare(); start/render/release run on the audio thread only.

    A synced pad plays at the master tempo. Where it is in its sample is computed from the beat
    clock (its beat 0 sounds on the launch beat), never accumulated: each block the resampler is
    given the exact ratio that lands it on the clock's position at the block's end, so it cannot
    drift, whatever the tempo does. */
class Voice
{
public:
    Voice();

    void prepare (double sampleRate, int maxBlockSize,
                  StreamingThread& streaming); // [message, before playback]

    // [audio]
    using Timing = VoiceTiming;

    /** keyLockVoice: a free KeyLock voice for a keylocked pad (else null: varispeed). */
    void start (int padIndex, const PadSnapshot& pad, float velocityGain, juce::uint64 order,
                KeyLockVoice* keyLockVoice = nullptr, Timing timing = {}) noexcept;
    void release() noexcept; // fade out (GainRamp::defaultFadeMs), then free the voice
    void render (const PadSnapshot* pad, float* outLeft, float* outRight, int numFrames,
                 Timing timing = {}) noexcept;

    bool isActive() const noexcept { return active; }

    /** A keylocked voice that has stopped but whose worker still holds its reader: it cannot be
        reused until pollDrain() sees the worker let go. */
    bool isDraining() const noexcept { return keyLock != nullptr && !active; }
    void pollDrain() noexcept;
    void stopNow() noexcept
    {
        if (active)
            finish();
    } // no fade: only with the audio stopped
    bool isFree() const noexcept { return !active && keyLock == nullptr; }
    const KeyLockVoice* getKeyLock() const noexcept { return keyLock; }
    bool isReleasing() const noexcept { return releasing; }
    int getPad() const noexcept { return padIndex; }
    juce::uint64 getOrder() const noexcept { return order; }
    float getLastPeak() const noexcept { return lastPeak; }
    float getPlayheadFraction() const noexcept;

    static constexpr double loopFadeSeconds = 0.002;

    /** [audio] Source frames the sample is ahead of (+) or behind (−) the beat clock, now: 0 for
        a synced voice that is in time. For tests. */
    double getSyncError (const BeatClock& clock, std::int64_t sample) const noexcept;
    bool isSynced() const noexcept { return synced; }

private:
    void finish() noexcept;
    void startSync (const PadSnapshot& pad, const Timing& timing, juce::int64& startFrame) noexcept;
    void followPadTempo (const PadSnapshot& pad, const Timing& timing) noexcept;
    double syncPosition (const BeatClock& clock, double atSample) const noexcept;
    double framesPerBeatOf (const PadSnapshot& pad) const noexcept;
    double syncedRatio (const Timing& timing, int numFrames) const noexcept;

    SampleReader reader;
    LoopFadeSource shaped{ reader };
    ResampledSource rateConverted; // KeyLock wants frames at the engine rate: streams are converted first
    KeyLockVoice* keyLock = nullptr;
    double keyLockPitch = 1.0, keyLockTimeRatio = 1.0;
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

    // Sync: the position in stream frames (frames read since start, wraps included) at a timeline
    // sample s is syncOffset + (clock.beatAt (s) − syncOrigin) × framesPerBeat.
    bool synced = false;
    double syncOrigin = 0.0, syncOffset = 0.0, framesPerBeat = 0.0, syncBpm = 0.0;
    juce::int64 loopStartFrame = 0, loopEndFrame = 0;
};

} // namespace paddeck
