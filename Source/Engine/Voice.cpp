#include "Engine/Voice.h"

#include "Dsp/VectorOps.h"

#include <cstring>

namespace paddeck
{

namespace
{
constexpr int toRenderFadeFrames = 2048;  // ~43 ms: nothing waits on it, so it can be long and smooth
constexpr int toRealtimeFadeFrames = 256; // a knob moved: heard soon
constexpr int streamedRenderLead = 4096;  // a streamed render's ring fills before it is heard
constexpr int bridgeFadeFrames = 256;     // a hit's attack without a prime, into the realtime stretch

using vec::Int4, vec::Vec4;

/** out += in × g on both channels, in one pass, returning the peak of in × g: the same products,
    the same sums and the same peak as scaling in place, adding, then scanning each channel for
    its extremes. Written on four lanes (GCC vector extensions): a plain loop with a float max
    reduction stays scalar. */
float addScaledWithPeak (const float* inL, const float* inR, float* outL, float* outR, float g,
                         int numFrames) noexcept
{
    const auto load = [] (const float* p)
    {
        Vec4 v;
        vec::load (v, p);
        return v;
    };
    const auto magnitude = [] (Vec4 v)
    {
        Int4 bits;
        std::memcpy (&bits, &v, sizeof (bits));
        bits &= 0x7fffffff;
        std::memcpy (&v, &bits, sizeof (v));
        return v;
    };

    Vec4 peak{};
    int i = 0;
    for (; i + 4 <= numFrames; i += 4)
    {
        const Vec4 l = load (inL + i) * g, r = load (inR + i) * g;
        const Vec4 sumL = load (outL + i) + l, sumR = load (outR + i) + r;
        vec::store (outL + i, sumL);
        vec::store (outR + i, sumR);
        const Vec4 ml = magnitude (l), mr = magnitude (r);
        peak = ml > peak ? ml : peak;
        peak = mr > peak ? mr : peak;
    }
    float result = std::max (std::max (peak[0], peak[1]), std::max (peak[2], peak[3]));
    for (; i < numFrames; ++i)
    {
        const float l = inL[i] * g, r = inR[i] * g;
        outL[i] += l;
        outR[i] += r;
        result = std::max (result, std::max (std::abs (l), std::abs (r)));
    }
    return result;
}

void prefetchLines (const float* from, int numFloats) noexcept
{
    constexpr std::uintptr_t line = 64;
    const auto first = reinterpret_cast<std::uintptr_t> (from) & ~(line - 1);
    const auto end = reinterpret_cast<std::uintptr_t> (from + numFloats);
    for (auto a = first; a < end; a += line)
        __builtin_prefetch (reinterpret_cast<const void*> (a), 0, 2);
}
} // namespace

Voice::Voice() = default;

void Voice::prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming, DjEqBank& eqBank,
                     int slot)
{
    engineRate = sampleRate;
    scratch.setSize (2, maxBlockSize);
    reader.prepare (streaming, SampleReader::defaultRingFrames (juce::jmax (48000.0, sampleRate)));
    resampler.prepare (maxBlockSize);
    rateConverted.prepare (maxBlockSize);
    eq = &eqBank;
    eqSlot = slot;
    gain.prepare (sampleRate);
    cueStep = (float) (1.0 / juce::jmax (1.0, 0.005 * sampleRate));
    rendered.prepare (sampleRate, maxBlockSize, streaming);
    incoming.setSize (2, maxBlockSize);
    active = held = false;
}

/** The pad's render, when it is exactly what the voice would play now. */
static const RenderedStretch* renderFitting (const PadSnapshot& pad, bool synced, double clockBpm) noexcept
{
    // A render is of the whole file, forwards, unfaded: a shaped pad plays the realtime stretch.
    if (pad.settings.pitchMode != PitchMode::keyLock || pad.renderedStretch == nullptr
        || pad.settings.isShaped())
        return nullptr;
    return pad.renderedStretch->playsFor (pad.pitchRatio, synced, pad.bpm, clockBpm)
               ? pad.renderedStretch.get()
               : nullptr;
}

