#pragma once

#include "Dsp/Crossfade.h"
#include "Dsp/DjEqBank.h"
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

#include <atomic>

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
    Everything is sized in prepare(); the audio thread never allocates.

    Its DJ EQ is a slot of the DjEqBank its VoiceBank shares with seven other voices. A block is
    rendered in three steps, so the bank can filter eight voices at once: renderSource() (the
    sample's frames into the voice's scratch), the bank's EQ over the scratch, mixInto() (gain,
    release fade, added into the mix).

    Threads: the voice's life (start, release, retire, drains) is the audio thread's. Rendering
    runs on the audio thread or on the voice worker that claimed the voice's bank for that block;
    the engine hands a bank over and back with release/acquire, so one thread renders it at a time.
    A release may be asked for at any time (an atomic): a bank a late worker still renders takes it
    at its next block.

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

    /** [message, before playback] eqSlot: this voice's slot in eqBank. */
    void prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming, DjEqBank& eqBank,
                  int eqSlot);

    // [audio]
    using Timing = VoiceTiming;

    /** Whether a hit on this pad needs a realtime KeyLock voice: KeyLock, and no render fits. */
    static bool needsRealtimeStretch (const PadSnapshot& pad, const Timing& timing) noexcept;

    /** keyLockVoice: a free KeyLock voice for a keylocked pad (else null: varispeed, or its render).
        The voice sounds from timing.sample: frames of its first block before that stay silent. */
    void start (int padIndex, const PadSnapshot& pad, float velocityGain, juce::uint64 order,
                KeyLockVoice* keyLockVoice = nullptr, Timing timing = {}) noexcept;

    /** Fades out (GainRamp::defaultFadeMs) from timeline sample atSample on, or from the start of
        the next block rendered if that has passed; then the voice ends. [audio, any time] */
    void release (std::int64_t atSample = 0) noexcept;

    /** [audio or the voice's worker] Step 1 of a block of numFrames starting at timing.sample:
        the source's frames into the scratch buffers (silence before the voice's start), and the
        pad's EQ gains into its slot. Returns whether the bank's EQ should run this slot (false:
        the pad is gone, its slot keeps its state). */
    bool renderSource (const PadSnapshot* pad, int numFrames, Timing timing) noexcept;
    float* getScratch (int channel) noexcept { return scratch.getWritePointer (channel); }
    /** [audio or the voice's worker] Asks the CPU to fetch the RAM frames the voice's next block
        of numFrames will read (no-op for other sources): by then they are in cache. */
    void prefetchNextSource (int numFrames) const noexcept;
    /** [audio or the voice's worker] Step 3: gain (ramped to the pad's), the release fade, added
        into the master (unless the voice is a preview) and, when there is a cue mix (cueLeft not
        null) and the voice is cued, into the cue, from the voice's first frame. */
    void mixInto (const PadSnapshot* pad, float* outLeft, float* outRight, float* cueLeft, float* cueRight,
                  int numFrames) noexcept;

    /** [audio] A preview plays in the cue only, never in the master; start() clears it. */
    void setPreview (bool isPreview) noexcept
    {
        preview = isPreview;
        if (isPreview)
            cueSend = 1.0f; // heard in the cue from its first sample
    }
    bool isPreview() const noexcept { return preview; }
    /** [audio or the voice's worker] Whether the voice is heard in the cue: a preview, or its pad
        is cued. */
    bool sendsToCue (const PadSnapshot* pad) const noexcept
    {
        return preview || (pad != nullptr && pad->settings.cue);
    }
    /** [audio or the voice's worker] Whether the voice adds to the cue this block: it is cued, or
        its pad's CUE was just turned off and it is still fading out of the cue. */
    bool usesCue (const PadSnapshot* pad) const noexcept { return sendsToCue (pad) || cueSend > 0.0f; }

    /** [audio, after a render was handed back] A voice whose fade or sample ended is freed. */
    void retireIfEnded() noexcept
    {
        if (ended)
            finish();
    }

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
    bool isFree() const noexcept { return !active && keyLock == nullptr && !held; }

    /** [audio] While a late voice worker still renders this voice's bank, the audio thread leaves
        the voice alone: it is not started, retired or metered (see VoiceMixer). */
    void setHeld (bool isHeld) noexcept { held = isHeld; }
    bool isHeld() const noexcept { return held; }

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

    static constexpr double loopFadeSeconds = LoopFadeSource::seamFadeSeconds;

    /** [audio] Source frames the sample is ahead of (+) or behind (−) the beat clock, now: 0 for
        a synced voice that is in time. For tests. */
    double getSyncError (const BeatClock& clock, std::int64_t sample) const noexcept;
    /** Frames the voice is from where the KeyLock stretch, realtime or rendered, is to be heard
        after a pitch or tempo move: how late such a move is. [audio] */
    static constexpr int realtimeLeadFrames = 512;
    bool isSynced() const noexcept { return synced; }

