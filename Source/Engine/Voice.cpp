#include "Engine/Voice.h"

namespace paddeck
{

Voice::Voice() = default;

void Voice::prepare (double sampleRate, int maxBlockSize)
{
    engineRate = sampleRate;
    scratch.setSize (2, maxBlockSize);
    reader.prepare();
    resampler.prepare (maxBlockSize);
    eq.prepare (sampleRate, maxBlockSize);
    active = false;
}

void Voice::start (int newPad, const PadSnapshot& pad, float velocityGain, juce::uint64 newOrder) noexcept
{
    if (active)
        finish();

    sample = pad.sample.get();
    padIndex = newPad;
    order = newOrder;
    velocity = velocityGain;
    currentGain = pad.gain * velocity; // a hit starts at full level: its onset stays exact
    releasing = sourceEnded = false;
    lastPeak = 0.0f;

    const auto& s = pad.settings;
    const bool loop = s.shouldLoop();
    reader.start (*pad.sample, s.startFrame, loop, s.loopStart, s.loopEnd);
    shaped.start (s.startFrame, sample->getLengthInFrames(), loop, s.loopStart, s.loopEnd,
                  juce::roundToInt (loopFadeSeconds * sample->getSampleRate()));
    resampler.reset();
    eq.reset();
    eq.setGains (pad.eqLow, pad.eqMid, pad.eqHigh);
    active = true;
}

void Voice::release (int fadeFrames) noexcept
{
    if (! active || releasing)
        return;

    releasing = true;
    releaseTotal = releaseLeft = juce::jmax (1, fadeFrames);
}

void Voice::finish() noexcept
{
    reader.stop();
    active = releasing = false;
    sample = nullptr;
    padIndex = -1;
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
    const double ratio = sample->getSampleRate() / engineRate * (pad != nullptr ? pad->pitchRatio : 1.0);
    const int produced = resampler.process (shaped, left, right, numFrames, ratio);

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

    // Gain: a linear ramp from where it was to where the knob is now; a release fades to zero.
    const float targetGain = (pad != nullptr ? pad->gain : currentGain / juce::jmax (velocity, 1.0e-6f)) * velocity;
    float peak = 0.0f;

    if (releasing)
    {
        const int n = juce::jmin (numFrames, releaseLeft);
        for (int i = 0; i < n; ++i)
        {
            const float g = targetGain * (float) (releaseLeft - i) / (float) releaseTotal;
            outLeft[i] += left[i] * g;
            outRight[i] += right[i] * g;
            peak = juce::jmax (peak, std::abs (left[i] * g), std::abs (right[i] * g));
        }
        releaseLeft -= n;
    }
    else
    {
        const float step = (targetGain - currentGain) / (float) numFrames;
        float g = currentGain;
        for (int i = 0; i < numFrames; ++i)
        {
            g += step;
            outLeft[i] += left[i] * g;
            outRight[i] += right[i] * g;
            peak = juce::jmax (peak, std::abs (left[i] * g), std::abs (right[i] * g));
        }
        currentGain = targetGain;
    }

    lastPeak = peak;

    if ((releasing && releaseLeft <= 0) || sourceEnded)
        finish();
}

} // namespace paddeck