bool Voice::needsRealtimeStretch (const PadSnapshot& pad, const Timing& timing) noexcept
{
    const bool synced = pad.synced && pad.bpm > 0.0 && timing.clock != nullptr;
    return pad.settings.pitchMode == PitchMode::keyLock
           && renderFitting (pad, synced, synced ? timing.clock->getBpm() : 0.0) == nullptr;
}

const RenderedStretch* Voice::fittingRender (const PadSnapshot* pad, const Timing& timing) const noexcept
{
    if (pad == nullptr || pad->sample.get() != sample)
        return nullptr; // the pad holds another file now: the voice plays on as it is
    return renderFitting (*pad, synced, synced ? timing.clock->getBpm() : 0.0);
}

void Voice::start (int newPad, const PadSnapshot& pad, float velocityGain, juce::uint64 newOrder,
                   KeyLockVoice* keyLockVoice, Timing timing) noexcept
{
    jassert (isFree());

    holdSample (pad.sample.get());
    padIndex = newPad;
    order = newOrder;
    preview = false;
    cueSend = pad.settings.cue ? 1.0f : 0.0f;
    velocity = velocityGain;
    lastPitchRatio = pad.pitchRatio;
    gain.jumpToGain (pad.gain * velocity); // a hit starts at full level: its onset stays exact
    gain.setFadedIn();
    releasing = sourceEnded = ended = false;
    releaseAt.store (notReleased, std::memory_order_relaxed);
    startSample = timing.sample;
    lastPeak = pad.gain * velocity; // until it has rendered, a fresh hit counts as loud as it will be

    const auto& s = pad.settings;
    timeline = PlayTimeline::of (*sample, pad.region, s.shouldLoop());
    loopStartFrame = timeline.getLoopStart();
    loopEndFrame = timeline.getLoopEnd();
    looping = timeline.isLooping();
    const auto skipped = startSync (pad, timing);
    const auto played = timeline.skippedBy (skipped); // what the reader plays: from the hit, or later
    const auto startFrame = played.runAt (0).frame;
    eq->setGains (eqSlot, pad.eqLow, pad.eqMid, pad.eqHigh);
    eq->reset (eqSlot); // jumps to this pad's gains: nothing of the voice's previous pad carries over
    keyLockLive = renderedLive = switching = wantKeyLock = bridging = false;
    keyLockRetryBlocks = 0;
    keyLockSourceFrame = (double) startFrame;
    active = true;

    // A KeyLock pad whose render fits plays it: a plain voice, no realtime stretch.
    if (const auto* fit = renderFitting (pad, synced, synced ? timing.clock->getBpm() : 0.0))
    {
        jassert (keyLockVoice == nullptr);
        startRendered (*fit, timing, startFrame, 0);
        renderedLive = true;
        return;
    }

    reader.start (*pad.sample, played);
    shaped.startForPad (timeline, s, sample->getSampleRate(), skipped);
    resampler.reset();

    keyLock = keyLockVoice;
    if (keyLock != nullptr)
    {
        keyLockLive = true;
        // From here the KeyLock worker, not the audio thread, reads the reader, until it lets go.
        FrameSource* source = &shaped;
        if (const auto rateRatio = sample->getResampleRatio (engineRate); rateRatio != 1.0)
        {
            rateConverted.reset (shaped, rateRatio);
            source = &rateConverted;
        }
        keyLockPitch = pad.pitchRatio;
        keyLockTimeRatio = synced ? syncBpm / timing.clock->getBpm() : 1.0; // as the prime was made
        // The prime is the pad's hit, shaped as `shaped` shapes it (SnapshotCompiler::makeKeyLockPrime).
        keyLock->start (*source, skipped == 0 ? pad.keyLockPrime.get() : nullptr, keyLockPitch,
                        keyLockTimeRatio);
        bridging = !keyLock->startedPrimed();
        if (bridging)
        {
            bridgeSource.start (*sample, played);
            bridgeShaped.startForPad (timeline, s, sample->getSampleRate(), skipped);
            fade.start (bridgeFadeFrames);
        }
    }
}

