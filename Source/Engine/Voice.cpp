#include "Engine/Voice.h"

namespace paddeck
{

Voice::Voice() = default;

void Voice::prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming)
{
    engineRate = sampleRate;
    scratch.setSize (2, maxBlockSize);
    reader.prepare (streaming, SampleReader::defaultRingFrames (juce::jmax (48000.0, sampleRate)));
    resampler.prepare (maxBlockSize);
    rateConverted.prepare (maxBlockSize);
    eq.prepare (sampleRate, maxBlockSize);
    gain.prepare (sampleRate);
    active = false;
}

void Voice::start (int newPad, const PadSnapshot& pad, float velocityGain, juce::uint64 newOrder,
                   KeyLockVoice* keyLockVoice) noexcept
{
    jassert (isFree());

    sample = pad.sample.get();
    padIndex = newPad;
    order = newOrder;
    velocity = velocityGain;
    lastPitchRatio = pad.pitchRatio;
    gain.jumpToGain (pad.gain * velocity); // a hit starts at full level: its onset stays exact
    gain.setFadedIn();
    releasing = sourceEnded = false;
    lastPeak = 0.0f;

    const auto& s = pad.settings;
    const bool loop = s.shouldLoop();
    const auto startFrame = sample->fileFrameToSampleFrame (s.startFrame);
    const auto loopStart = sample->fileFrameToSampleFrame (s.loopStart);
    const auto loopEnd = s.loopEnd < 0 ? (juce::int64) -1 : sample->fileFrameToSampleFrame (s.loopEnd);
    reader.start (*pad.sample, startFrame, loop, loopStart, loopEnd);
    shaped.start (startFrame, sample->getLengthInFrames(), loop, loopStart, loopEnd,
                  juce::roundToInt (loopFadeSeconds * sample->getSampleRate()));
    resampler.reset();
    eq.setGains (pad.eqLow, pad.eqMid, pad.eqHigh);
    eq.reset(); // jumps to this pad's gains: nothing of the voice's previous pad carries over

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
        keyLock->start (*source, pad.keyLockPrime.get(), keyLockPitch);
    }
    active = true;
}

void Voice::release() noexcept
{
    if (! active || releasing)
        return;

    releasing = true;
    gain.fadeOut();
}

void Voice::finish() noexcept
{
    active = releasing = false;
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
    if (keyLock == nullptr || ! keyLock->isIdle())
        return;

    keyLock = nullptr;
    reader.stop();
    sample = nullptr;
}

float Voice::getPlayheadFraction() const noexcept
{
    const auto length = shaped.getLength();
    return length > 0 ? (float) shaped.getPosition() / (float) length : 0.0f;
}

void Voice::render (const PadSnapshot* pad, float* outLeft, float* outRight, int numFrames) noexcept
{
    if (! active)
        return;

    auto* left = scratch.getWritePointer (0);
    auto* right = scratch.getWritePointer (1);

    // The pad's knobs apply while it plays; a voice whose pad was emptied keeps its last settings.
    int produced = 0;
    if (keyLock != nullptr)
    {
        if (pad != nullptr && pad->pitchRatio != keyLockPitch)
            keyLock->setPitch (keyLockPitch = pad->pitchRatio);
        produced = keyLock->readFrames (left, right, numFrames);
    }
    else
    {
        const double ratio = sample->getResampleRatio (engineRate) * (pad != nullptr ? pad->pitchRatio : lastPitchRatio);
        if (pad != nullptr)
            lastPitchRatio = pad->pitchRatio;
        produced = resampler.process (shaped, left, right, numFrames, ratio);
    }

    if (produced < numFrames)
    {
        juce::FloatVectorOperations::clear (left + produced, numFrames - produced);
        juce::FloatVectorOperations::clear (right + produced, numFrames - produced);
        sourceEnded = true;
    }

    if (pad != nullptr)
    {
        eq.setGains (pad->eqLow, pad->eqMid, pad->eqHigh);
        eq.process (left, right, numFrames);
    }

    // Gain ramps across the block to where the knob is now; a release fades to silence.
    if (pad != nullptr)
        gain.setGain (pad->gain * velocity);
    gain.process (left, right, numFrames);

    float peak = 0.0f;
    for (int i = 0; i < numFrames; ++i)
    {
        outLeft[i] += left[i];
        outRight[i] += right[i];
        peak = juce::jmax (peak, std::abs (left[i]), std::abs (right[i]));
    }

    lastPeak = peak;

    if ((releasing && gain.isFadedOut()) || sourceEnded)
        finish();
}

} // namespace paddeck
