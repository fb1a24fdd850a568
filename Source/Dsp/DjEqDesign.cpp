#include "Dsp/DjEqDesign.h"

#include <juce_dsp/juce_dsp.h>

namespace paddeck
{

namespace
{
DjEqDesign::Biquad normalised (const std::array<float, 6>& c) noexcept
{
    // ArrayCoefficients order: b0 b1 b2 a0 a1 a2.
    return { c[0] / c[3], c[1] / c[3], c[2] / c[3], c[4] / c[3], c[5] / c[3] };
}
} // namespace

DjEqDesign DjEqDesign::forSampleRate (double sampleRate)
{
    using Array = juce::dsp::IIR::ArrayCoefficients<float>;
    DjEqDesign d;
    d.lowPass250 = normalised (Array::makeLowPass (sampleRate, lowCrossoverHz));
    d.highPass250 = normalised (Array::makeHighPass (sampleRate, lowCrossoverHz));
    d.allPass250 = normalised (Array::makeAllPass (sampleRate, lowCrossoverHz));
    d.lowPass4k = normalised (Array::makeLowPass (sampleRate, highCrossoverHz));
    d.highPass4k = normalised (Array::makeHighPass (sampleRate, highCrossoverHz));
    d.allPass4k = normalised (Array::makeAllPass (sampleRate, highCrossoverHz));
    return d;
}

} // namespace paddeck