void Voice::release (std::int64_t atSample) noexcept
{
    if (!active || releasing)
        return;

    // The renderer starts the fade at that sample of its block; the gain ramp itself is its own.
    releasing = true;
    releaseAt.store (atSample, std::memory_order_relaxed);
}

void Voice::finish() noexcept
{
    active = releasing = ended = false;
    padIndex = -1;
    rendered.stop();
    renderedLive = switching = wantKeyLock = bridging = false;
    if (keyLockLent) // lent for a switch that never started: it is free as it is
        keyLock = nullptr;
    keyLockLent = false;

    if (keyLock != nullptr)
    {
        stopKeyLock();
        return;
    }

    reader.stop();
    holdSample (nullptr);
}

void Voice::stopKeyLock() noexcept
{
    if (keyLockLive)
        keyLock->stop();
    keyLockLive = false;
    pollDrain();
}

void Voice::pollDrain() noexcept
{
    // The KeyLock worker reads the voice's reader until it lets go of it.
    if (keyLock == nullptr || keyLockLive || keyLockLent || !keyLock->isIdle())
        return;

    keyLock = nullptr;
    reader.stop();
    if (!active)
        holdSample (nullptr);
}

void Voice::holdSample (const Sample* s) noexcept
{
    // The voice keeps its sample for as long as it refers to it, whatever its readers do: a voice
    // on its rendered stretch reads another file, and a drained KeyLock worker let go of the
    // voice's reader, yet the voice still asks its sample for its rate and length (and may go back
    // to the realtime stretch). SampleGarbage frees a sample only when nothing uses it; before,
    // a pad cleared or reloaded under such a voice freed it (ASan in a 60-minute soak).
    // (The user count is bookkeeping beside the sample's content, which the voice only reads.)
    if (s == sample)
        return;
    if (sample != nullptr)
        const_cast<Sample*> (sample)->removeUser();
    sample = s;
    if (sample != nullptr)
        const_cast<Sample*> (sample)->addUser();
}

void Voice::giveKeyLock (KeyLockVoice* voice) noexcept
{
    wantKeyLock = false;
    if (voice == nullptr)
    {
        keyLockRetryBlocks = 32; // none free: the render plays on as it is, and the voice asks again
        return;
    }
    jassert (keyLock == nullptr && voice->isIdle());
    keyLock = voice;
    keyLockLent = true; // not started yet: not to be drained
}

juce::int64 Voice::startSync (const PadSnapshot& pad, const Timing& timing) noexcept
{
    synced = pad.synced && pad.bpm > 0.0 && timing.clock != nullptr;
    if (!synced)
        return 0;

    const auto& clock = *timing.clock;
    syncBpm = pad.bpm;
    framesPerBeat = framesPerBeatOf (pad);

    // The pad's beat 0 (its hit point: see PadSettings::playStartFrame) sounds on the launch beat,
    // or, in phase, on the beat the bar began.
    const auto now = clock.beatAt (timing.sample);
    syncOrigin = pad.inPhase ? clock.barStartBeat (timing.sample) : juce::jmin (timing.launchBeat, now);
    syncAnchor = (double) timeline.runAt (0).frame;

    // How far into the sample the clock says we are; the reader starts on that whole frame.
    const auto ahead = (juce::int64) std::floor (juce::jmax (0.0, (now - syncOrigin) * framesPerBeat));
    syncOffset = -(double) ahead;
    return ahead;
}

double Voice::syncPosition (const BeatClock& clock, double atSample) const noexcept
{
    return syncOffset + (clock.beatAt (atSample) - syncOrigin) * framesPerBeat;
}

