#include "Streaming/SincResampler.h"

#include <cmath>
#include <vector>

namespace paddeck
{

namespace
{
constexpr int zeroCrossings = 16;
constexpr int tablePointsPerInputFrame = 512;
constexpr double kaiserBeta = 9.0;

double besselI0 (double x)
{
    double sum = 1.0, term = 1.0;

    for (int k = 1; k < 50 && term > 1.0e-12 * sum; ++k)
    {
        const auto half = x / (2.0 * k);
        term *= half * half;
        sum += term;
    }

    return sum;
}
} // namespace

juce::int64 SincResampler::convertedLength (juce::int64 numInputFrames, double inputRate,
                                            double outputRate) noexcept
{
    return (juce::int64) std::ceil ((double) numInputFrames * outputRate / inputRate - 1.0e-9);
}

juce::AudioBuffer<float> SincResampler::convert (const juce::AudioBuffer<float>& input, double inputRate,
                                                 double outputRate, const std::function<bool()>& shouldStop)
{
    const auto inLength = (juce::int64) input.getNumSamples();
    const auto outLength = convertedLength (inLength, inputRate, outputRate);
    const auto step = inputRate / outputRate;                            // input frames per output frame
    const auto cutoff = 0.95 * juce::jmin (1.0, outputRate / inputRate); // of the input's Nyquist
    const auto halfWidth = zeroCrossings / cutoff;                       // in input frames

    // The kernel h(d) = cutoff * sinc(cutoff * d) * kaiser(d / halfWidth), tabulated for d >= 0.
    const auto tableSize = (size_t) std::ceil (halfWidth * tablePointsPerInputFrame) + 2;
    std::vector<float> table (tableSize, 0.0f);
    const auto i0Beta = besselI0 (kaiserBeta);

    for (size_t i = 0; i < tableSize; ++i)
    {
        const auto d = (double) i / tablePointsPerInputFrame;

        if (d >= halfWidth)
            continue;

        const auto x = juce::MathConstants<double>::pi * cutoff * d;
        const auto sinc = d == 0.0 ? 1.0 : std::sin (x) / x;
        const auto w = d / halfWidth;
        table[i] = (float) (cutoff * sinc * besselI0 (kaiserBeta * std::sqrt (1.0 - w * w)) / i0Beta);
    }

    juce::AudioBuffer<float> output (input.getNumChannels(), (int) outLength);
    const auto numChannels = input.getNumChannels();
    std::vector<float> weights;

    for (juce::int64 n = 0; n < outLength; ++n)
    {
        if ((n & 0xffff) == 0 && shouldStop != nullptr && shouldStop())
            return {};

        const auto x = (double) n * step;
        const auto first = juce::jmax ((juce::int64) 0, (juce::int64) std::floor (x - halfWidth) + 1);
        const auto last = juce::jmin (inLength - 1, (juce::int64) std::floor (x + halfWidth));
        weights.clear();

        for (auto k = first; k <= last; ++k)
        {
            const auto position = std::abs (x - (double) k) * tablePointsPerInputFrame;
            const auto index = (size_t) position;
            const auto frac = (float) (position - (double) index);
            weights.push_back (index + 1 < tableSize ? table[index] + frac * (table[index + 1] - table[index])
                                                     : 0.0f);
        }

        for (int ch = 0; ch < numChannels; ++ch)
        {
            const auto* in = input.getReadPointer (ch) + first;
            float sum = 0.0f;

            for (size_t i = 0; i < weights.size(); ++i)
                sum += in[i] * weights[i];

            output.setSample (ch, (int) n, sum);
        }
    }

    return output;
}

} // namespace paddeck
