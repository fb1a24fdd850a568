#pragma once

#include "Dsp/FrameSource.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace paddeck::test
{

constexpr double twoPi = 6.283185307179586;

/** A FrameSource over two vectors; zero-fills past the end like a real sample reader. */
struct VectorSource : FrameSource
{
    VectorSource (std::vector<float> l, std::vector<float> r)
        : left (std::move (l))
        , right (std::move (r))
    {
    }
    explicit VectorSource (const std::vector<float>& mono)
        : left (mono)
        , right (mono)
    {
    }

    int readFrames (float* l, float* r, int numFrames) noexcept override
    {
        const auto available = (int) std::max<std::ptrdiff_t> (0, (std::ptrdiff_t) left.size() - position);
        const auto n = std::min (numFrames, available);
        std::copy_n (left.data() + position, n, l);
        std::copy_n (right.data() + position, n, r);
        std::fill (l + n, l + numFrames, 0.0f);
        std::fill (r + n, r + numFrames, 0.0f);
        position += n;
        return n;
    }

    std::vector<float> left, right;
    std::ptrdiff_t position = 0;
};

inline std::vector<float> sine (double frequency, double sampleRate, int numFrames, float amplitude = 0.5f)
{
    std::vector<float> s ((size_t) numFrames);
    for (int i = 0; i < numFrames; ++i)
        s[(size_t) i] = amplitude * (float) std::sin (twoPi * frequency * i / sampleRate);
    return s;
}

inline double rms (const float* x, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += (double) x[i] * x[i];
    return n > 0 ? std::sqrt (sum / n) : 0.0;
}

inline double toDb (double gain) { return 20.0 * std::log10 (std::max (gain, 1.0e-12)); }

/** Frequency from rising zero crossings, interpolated between samples. */
inline double zeroCrossingFrequency (const float* x, int n, double sampleRate)
{
    double first = -1.0, last = -1.0;
    int count = 0;
    for (int i = 1; i < n; ++i)
    {
        if (x[i - 1] < 0.0f && x[i] >= 0.0f)
        {
            const auto t = (i - 1) + (double) -x[i - 1] / ((double) x[i] - x[i - 1]);
            if (first < 0.0)
                first = t;
            last = t;
            ++count;
        }
    }
    return count > 1 ? (count - 1) * sampleRate / (last - first) : 0.0;
}

/** Amplitude of the component at `frequency` (Hann-windowed correlation). */
inline double amplitudeAt (const float* x, int n, double frequency, double sampleRate)
{
    double re = 0.0, im = 0.0, windowSum = 0.0;
    for (int i = 0; i < n; ++i)
    {
        const auto w = 0.5 - 0.5 * std::cos (twoPi * i / (n - 1));
        re += w * x[i] * std::cos (twoPi * frequency * i / sampleRate);
        im += w * x[i] * std::sin (twoPi * frequency * i / sampleRate);
        windowSum += w;
    }
    return 2.0 * std::sqrt (re * re + im * im) / windowSum;
}

inline double maxJump (const float* x, int n)
{
    double m = 0.0;
    for (int i = 1; i < n; ++i)
        m = std::max (m, (double) std::abs (x[i] - x[i - 1]));
    return m;
}

inline double peak (const float* x, int n)
{
    double m = 0.0;
    for (int i = 0; i < n; ++i)
        m = std::max (m, (double) std::abs (x[i]));
    return m;
}

/** The largest step a sine of this peak and frequency takes between two samples. */
inline double sineStep (double peakLevel, double frequency, double sampleRate)
{
    return 2.0 * peakLevel * std::sin (0.5 * twoPi * std::min (frequency, sampleRate / 4) / sampleRate);
}

} // namespace paddeck::test