double Voice::getSyncError (const BeatClock& clock, std::int64_t atSample) const noexcept
{
    if (!synced)
        return 0.0;
    if (renderedLive && !keyLockLive) // in the render's frames
        return rendered.getSourcePosition() - (renderedUnwrapped (clock, (double) atSample) - renderedBase);
    return resampler.getSourcePosition() - syncPosition (clock, (double) atSample);
}

void Voice::followPadTempo (const PadSnapshot& pad, const Timing& timing) noexcept
{
    const bool wantSync = pad.synced && pad.bpm > 0.0 && timing.clock != nullptr;
    if (wantSync == synced && (!synced || (pad.bpm == syncBpm && framesPerBeatOf (pad) == framesPerBeat)))
        return;

    // Sync switched, or the pad's tempo was changed while it plays: carry on from where the
    // voice is, at the new rate, so nothing jumps.
    synced = wantSync;
    if (!synced)
        return;
    syncOffset = keyLock != nullptr ? 0.0 : resampler.getSourcePosition();
    syncOrigin = timing.clock->beatAt (timing.sample);
    syncAnchor = sourceFrameAt (timing, 0);
    syncBpm = pad.bpm;
    framesPerBeat = framesPerBeatOf (pad);
}

double Voice::framesPerBeatOf (const PadSnapshot& pad) const noexcept
{
    // A whole-beat loop's beat is its exact length in the frames it plays from (a RAM sample's
    // length after rate conversion is rounded), so it wraps on the beat, whatever the rates.
    if (pad.loopBeats > 0 && loopEndFrame > loopStartFrame)
        return (double) (loopEndFrame - loopStartFrame) / pad.loopBeats;
    return 60.0 * sample->getSampleRate() / pad.bpm;
}

double Voice::syncedRatio (const Timing& timing, int numFrames) const noexcept
{
    // The ratio that lands the resampler exactly where the clock says at the block's end. In time,
    // it is the tempo ratio; behind or ahead, it corrects within the block, within 2 % of pitch.
    const auto& clock = *timing.clock;
    const auto nominal = framesPerBeat / clock.getFramesPerBeat();
    const auto target = syncPosition (clock, (double) (timing.sample + numFrames));
    const auto exact = (target - resampler.getSourcePosition()) / numFrames;
    return juce::jlimit (nominal * 0.98, nominal * 1.02, exact);
}

float Voice::getPlayheadFraction() const noexcept
{
    if (renderedLive && !keyLockLive && sample != nullptr && sample->getLengthInFrames() > 0)
        return (float) (rendered.getStretch()->sourceFrameOf ((double) rendered.getFrame(),
                                                              sample->getSampleRate())
                        / (double) sample->getLengthInFrames());
    const auto length = shaped.getLength();
    return length > 0 ? (float) shaped.getPosition() / (float) length : 0.0f;
}

bool Voice::renderSource (const PadSnapshot* pad, int numFrames, Timing timing) noexcept
{
    // A voice started in this block sounds from its own sample: the frames before stay silent
    // (and run through its freshly reset EQ as zeros, which leave the filters at rest).
    blockSample = timing.sample;
    firstFrame = (int) juce::jlimit ((std::int64_t) 0, (std::int64_t) numFrames, startSample - timing.sample);
    const int frames = numFrames - firstFrame;
    timing.sample += firstFrame;

    if (pad != nullptr)
        followPadTempo (*pad, timing);

    auto* left = scratch.getWritePointer (0);
    auto* right = scratch.getWritePointer (1);
    juce::FloatVectorOperations::clear (left, firstFrame);
    juce::FloatVectorOperations::clear (right, firstFrame);
    left += firstFrame;
    right += firstFrame;

    // The pad's knobs apply while it plays; a voice whose pad was emptied keeps its last settings.
    int produced = 0;
    pollDrain();
    if (keyLockLive || renderedLive)
    {
        switchStretch (pad, timing);
        produced = renderStretch (pad, left, right, frames, timing);
    }
    else if (synced)
    {
        // Varispeed in sync: speed and pitch follow the tempo, like a turntable.
        produced = resampler.process (shaped, left, right, frames, syncedRatio (timing, frames), false);
    }
    else
    {
        const double ratio =
            sample->getResampleRatio (engineRate) * (pad != nullptr ? pad->pitchRatio : lastPitchRatio);
        if (pad != nullptr)
            lastPitchRatio = pad->pitchRatio;
        produced = resampler.process (shaped, left, right, frames, ratio);
    }

    if (produced < frames)
    {
        juce::FloatVectorOperations::clear (left + produced, frames - produced);
        juce::FloatVectorOperations::clear (right + produced, frames - produced);
        sourceEnded = true;
    }
    else
    {
        prefetchNextSource (numFrames);
    }

    if (pad == nullptr)
        return false;
    eq->setGains (eqSlot, pad->eqLow, pad->eqMid, pad->eqHigh);
    return true;
}