private:
    void finish() noexcept;
    /** Returns the play index the voice starts on: 0, or, synced and late, where the clock is. */
    juce::int64 startSync (const PadSnapshot& pad, const Timing& timing) noexcept;
    void followPadTempo (const PadSnapshot& pad, const Timing& timing) noexcept;
    double syncPosition (const BeatClock& clock, double atSample) const noexcept;
    double framesPerBeatOf (const PadSnapshot& pad) const noexcept;
    double syncedRatio (const Timing& timing, int numFrames) const noexcept;

    static constexpr std::int64_t notReleased = std::numeric_limits<std::int64_t>::max();

    // What the audio thread scans on every hit and block, together at the front. Written by the
    // audio thread only (lastPeak by the renderer, read after the hand-back).
    bool active = false, releasing = false, held = false, preview = false;
    int padIndex = -1;
    juce::uint64 order = 0;
    float lastPeak = 0.0f;
    // The voice's level in the cue (audio or its worker): a hit starts at its pad's CUE; toggling
    // CUE while it plays ramps it over 5 ms, so the headphones hear no click.
    float cueSend = 0.0f, cueStep = 1.0f;
    KeyLockVoice* keyLock = nullptr;

    std::atomic<std::int64_t> releaseAt{ notReleased }; // audio-write, renderer-read

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
    void holdSample (const Sample* s) noexcept; // [audio] the voice's sample, counted as a user
    int renderBridge (const PadSnapshot* pad, float* left, float* right, int numFrames,
                      const Timing& timing) noexcept;

    SampleReader reader;
    LoopFadeSource shaped{ reader };
    ResampledSource rateConverted; // KeyLock wants frames at the engine rate: streams are converted first
    double keyLockPitch = 1.0, keyLockTimeRatio = 1.0;
    VarispeedResampler resampler;
    DjEqBank* eq = nullptr;
    int eqSlot = 0;
    GainRamp gain;
    juce::AudioBuffer<float> scratch;

    double engineRate = 48000.0;
    const Sample* sample = nullptr;
    float velocity = 1.0f;
    double lastPitchRatio = 1.0;

    // renderer only: this block, between renderSource and mixInto
    std::int64_t startSample = 0, blockSample = 0; // the voice's first frame; the block's
    int firstFrame = 0;
    bool sourceEnded = false, ended = false;

    // Sync: the position in stream frames (frames read since start, wraps included) at a timeline
    // sample s is syncOffset + (clock.beatAt (s) − syncOrigin) × framesPerBeat.
    bool synced = false;
    double syncOrigin = 0.0, syncOffset = 0.0, framesPerBeat = 0.0, syncBpm = 0.0;
    double syncAnchor = 0.0; // KeyLock: the sample frame (loop-wrapped) heard on syncOrigin
    int keyLockRetryBlocks = 0;
    juce::int64 loopStartFrame = 0, loopEndFrame = 0;
    bool looping = false;
    PlayTimeline timeline; // the order the pad's hit plays its sample in (start, end, loop, reverse)

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
    SampleRamSource bridgeSource;
    LoopFadeSource bridgeShaped{ bridgeSource };
    bool bridging = false;
    double keyLockSourceFrame = 0.0; // sample frames: where the realtime stretch is in the source
    double renderedAnchor = 0.0;     // synced: syncAnchor in the render's frames
    double renderedBase = 0.0;       // synced: the unwrapped render frame its reader started on
    juce::AudioBuffer<float> incoming;
};

} // namespace paddeck
