#include "Dsp/SincTable.h"

#include <algorithm>
#include <cmath>

namespace paddeck
{

namespace
{
constexpr double pi = 3.14159265358979323846;
constexpr double semitoneStep = 2.0; // band width in semitones
constexpr double kaiserBeta = 5.0;   // about 55 dB sidelobes

double besselI0 (double x)
{
    double sum = 1.0, term = 1.0;
    for (int k = 1; k < 40; ++k)
    {
        const auto t = x / (2.0 * k);
        term *= t * t;
        sum += term;
        if (term < sum * 1.0e-12)
            break;
    }
    return sum;
}

int tapsForRatio (double ratio)
{
    // Kaiser estimate for a transition of 0.5 / ratio of the source band at about 55 dB.
    const auto taps = (int) std::ceil (13.1 * std::max (ratio, 1.0) + 1.0);
    return std::max (16, (taps + 3) / 4 * 4);
}
} // namespace

const SincTable& SincTable::getInstance()
{
    static const SincTable table;
    return table;
}

SincTable::SincTable()
{
    std::vector<double> topRatios{ 1.0 };
    while (topRatios.back() < maxRatio)
        topRatios.push_back (topRatios.back() * std::pow (2.0, semitoneStep / 12.0));

    const auto padded = [] (int taps) { return (taps + tapAlignment - 1) / tapAlignment * tapAlignment; };

    std::vector<size_t> offsets;
    size_t total = 0;
    for (auto r : topRatios)
    {
        offsets.push_back (total);
        total += (size_t) numPhases * 2 * (size_t) padded (tapsForRatio (r));
    }
    storage.assign (total, 0.0f);

    const auto i0Beta = besselI0 (kaiserBeta);

    for (size_t b = 0; b < topRatios.size(); ++b)
    {
        const auto ratio = topRatios[b];
        const auto taps = tapsForRatio (ratio);
        const auto half = taps / 2;
        const auto stride = padded (taps);
        const auto pad = (stride - taps) / 2; // zeros each side keep the kernel centred
        // Band 0 cuts at the source's Nyquist so that phase 0 is a unit impulse.
        const auto cutoff = b == 0 ? 1.0 : 0.95 / ratio;
        std::vector<float> rows ((size_t) (numPhases + 1) * (size_t) taps);
        std::vector<double> h ((size_t) taps);

        for (int p = 0; p <= numPhases; ++p)
        {
            const auto frac = (double) p / numPhases;
            auto* row = rows.data() + (size_t) p * (size_t) taps;
            double sum = 0.0;

            for (int k = 0; k < taps; ++k)
            {
                const auto x = (double) (k - half + 1) - frac; // distance from the read position
                const auto u = x / (double) half;
                const auto window =
                    std::abs (u) >= 1.0 ? 0.0 : besselI0 (kaiserBeta * std::sqrt (1.0 - u * u)) / i0Beta;
                const auto arg = pi * cutoff * x;
                const auto sinc = std::abs (x) < 1.0e-12 ? 1.0 : std::sin (arg) / arg;
                h[(size_t) k] = cutoff * sinc * window;
                sum += h[(size_t) k];
            }

            const auto exactImpulse = b == 0 && (p == 0 || p == numPhases);
            for (int k = 0; k < taps; ++k)
            {
                if (exactImpulse)
                    row[k] = (p == 0 ? k == half - 1 : k == half) ? 1.0f : 0.0f;
                else
                    row[k] = (float) (h[(size_t) k] / sum); // unity gain at DC for every phase
            }
        }

        // The delta is taken in float, as an interpolation between the two stored rows would.
        auto* out = storage.data() + offsets[b];
        for (int p = 0; p < numPhases; ++p)
        {
            const auto* row = rows.data() + (size_t) p * (size_t) taps;
            const auto* next = row + taps;
            auto* base = out + (size_t) p * 2 * (size_t) stride;
            for (int k = 0; k < taps; ++k)
            {
                base[pad + k] = row[k];
                base[stride + pad + k] = next[k] - row[k];
            }
        }

        maxTaps = std::max (maxTaps, stride);
    }

    for (size_t b = 0; b < topRatios.size(); ++b)
        bands.push_back ({ storage.data() + offsets[b], padded (tapsForRatio (topRatios[b])), topRatios[b] });
}

const SincTable::Band& SincTable::getBandFor (double ratio) const noexcept
{
    // A short linear scan (about 20 bands, once per block) avoids a log on the audio thread.
    size_t b = 0;
    while (b + 1 < bands.size() && ratio > bands[b].topRatio * (1.0 + 1.0e-9))
        ++b;
    return bands[b];
}

} // namespace paddeck