void Voice::prefetchNextSource (int numFrames) const noexcept
{
    // Measured: copying a RAM voice's frames into the resampler was ~20 % of its block, nearly all
    // of it waiting for memory (each block reads frames no one read before). Fetched a block
    // ahead, they wait in the cache instead. Only the varispeed path reads the sample this way.
    if (sample == nullptr || keyLock != nullptr || keyLockLive || renderedLive || !reader.isPlaying())
        return;
    const auto wanted = (juce::int64) std::ceil (resampler.getRatio() * numFrames) + 2;
    const auto span = sample->findRam (reader.getNextFrame(), wanted, timeline.isReversed());
    if (span.frames <= 0)
        return;
    prefetchLines (span.left, span.frames);
    if (span.right != span.left)
        prefetchLines (span.right, span.frames);
}

void Voice::mixInto (const PadSnapshot* pad, float* outLeft, float* outRight, float* cueLeft, float* cueRight,
                     int numFrames) noexcept
{
    auto* left = scratch.getWritePointer (0);
    auto* right = scratch.getWritePointer (1);

    // Gain ramps across the block to where the knob is now; a release fades to silence from its
    // sample on, so the block is split there (and only there).
    if (pad != nullptr)
        gain.setGain (pad->gain * velocity);
    const auto releaseSample = releaseAt.load (std::memory_order_relaxed);
    const int fadeFrom = releaseSample == notReleased
                             ? numFrames
                             : (int) juce::jlimit ((std::int64_t) firstFrame, (std::int64_t) numFrames,
                                                   releaseSample - blockSample);
    const float cueTarget = sendsToCue (pad) ? 1.0f : 0.0f;

    // Most blocks of most voices: a steady gain, no release, heard in the master only. Then the
    // gain, the sum and the meter's peak are one pass over the block instead of five.
    if (fadeFrom == numFrames && gain.isSteady() && !preview && cueTarget == 0.0f
        && (cueLeft == nullptr || cueSend == 0.0f))
    {
        cueSend = 0.0f;
        lastPeak = addScaledWithPeak (left + firstFrame, right + firstFrame, outLeft + firstFrame,
                                      outRight + firstFrame, gain.getSteadyGain(), numFrames - firstFrame);
        ended = (releaseSample != notReleased && gain.isFadedOut()) || sourceEnded;
        return;
    }

    gain.process (left + firstFrame, right + firstFrame, fadeFrom - firstFrame);
    if (fadeFrom < numFrames)
    {
        gain.fadeOut();
        gain.process (left + fadeFrom, right + fadeFrom, numFrames - fadeFrom);
    }

    // Vector passes (a max reduction over floats stays scalar in a plain loop): the same sums,
    // the same peak.
    const int frames = numFrames - firstFrame;
    if (!preview)
    {
        juce::FloatVectorOperations::add (outLeft + firstFrame, left + firstFrame, frames);
        juce::FloatVectorOperations::add (outRight + firstFrame, right + firstFrame, frames);
    }
    if (cueLeft == nullptr)
    {
        cueSend = cueTarget; // no cue this block (a 2-output device): nothing to fade
    }
    else if (cueSend == cueTarget)
    {
        if (cueTarget > 0.0f)
        {
            juce::FloatVectorOperations::add (cueLeft + firstFrame, left + firstFrame, frames);
            juce::FloatVectorOperations::add (cueRight + firstFrame, right + firstFrame, frames);
        }
    }
    else
    {
        // The pad's CUE was toggled while it plays: it fades into or out of the cue.
        for (int i = firstFrame; i < numFrames; ++i)
        {
            cueSend = cueTarget > cueSend ? juce::jmin (cueTarget, cueSend + cueStep)
                                          : juce::jmax (cueTarget, cueSend - cueStep);
            cueLeft[i] += cueSend * left[i];
            cueRight[i] += cueSend * right[i];
        }
    }
    const auto l = juce::FloatVectorOperations::findMinAndMax (left + firstFrame, frames);
    const auto r = juce::FloatVectorOperations::findMinAndMax (right + firstFrame, frames);
    lastPeak = juce::jmax (-l.getStart(), l.getEnd(), -r.getStart(), r.getEnd());
    ended = (releaseSample != notReleased && gain.isFadedOut()) || sourceEnded;
}

