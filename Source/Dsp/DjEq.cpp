#include "Dsp/DjEq.h"

#include <algorithm>

namespace paddeck
{

namespace
{
constexpr double rampSeconds = 0.02;

juce::dsp::IIR::Coefficients<float>::Ptr makeCoefficients (const std::array<float, 6>& c)
{
    return new juce::dsp::IIR::Coefficients<float> (c);
}
} // namespace

void DjEq::prepare (double sampleRate, int maxBlockSize)
{
    using Array = juce::dsp::IIR::ArrayCoefficients<float>;
    const auto lowPass250 = makeCoefficients (Array::makeLowPass (sampleRate, lowCrossoverHz));
    const auto highPass250 = makeCoefficients (Array::makeHighPass (sampleRate, lowCrossoverHz));
    const auto lowPass4k = makeCoefficients (Array::makeLowPass (sampleRate, highCrossoverHz));
    const auto highPass4k = makeCoefficients (Array::makeHighPass (sampleRate, highCrossoverHz));
    const auto allPass4k = makeCoefficients (Array::makeAllPass (sampleRate, highCrossoverHz));

    for (auto& ch : channels)
    {
        ch.lowA.coefficients = ch.lowB.coefficients = lowPass250;
        ch.splitHighA.coefficients = ch.splitHighB.coefficients = highPass250;
        ch.lowAllpass.coefficients = allPass4k;
        ch.midA.coefficients = ch.midB.coefficients = lowPass4k;
        ch.highA.coefficients = ch.highB.coefficients = highPass4k;
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
    for (auto& ch : channels)
        for (auto* f : { &ch.lowA, &ch.lowB, &ch.splitHighA, &ch.splitHighB, &ch.lowAllpass, &ch.midA,
                         &ch.midB, &ch.highA, &ch.highB })
            f->reset();

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
    // hides their settling.
    for (auto& ch : channels)
        for (auto* f : { &ch.lowA, &ch.lowB, &ch.splitHighA, &ch.splitHighB, &ch.lowAllpass, &ch.midA,
                         &ch.midB, &ch.highA, &ch.highB })
            f->reset();
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
    auto& cl = channels[0];
    auto& cr = channels[1];

    if (!engaged)
        return; // flat is a true bypass: a pad's attack reaches the output untouched

    const auto fadingOut = gainsAtUnity();

    for (int i = 0; i < n; ++i)
    {
        const auto gl = lowGain.getNextValue();
        const auto gm = midGain.getNextValue();
        const auto gh = highGain.getNextValue();
        mix = fadingOut ? std::max (0.0f, mix - fadeStep) : std::min (1.0f, mix + fadeStep);

        const auto xl = left[i], xr = right[i];
        const auto flatLeft = xl, flatRight = xr;

        const auto lowL = cl.lowAllpass.processSample (cl.lowB.processSample (cl.lowA.processSample (xl)));
        const auto lowR = cr.lowAllpass.processSample (cr.lowB.processSample (cr.lowA.processSample (xr)));
        const auto restL = cl.splitHighB.processSample (cl.splitHighA.processSample (xl));
        const auto restR = cr.splitHighB.processSample (cr.splitHighA.processSample (xr));
        const auto midL = cl.midB.processSample (cl.midA.processSample (restL));
        const auto midR = cr.midB.processSample (cr.midA.processSample (restR));
        const auto highL = cl.highB.processSample (cl.highA.processSample (restL));
        const auto highR = cr.highB.processSample (cr.highA.processSample (restR));

        const auto bandsL = gl * lowL + gm * midL + gh * highL;
        const auto bandsR = gl * lowR + gm * midR + gh * highR;
        left[i] = flatLeft + mix * (bandsL - flatLeft);
        right[i] = flatRight + mix * (bandsR - flatRight);
    }

    if (fadingOut && mix <= 0.0f)
        engaged = false;
}

} // namespace paddeck
