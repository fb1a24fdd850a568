#include "Engine/Voice.h"

namespace paddeck
{

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
    active = held = false;
}

void Voice::start (int newPad, const PadSnapshot& pad, float velocityGain, juce::uint64 newOrder,
                   KeyLockVoice* keyLockVoice, Timing timing) noexcept
{
    jassert (isFree());

    sample = pad.sample.get();
    padIndex = newPad;
    order = newOrder;
    velocity = velocityGain;
    lastPitchRatio = pad.pitchRatio;
    gain.jumpToGain (pad.gain * velocity); // a hit starts at full level: its onset stays exact
    gain.setFadedIn();
    releasing = sourceEnded = ended = false;
    releaseAt.store (notReleased, std::memory_order_relaxed);
    startSample = timing.sample;
    lastPeak = pad.gain * velocity; // until it has rendered, a fresh hit counts as loud as it will be

    const auto& s = pad.settings;
    const bool loop = s.shouldLoop();
    const auto length = sample->getLengthInFrames();
    const auto playStart = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, length - 1),
                                         sample->fileFrameToSampleFrame (s.playStartFrame()));
    auto startFrame = playStart;
    const auto loopStart = sample->fileFrameToSampleFrame (s.loopStart);
    const auto loopEnd = s.loopEnd < 0 ? (juce::int64) -1 : sample->fileFrameToSampleFrame (s.loopEnd);
    loopStartFrame = loopStart;
    loopEndFrame = loopEnd < 0 ? sample->getLengthInFrames() : loopEnd;
    startSync (pad, timing, startFrame);
    reader.start (*pad.sample, startFrame, loop, loopStart, loopEnd);
    shaped.start (startFrame, sample->getLengthInFrames(), loop, loopStart, loopEnd,
                  juce::roundToInt (loopFadeSeconds * sample->getSampleRate()));
    resampler.reset();
    eq->setGains (eqSlot, pad.eqLow, pad.eqMid, pad.eqHigh);
    eq->reset (eqSlot); // jumps to this pad's gains: nothing of the voice's previous pad carries over

    keyLock = keyLockVoice;
    if (keyLock != nullptr)
    {
        // From here the KeyLock worker, not the audio thread, reads the reader, until it lets go.
        FrameSource* source = &shaped;
        if (const auto rateRatio = sample->getResampleRatio (engineRate); rateRatio != 1.0)
        {
            rateConverted.reset (shaped, rateRatio);
            source = &rateConverted;
        }
        keyLockPitch = pad.pitchRatio;
        keyLockTimeRatio = synced ? syncBpm / timing.clock->getBpm() : 1.0; // as the prime was made
        keyLock->start (*source,
                        startFrame == sample->fileFrameToSampleFrame (s.startFrame) ? pad.keyLockPrime.get()
                                                                                    : nullptr,
                        keyLockPitch, keyLockTimeRatio);
    }
    active = true;
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

    if (keyLock != nullptr)
    {
        keyLock->stop();
        pollDrain();
        return;
    }

    reader.stop();
    sample = nullptr;
}

void Voice::pollDrain() noexcept
{
    if (keyLock == nullptr || !keyLock->isIdle())
        return;

    keyLock = nullptr;
    reader.stop();
    sample = nullptr;
}

void Voice::startSync (const PadSnapshot& pad, const Timing& timing, juce::int64& startFrame) noexcept
{
    synced = pad.synced && pad.bpm > 0.0 && timing.clock != nullptr;
    if (!synced)
        return;

    const auto& clock = *timing.clock;
    syncBpm = pad.bpm;
    framesPerBeat = framesPerBeatOf (pad);

    // The pad's beat 0 (startFrame: see PadSettings::playStartFrame) sounds on the launch beat, or,
    // in phase, on the beat the bar began.
    const auto length = sample->getLengthInFrames();
    const auto now = clock.beatAt (timing.sample);
    syncOrigin = pad.inPhase ? clock.barStartBeat (timing.sample) : juce::jmin (timing.launchBeat, now);

    // How far into the sample the clock says we are; the reader starts on that whole frame.
    const auto ahead = (juce::int64) std::floor (juce::jmax (0.0, (now - syncOrigin) * framesPerBeat));
    syncOffset = -(double) ahead;
    const auto firstPass = loopEndFrame - startFrame;
    if (ahead < firstPass || !pad.settings.shouldLoop() || loopEndFrame <= loopStartFrame)
        startFrame = juce::jmin (length, startFrame + ahead);
    else
        startFrame = loopStartFrame + (ahead - firstPass) % (loopEndFrame - loopStartFrame);
}

double Voice::syncPosition (const BeatClock& clock, double atSample) const noexcept
{
    return syncOffset + (clock.beatAt (atSample) - syncOrigin) * framesPerBeat;
}

double Voice::getSyncError (const BeatClock& clock, std::int64_t atSample) const noexcept
{
    return synced ? resampler.getSourcePosition() - syncPosition (clock, (double) atSample) : 0.0;
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
    if (keyLock != nullptr)
    {
        if (pad != nullptr && pad->pitchRatio != keyLockPitch)
            keyLock->setPitch (keyLockPitch = pad->pitchRatio);
        // Synced: Rubber Band's time ratio (output ÷ input) is the master's beat over the pad's.
        const auto timeRatio = synced ? syncBpm / timing.clock->getBpm() : 1.0;
        if (timeRatio != keyLockTimeRatio)
            keyLock->setTimeRatio (keyLockTimeRatio = timeRatio);
        produced = keyLock->readFrames (left, right, frames);
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

    if (pad == nullptr)
        return false;
    eq->setGains (eqSlot, pad->eqLow, pad->eqMid, pad->eqHigh);
    return true;
}

void Voice::mixInto (const PadSnapshot* pad, float* outLeft, float* outRight, int numFrames) noexcept
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
    gain.process (left + firstFrame, right + firstFrame, fadeFrom - firstFrame);
    if (fadeFrom < numFrames)
    {
        gain.fadeOut();
        gain.process (left + fadeFrom, right + fadeFrom, numFrames - fadeFrom);
    }

    // Vector passes (a max reduction over floats stays scalar in a plain loop): the same sums,
    // the same peak.
    const int frames = numFrames - firstFrame;
    juce::FloatVectorOperations::add (outLeft + firstFrame, left + firstFrame, frames);
    juce::FloatVectorOperations::add (outRight + firstFrame, right + firstFrame, frames);
    const auto l = juce::FloatVectorOperations::findMinAndMax (left + firstFrame, frames);
    const auto r = juce::FloatVectorOperations::findMinAndMax (right + firstFrame, frames);
    lastPeak = juce::jmax (-l.getStart(), l.getEnd(), -r.getStart(), r.getEnd());
    ended = (releaseSample != notReleased && gain.isFadedOut()) || sourceEnded;
}

} // namespace paddeck