//==============================================================================
// KeyLock pads: the rendered stretch, the realtime one, and the switch between them.

void Voice::wrapSourceFrame (double& frame) const noexcept
{
    if (looping && frame >= (double) loopEndFrame)
        frame = (double) loopStartFrame
                + std::fmod (frame - (double) loopEndFrame, (double) (loopEndFrame - loopStartFrame));
    frame = juce::jmax (0.0, frame);
}

double Voice::sourceFrameAt (const Timing& timing, int ahead) const noexcept
{
    // Synced: where the beat clock says, from the anchor; else where the stretch heard now is.
    double frame;
    if (synced)
        frame = syncAnchor
                + (timing.clock->beatAt ((double) (timing.sample + ahead)) - syncOrigin) * framesPerBeat;
    else if (renderedLive && !keyLockLive)
        frame = rendered.getStretch()->sourceFrameOf ((double) (rendered.getFrame() + ahead),
                                                      sample->getSampleRate());
    else
        frame = keyLockSourceFrame + ahead * sample->getResampleRatio (engineRate) / keyLockTimeRatio;
    wrapSourceFrame (frame);
    return frame;
}

double Voice::renderedUnwrapped (const BeatClock& clock, double atSample) const noexcept
{
    return renderedAnchor + (clock.beatAt (atSample) - syncOrigin) * rendered.getStretch()->framesPerBeat();
}

void Voice::startRendered (const RenderedStretch& stretch, const Timing& timing, juce::int64 sourceFrame,
                           int lead) noexcept
{
    const auto& layout = stretch.layout;
    const auto sourceRate = sample->getSampleRate();
    double frame;
    if (synced)
    {
        renderedAnchor = stretch.renderedFrameOf (syncAnchor, sourceRate);
        // Where the beat clock puts the render `lead` frames from now: its beats are the clock's.
        const auto target = juce::jmax (
            renderedAnchor, renderedAnchor
                                + (timing.clock->beatAt ((double) (timing.sample + lead)) - syncOrigin)
                                      * stretch.framesPerBeat());
        renderedBase = std::floor (target);
        frame = renderedBase;
    }
    else
    {
        frame = std::floor (stretch.renderedFrameOf ((double) sourceFrame, sourceRate));
    }

    if (looping && layout.loopEnd > layout.loopStart && frame >= (double) layout.loopEnd)
        frame = (double) layout.loopStart
                + std::fmod (frame - (double) layout.loopEnd, (double) (layout.loopEnd - layout.loopStart));
    rendered.start (stretch, (juce::int64) frame, looping);
}

