#include "Engine/MasterBus.h"

#include "Dsp/VectorOps.h"

namespace paddeck
{

MasterBus::MasterBus (SnapshotExchange<EngineSnapshot>& s, EngineMeters& m, RecordingTap& r)
    : HeadlessProcessor (BusesProperties()
                             .withInput ("Input", juce::AudioChannelSet::stereo(), true)
                             .withOutput ("Output", juce::AudioChannelSet::stereo(), true))
    , snapshots (s)
    , meters (m)
    , recording (r)
{
}

void MasterBus::prepareToPlay (double, int)
{
    const auto* snapshot = snapshots.get();
    currentGain = snapshot != nullptr ? snapshot->masterGain : 1.0f;
}

namespace
{
// The curve is written once, on four frames at a time; a single frame runs it in one lane, so
// the per-frame and per-block guards agree bit for bit.
using vec::Vec4;

/** tanh as a 13/6 rational (the approximation Eigen's float tanh uses), within a few float ulps
    of std::tanh, clamped where tanh rounds to 1.0f. Branch-free: a mix that clips all the time
    used to pay a libm tanh call per frame. */
inline Vec4 rationalTanh (Vec4 x) noexcept
{
    constexpr float limit = 7.99881172180175781f;
    x = x < limit ? x : limit;
    const Vec4 x2 = x * x;
    Vec4 p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    Vec4 q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return x * p / q;
}

/** The curve, with no branch: both sides are computed and one is selected per lane. */
inline Vec4 guardCurve (Vec4 x) noexcept
{
    constexpr float knee = MasterBus::guardKnee, range = 1.0f - MasterBus::guardKnee;
    const Vec4 magnitude = x < 0.0f ? -x : x;
    const Vec4 shaped = knee + range * rationalTanh ((magnitude - knee) / range);
    const Vec4 signedShaped = x < 0.0f ? -shaped : shaped;
    return magnitude > knee ? signedShaped : x;
}

float absolutePeak (const float* data, int numFrames) noexcept
{
    const auto range = juce::FloatVectorOperations::findMinAndMax (data, numFrames);
    return juce::jmax (-range.getStart(), range.getEnd());
}

/** Four running sums instead of one: a chain of dependent double adds per frame was most of the
    meter's cost. (The RMS meter's last bits may differ from one sum's; the sound does not.) */
double sumOfSquares (const float* data, int numFrames) noexcept
{
    double sums[4] = {};
    int i = 0;
    for (; i + 4 <= numFrames; i += 4)
        for (int k = 0; k < 4; ++k)
            sums[k] += (double) data[i + k] * data[i + k];
    for (; i < numFrames; ++i)
        sums[0] += (double) data[i] * data[i];
    return (sums[0] + sums[1]) + (sums[2] + sums[3]);
}
} // namespace

float MasterBus::clipGuard (float x) noexcept { return guardCurve (Vec4{} + x)[0]; }

namespace
{
void applyGuardCurve (float* data, int numFrames) noexcept
{
    int i = 0;
    for (; i + 4 <= numFrames; i += 4)
    {
        Vec4 v;
        vec::load (v, data + i);
        vec::store (data + i, guardCurve (v));
    }
    for (; i < numFrames; ++i)
        data[i] = MasterBus::clipGuard (data[i]);
}
} // namespace

bool MasterBus::clipGuardBlock (float* data, int numFrames) noexcept
{
    if (numFrames <= 0 || absolutePeak (data, numFrames) <= guardKnee)
        return false;
    applyGuardCurve (data, numFrames);
    return true;
}

void MasterBus::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&) PADDECK_NONBLOCKING
{
    juce::ScopedNoDenormals noDenormals;
    const int numFrames = buffer.getNumSamples();
    const auto* snapshot = snapshots.get();
    const float targetGain = snapshot != nullptr ? snapshot->masterGain : 1.0f;

    bool guarded = false;
    for (int ch = 0; ch < juce::jmin (2, buffer.getNumChannels()); ++ch)
    {
        auto* data = buffer.getWritePointer (ch);
        buffer.applyGainRamp (ch, 0, numFrames, currentGain, targetGain);

        // One scan for the meter's peak, which also says whether the guard has anything to do
        // (a second one only for a block it shaped).
        float peak = numFrames > 0 ? absolutePeak (data, numFrames) : 0.0f;
        if (peak > guardKnee)
        {
            applyGuardCurve (data, numFrames);
            guarded = true;
            peak = absolutePeak (data, numFrames);
        }
        const auto rms =
            numFrames > 0 ? (float) std::sqrt (sumOfSquares (data, numFrames) / numFrames) : 0.0f;
        EngineMeters::raisePeak (ch == 0 ? meters.masterPeakLeft : meters.masterPeakRight, peak);
        (ch == 0 ? meters.masterRmsLeft : meters.masterRmsRight).store (rms, std::memory_order_relaxed);
    }

    currentGain = targetGain;
    if (guarded)
        meters.masterClips.fetch_add (1, std::memory_order_relaxed);

    if (buffer.getNumChannels() >= 2)
        recording.capture (buffer.getReadPointer (0), buffer.getReadPointer (1), numFrames,
                           meters.activeVoices.load (std::memory_order_relaxed) > 0);
}

} // namespace paddeck
