#include "Dsp/DjEq.h"

#include <algorithm>

namespace paddeck
{

namespace
{
constexpr double rampSeconds = 0.02;

using Vec = juce::dsp::SIMDRegister<float>;

inline Vec pack (float a, float b, float c, float d) noexcept
{
    alignas (16) const float lanes[Vec::size()] = { a, b, c, d };
    return Vec::fromRawArray (lanes);
}
struct ScalarBiquad
{
    float b0, b1, b2, a1, a2, s1, s2;

    template <typename Quad>
    static ScalarBiquad fromLane (const Quad& q, int lane) noexcept
    {
        const auto i = (size_t) lane;
        return { q.b0[i], q.b1[i], q.b2[i], q.a1[i], q.a2[i], q.s1[i], q.s2[i] };
    }

    template <typename Quad>
    void toLane (Quad& q, int lane) const noexcept
    {
        q.s1[(size_t) lane] = s1;
        q.s2[(size_t) lane] = s2;
    }

    float step (float x) noexcept
    {
        const auto y = b0 * x + s1;
        s1 = b1 * x - a1 * y + s2;
        s2 = b2 * x - a2 * y;
        return y;
    }
};
} // namespace

void DjEq::BiquadQuad::setLane (int lane, const std::array<float, 6>& c) noexcept
{
    // ArrayCoefficients order: b0 b1 b2 a0 a1 a2.
    const auto i = (size_t) lane;
    b0[i] = c[0] / c[3];
    b1[i] = c[1] / c[3];
    b2[i] = c[2] / c[3];
    a1[i] = c[4] / c[3];
    a2[i] = c[5] / c[3];
}

void DjEq::BiquadQuad::clearLane (int lane) noexcept
{
    s1[(size_t) lane] = 0.0f;
    s2[(size_t) lane] = 0.0f;
}

void DjEq::BiquadQuad::clear() noexcept
{
    s1 = Vec::expand (0.0f);
    s2 = Vec::expand (0.0f);
}

void DjEq::prepare (double sampleRate, int maxBlockSize)
{
    using Array = juce::dsp::IIR::ArrayCoefficients<float>;
    const auto lowPass250 = Array::makeLowPass (sampleRate, lowCrossoverHz);
    const auto highPass250 = Array::makeHighPass (sampleRate, lowCrossoverHz);
    const auto allPass250 = Array::makeAllPass (sampleRate, lowCrossoverHz);
    const auto lowPass4k = Array::makeLowPass (sampleRate, highCrossoverHz);
    const auto highPass4k = Array::makeHighPass (sampleRate, highCrossoverHz);
    const auto allPass4k = Array::makeAllPass (sampleRate, highCrossoverHz);

    for (int ch = 0; ch < 2; ++ch)
    {
        for (auto* q : { &splitLowA, &splitLowB })
        {
            q->setLane (ch, lowPass250);
            q->setLane (2 + ch, highPass250);
        }
        lowMid.setLane (ch, allPass4k);
        lowMid.setLane (2 + ch, lowPass4k);
        highFlat.setLane (ch, highPass4k);
        highFlat.setLane (2 + ch, allPass250); // spare lanes: kept stable, their output unused
        midHigh.setLane (ch, lowPass4k);
        midHigh.setLane (2 + ch, highPass4k);
    }

    for (auto* g : { &lowGain, &midGain, &highGain })
    {
        g->reset (sampleRate, rampSeconds);
        g->setCurrentAndTargetValue (1.0f);
    }

    maxBlock = std::max (1, maxBlockSize);
    fadeStep = (float) (1.0 / (rampSeconds * sampleRate));
    reset();
}

void DjEq::reset() noexcept
{
    for (auto* q : { &splitLowA, &splitLowB, &lowMid, &highFlat, &midHigh })
        q->clear();

    for (auto* g : { &lowGain, &midGain, &highGain })
        g->setCurrentAndTargetValue (g->getTargetValue());

    engaged = !gainsAtUnity();
    mix = engaged ? 1.0f : 0.0f;
}

void DjEq::setGains (float low, float mid, float high) noexcept
{
    lowGain.setTargetValue (juce::jlimit (0.0f, maxGain, low));
    midGain.setTargetValue (juce::jlimit (0.0f, maxGain, mid));
    highGain.setTargetValue (juce::jlimit (0.0f, maxGain, high));

    if (!engaged && !gainsAtUnity())
        engage();
}

bool DjEq::gainsAtUnity() const noexcept
{
    for (auto* g : { &lowGain, &midGain, &highGain })
        if (g->isSmoothing() || g->getTargetValue() != 1.0f)
            return false;
    return true;
}

void DjEq::engage() noexcept
{
    // The band filters restart from silence while the flat path keeps playing; the crossfade
    // hides their settling. The flat path's allpass lanes keep their state.
    for (auto* q : { &splitLowA, &splitLowB, &lowMid, &midHigh })
        q->clear();
    highFlat.clearLane (0);
    highFlat.clearLane (1);
    engaged = true;
}

void DjEq::process (float* left, float* right, int numFrames) noexcept
{
    for (int done = 0; done < numFrames;)
    {
        const auto n = std::min (maxBlock, numFrames - done);
        processChunk (left + done, right + done, n);
        done += n;
    }
}

void DjEq::processChunk (float* left, float* right, int n) noexcept
{
    if (!engaged)
        return; // flat is a true bypass: a pad's attack reaches the output sample for sample

    // Local copies keep filter state in registers: nothing else aliases them.
    auto sa = splitLowA;
    auto hf = highFlat;
    auto sb = splitLowB;
    auto lm = lowMid;
    auto mh = midHigh;
    const auto fadingOut = gainsAtUnity();
    auto currentMix = mix;

    for (int i = 0; i < n; ++i)
    {
        const auto gl = lowGain.getNextValue();
        const auto gm = midGain.getNextValue();
        const auto gh = highGain.getNextValue();
        currentMix =
            fadingOut ? std::max (0.0f, currentMix - fadeStep) : std::min (1.0f, currentMix + fadeStep);

        const auto xl = left[i], xr = right[i];
        const auto split = sb.step (sa.step (pack (xl, xr, xl, xr))); // [low L, low R, rest L, rest R]
        const auto lowOrMid1 = lm.step (split);
        const auto high1OrFlat1 = hf.step (pack (split[2], split[3], xl, xr));
        const auto midHighOut = mh.step (pack (lowOrMid1[2], lowOrMid1[3], high1OrFlat1[0], high1OrFlat1[1]));

        alignas (16) float low[Vec::size()], midHigh4[Vec::size()];
        lowOrMid1.copyToRawArray (low);
        midHighOut.copyToRawArray (midHigh4);

        const auto bandsL = gl * low[0] + gm * midHigh4[0] + gh * midHigh4[2];
        const auto bandsR = gl * low[1] + gm * midHigh4[1] + gh * midHigh4[3];
        left[i] = xl + currentMix * (bandsL - xl);
        right[i] = xr + currentMix * (bandsR - xr);
    }

    splitLowA = sa;
    splitLowB = sb;
    lowMid = lm;
    highFlat = hf;
    midHigh = mh;
    mix = currentMix;

    if (fadingOut && mix <= 0.0f)
        engaged = false;
}

} // namespace paddeck
