#include "Dsp/DjEq.h"

#include <algorithm>

namespace paddeck
{

namespace
{
using Vec = juce::dsp::SIMDRegister<float>;

inline Vec pack (float a, float b, float c, float d) noexcept
{
    alignas (16) const float lanes[Vec::size()] = { a, b, c, d };
    return Vec::fromRawArray (lanes);
}
} // namespace

void DjEq::BiquadQuad::setLane (int lane, const DjEqDesign::Biquad& c) noexcept
{
    const auto i = (size_t) lane;
    b0[i] = c.b0;
    b1[i] = c.b1;
    b2[i] = c.b2;
    a1[i] = c.a1;
    a2[i] = c.a2;
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
    const auto design = DjEqDesign::forSampleRate (sampleRate);

    for (int ch = 0; ch < 2; ++ch)
    {
        for (auto* q : { &splitLowA, &splitLowB })
        {
            q->setLane (ch, design.lowPass250);
            q->setLane (2 + ch, design.highPass250);
        }
        lowMid.setLane (ch, design.allPass4k);
        lowMid.setLane (2 + ch, design.lowPass4k);
        highFlat.setLane (ch, design.highPass4k);
        highFlat.setLane (2 + ch, design.allPass250); // spare lanes: kept stable, their output unused
        midHigh.setLane (ch, design.lowPass4k);
        midHigh.setLane (2 + ch, design.highPass4k);
    }

    control.prepare (sampleRate);
    maxBlock = std::max (1, maxBlockSize);
    reset();
}

void DjEq::reset() noexcept
{
    for (auto* q : { &splitLowA, &splitLowB, &lowMid, &highFlat, &midHigh })
        q->clear();
    control.reset();
}

void DjEq::setGains (float low, float mid, float high) noexcept
{
    if (control.setGains (low, mid, high))
        restartBands();
}

void DjEq::restartBands() noexcept
{
    // The band filters restart from silence while the flat path keeps playing; the crossfade
    // hides their settling. The flat path's allpass lanes keep their state.
    for (auto* q : { &splitLowA, &splitLowB, &lowMid, &midHigh })
        q->clear();
    highFlat.clearLane (0);
    highFlat.clearLane (1);
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
    if (!control.isEngaged())
        return; // flat is a true bypass: a pad's attack reaches the output sample for sample

    // Local copies keep filter state in registers: nothing else aliases them.
    auto sa = splitLowA;
    auto hf = highFlat;
    auto sb = splitLowB;
    auto lm = lowMid;
    auto mh = midHigh;
    auto gains = control.gains;
    const auto mixStep = control.getMixStepForChunk();
    auto currentMix = control.mix;

    for (int i = 0; i < n; ++i)
    {
        const auto gl = gains[DjEqControl::low].next();
        const auto gm = gains[DjEqControl::mid].next();
        const auto gh = gains[DjEqControl::high].next();
        currentMix = DjEqControl::nextMix (currentMix, mixStep);

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
    control.gains = gains;
    control.endChunk (currentMix, mixStep);
}

} // namespace paddeck