void Voice::startRealtime (const PadSnapshot& pad, const Timing& timing, double sourceFrame) noexcept
{
    // Only an unshaped pad plays a render (renderFitting): its timeline runs forwards from here.
    const auto frame = (juce::int64) std::floor (sourceFrame);
    const auto from = timeline.startingFrom (frame);
    reader.start (*pad.sample, from);
    shaped.start (from, LoopFadeSource::framesOf (loopFadeSeconds * 1000.0, sample->getSampleRate()));
    FrameSource* source = &shaped;
    if (const auto rateRatio = sample->getResampleRatio (engineRate); rateRatio != 1.0)
    {
        rateConverted.reset (shaped, rateRatio);
        source = &rateConverted;
    }
    keyLockSourceFrame = (double) frame;
    keyLockPitch = pad.pitchRatio;
    keyLockTimeRatio = synced ? syncBpm / timing.clock->getBpm() : 1.0;
    keyLock->start (*source, nullptr, keyLockPitch, keyLockTimeRatio);
    keyLockLive = true;
    keyLockLent = false;
}

void Voice::switchStretch (const PadSnapshot* pad, const Timing& timing) noexcept
{
    if (switching)
        return; // one switch at a time: a later change is taken up once it is done

    const auto* fit = fittingRender (pad, timing);
    if (keyLockLive && fit != nullptr)
    {
        // The render landed (or fits again): start it ahead, where the realtime stretch will be.
        const auto lead = fit->sample->isStreamed() ? streamedRenderLead : 0;
        startRendered (*fit, timing, (juce::int64) std::floor (sourceFrameAt (timing, lead)), lead);
        renderedLive = switching = true;
        fadeFrom = Source::keyLock;
        switchWait = lead;
        fade.start (toRenderFadeFrames);
    }
    else if (renderedLive && !keyLockLive && pad != nullptr && pad->sample.get() == sample
             && !rendered.getStretch()->playsFor (pad->pitchRatio, synced, pad->bpm,
                                                  synced ? timing.clock->getBpm() : 0.0))
    {
        // The pitch or tempo moved off the render: the realtime stretch takes over, a little ahead.
        if (keyLock == nullptr)
        {
            wantKeyLock = keyLockRetryBlocks <= 0;
            keyLockRetryBlocks = juce::jmax (0, keyLockRetryBlocks - 1);
            return;
        }
        startRealtime (*pad, timing, sourceFrameAt (timing, realtimeLeadFrames));
        switching = true;
        fadeFrom = Source::render;
        switchWait = realtimeLeadFrames;
        fade.start (toRealtimeFadeFrames);
    }
    else
    {
        return;
    }
}

double Voice::renderedRatio (const Timing& timing, int numFrames) const noexcept
{
    const auto* stretch = rendered.getStretch();
    if (!synced)
        return stretch->sample->getResampleRatio (engineRate);
    // As syncedRatio, in the render's frames: it lands where the clock says at the block's end.
    const auto& clock = *timing.clock;
    const auto nominal = stretch->framesPerBeat() / clock.getFramesPerBeat();
    const auto target = renderedUnwrapped (clock, (double) (timing.sample + numFrames)) - renderedBase;
    const auto exact = (target - rendered.getSourcePosition()) / numFrames;
    return juce::jlimit (nominal * 0.98, nominal * 1.02, exact);
}

int Voice::renderFromRender (float* left, float* right, int numFrames, const Timing& timing) noexcept
{
    return rendered.render (left, right, numFrames, renderedRatio (timing, numFrames));
}

int Voice::renderFromKeyLock (const PadSnapshot* pad, float* left, float* right, int numFrames,
                              const Timing& timing, bool countMisses) noexcept
{
    if (pad != nullptr && pad->pitchRatio != keyLockPitch)
        keyLock->setPitch (keyLockPitch = pad->pitchRatio);
    // Synced: Rubber Band's time ratio (output ÷ input) is the master's beat over the pad's.
    const auto timeRatio = synced ? syncBpm / timing.clock->getBpm() : 1.0;
    if (timeRatio != keyLockTimeRatio)
        keyLock->setTimeRatio (keyLockTimeRatio = timeRatio);
    const auto produced = keyLock->readFrames (left, right, numFrames, countMisses);
    keyLockSourceFrame += numFrames * sample->getResampleRatio (engineRate) / keyLockTimeRatio;
    wrapSourceFrame (keyLockSourceFrame);
    return produced;
}

