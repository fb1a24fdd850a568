#pragma once

#include "Dsp/Crossfade.h"
#include "Dsp/DjEq.h"
#include "Dsp/GainRamp.h"
#include "Dsp/KeyLockVoice.h"
#include "Dsp/ResampledSource.h"
#include "Dsp/VarispeedResampler.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/LoopFadeSource.h"
#include "Engine/RenderedStretchPlayer.h"
#include "Streaming/SampleRamSource.h"
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

    A KeyLock pad plays its rendered stretch (RenderedStretchPlayer) whenever its snapshot has one
    that fits its pitch and tempo now, and the realtime KeyLock otherwise; when that changes while
    it plays, the voice starts the other source a little ahead, on the same position, and
    crossfades to it once it can be heard (see switchStretch).

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

    /** Whether a hit on this pad needs a realtime KeyLock voice: KeyLock, and no render fits. */
    static bool needsRealtimeStretch (const PadSnapshot& pad, const Timing& timing) noexcept;

    /** keyLockVoice: a free KeyLock voice for a keylocked pad (else null: varispeed, or its render). */
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

    /** A voice on its render whose pitch or tempo moved asks for a realtime KeyLock voice; the
        engine gives it one (or null when none is free) before the voice's next render. */
    bool wantsKeyLock() const noexcept { return wantKeyLock; }
    void giveKeyLock (KeyLockVoice* voice) noexcept;
    /** Plays its pad's rendered stretch now (not crossfading). For tests and meters. */
    bool isOnRenderedStretch() const noexcept { return renderedLive && !keyLockLive; }
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
    /** Frames the voice is from where the KeyLock stretch, realtime or rendered, is to be heard
        after a pitch or tempo move: how late such a move is. [audio] */
    static constexpr int realtimeLeadFrames = 512;
    bool isSynced() const noexcept { return synced; }

private:
    void finish() noexcept;
    void startSync (const PadSnapshot& pad, const Timing& timing, juce::int64& startFrame) noexcept;
    void followPadTempo (const PadSnapshot& pad, const Timing& timing) noexcept;
    double syncPosition (const BeatClock& clock, double atSample) const noexcept;
    double framesPerBeatOf (const PadSnapshot& pad) const noexcept;
    double syncedRatio (const Timing& timing, int numFrames) const noexcept;

    // Rendered stretches: which source plays, and the switch between them.
    const RenderedStretch* fittingRender (const PadSnapshot* pad, const Timing& timing) const noexcept;
    void startRendered (const RenderedStretch& stretch, const Timing& timing, juce::int64 sourceFrame,
                        int lead) noexcept;
    void startRealtime (const PadSnapshot& pad, const Timing& timing, double sourceFrame) noexcept;
    void switchStretch (const PadSnapshot* pad, const Timing& timing) noexcept;
    int renderStretch (const PadSnapshot* pad, float* left, float* right, int numFrames,
                       const Timing& timing) noexcept;
    int renderFromRender (float* left, float* right, int numFrames, const Timing& timing) noexcept;
    int renderFromKeyLock (const PadSnapshot* pad, float* left, float* right, int numFrames,
                           const Timing& timing, bool countMisses) noexcept;
    double renderedUnwrapped (const BeatClock& clock, double atSample) const noexcept;
    double renderedRatio (const Timing& timing, int numFrames) const noexcept;
    double sourceFrameAt (const Timing& timing, int ahead) const noexcept;
    void wrapSourceFrame (double& frame) const noexcept;
    void stopKeyLock() noexcept;
    int renderBridge (const PadSnapshot* pad, float* left, float* right, int numFrames,
                      const Timing& timing) noexcept;

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
    double syncAnchor = 0.0; // KeyLock: the sample frame (loop-wrapped) heard on syncOrigin
    int keyLockRetryBlocks = 0;
    juce::int64 loopStartFrame = 0, loopEndFrame = 0;
    bool looping = false;

    // The stretch's sources. keyLockLive: the realtime KeyLock is heard (else, with keyLock set, it
    // drains); renderedLive: the render is heard. Both while switching: `fadeFrom` is the one
    // heard until the switch, the other starts `switchWait` frames ahead and fades in over
    // `fade`'s frames, its gains following how alike the two are (Crossfade).
    RenderedStretchPlayer rendered;
    bool keyLockLive = false, renderedLive = false, wantKeyLock = false;
    bool keyLockLent = false; // given by the engine for a switch to the realtime stretch, not started yet
    enum class Source
    {
        keyLock,
        render
    } fadeFrom = Source::keyLock;
    bool switching = false;
    int switchWait = 0;
    Crossfade fade; // the switch's, or the bridge's

    // A KeyLock hit with no prime at its pitch (one is being made) would be silent until Rubber
    // Band has its first frames: its attack plays through the resampler from the sample's RAM at
    // the pad's pitch, and crossfades to the realtime stretch as soon as that can be heard.
    std::optional<SampleRamSource> bridgeSource;
    bool bridging = false;
    double keyLockSourceFrame = 0.0; // sample frames: where the realtime stretch is in the source
    double renderedAnchor = 0.0;     // synced: syncAnchor in the render's frames
    double renderedBase = 0.0;       // synced: the unwrapped render frame its reader started on
    juce::AudioBuffer<float> incoming;
};

} // namespace paddeck