int Voice::renderBridge (const PadSnapshot* pad, float* left, float* right, int numFrames,
                         const Timing& timing) noexcept
{
    auto* inL = incoming.getWritePointer (0);
    auto* inR = incoming.getWritePointer (1);

    // The realtime stretch is read from the hit on, unheard (its misses not counted) until it has
    // frames: it stays on the hit's timeline, so the fade joins it where it is.
    const bool ready = fade.hasStarted() || keyLock->isReadyFor (numFrames);
    const auto pitch = pad != nullptr ? pad->pitchRatio : keyLockPitch;
    resampler.process (bridgeShaped, left, right, numFrames, sample->getResampleRatio (engineRate) * pitch);
    const auto produced = renderFromKeyLock (pad, inL, inR, numFrames, timing, ready);
    if (!ready)
        return produced;

    fade.process (left, right, inL, inR, numFrames);
    if (fade.isDone())
        bridging = false;
    return produced;
}

int Voice::renderStretch (const PadSnapshot* pad, float* left, float* right, int numFrames,
                          const Timing& timing) noexcept
{
    const auto renderSource = [&] (Source which, float* l, float* r, int n, int offset, bool heard)
    {
        const Timing at{ timing.clock, timing.sample + offset, 0.0 };
        return which == Source::render ? renderFromRender (l, r, n, at)
                                       : renderFromKeyLock (pad, l, r, n, at, heard);
    };

    if (bridging)
        return renderBridge (pad, left, right, numFrames, timing);
    if (!switching)
        return renderSource (renderedLive ? Source::render : Source::keyLock, left, right, numFrames, 0,
                             true);

    const auto to = fadeFrom == Source::render ? Source::keyLock : Source::render;
    int done = 0, produced = 0;

    // Until the incoming source's first frame is due, only the outgoing one is heard.
    if (switchWait > 0)
    {
        const auto n = juce::jmin (numFrames, switchWait);
        produced = renderSource (fadeFrom, left, right, n, 0, true);
        switchWait -= n;
        done = n;
    }
    if (done >= numFrames)
        return produced;

    const auto n = numFrames - done;
    auto* inL = incoming.getWritePointer (0);
    auto* inR = incoming.getWritePointer (1);
    const auto ready =
        fade.hasStarted() || (to == Source::render ? rendered.isReadyFor (n) : keyLock->isReadyFor (n));
    const auto fromProduced = renderSource (fadeFrom, left + done, right + done, n, done, true);
    produced = done + fromProduced;

    if (!ready)
    {
        // Not there in time. A render starts again further on; the realtime stretch is read unheard
        // (its misses are not counted) until it catches up.
        if (to == Source::render)
        {
            startRendered (*rendered.getStretch(), { timing.clock, timing.sample + numFrames, 0.0 },
                           (juce::int64) std::floor (sourceFrameAt (
                               { timing.clock, timing.sample + numFrames, 0.0 }, streamedRenderLead)),
                           streamedRenderLead);
            switchWait = streamedRenderLead;
        }
        else
        {
            renderSource (to, inL, inR, n, done, false);
        }
        return produced;
    }

    const auto toProduced = renderSource (to, inL, inR, n, done, true);

    fade.process (left + done, right + done, inL, inR, n);
    if (!fade.isDone())
        return juce::jmax (produced, done + toProduced);

    // The switch is done: the outgoing source stops.
    switching = false;
    if (fadeFrom == Source::keyLock)
        stopKeyLock();
    else
    {
        rendered.stop();
        renderedLive = false;
    }
    return done + toProduced;
}

} // namespace paddeck
