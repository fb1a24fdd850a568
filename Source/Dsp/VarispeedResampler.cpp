#include "Dsp/VarispeedResampler.h"

#include <juce_core/juce_core.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace paddeck
{

namespace
{
constexpr double minRatio = 1.0 / SincTable::maxRatio;

// GCC/Clang vector extension: four floats, unaligned loads through memcpy.
typedef float Lanes __attribute__ ((vector_size (16)));

inline Lanes load (const float* p) noexcept
{
    Lanes v;
    std::memcpy (&v, p, sizeof (v));
    return v;
}

inline Lanes splat (float x) noexcept { return Lanes{ x, x, x, x }; }

double clampRatio (double r) noexcept { return std::clamp (r, minRatio, SincTable::maxRatio); }
} // namespace

double VarispeedResampler::ratioFor (double fileRate, double deviceRate, double semitones) noexcept
{
    return fileRate / deviceRate * std::pow (2.0, semitones / 12.0);
}

void VarispeedResampler::prepare (int maxBlockSize)
{
    table = &SincTable::getInstance();
    maxBlock = std::max (1, maxBlockSize);
    historyFrames = table->getMaxTaps() / 2;
    const auto capacity =
        (size_t) (historyFrames + table->getMaxTaps() + 8 + (int) std::ceil (SincTable::maxRatio * maxBlock));
    bufferL.assign (capacity, 0.0f);
    bufferR.assign (capacity, 0.0f);
    reset();
}

void VarispeedResampler::reset() noexcept
{
    std::fill (bufferL.begin(), bufferL.begin() + historyFrames, 0.0f);
    std::fill (bufferR.begin(), bufferR.begin() + historyFrames, 0.0f);
    bufferStart = -historyFrames;
    bufferFrames = historyFrames;
    readIndex = historyFrames;
    frac = 0.0;
    ratio = 1.0;
    hasRatio = false;
    sourceEnd = INT64_MAX;
}

double VarispeedResampler::getSourcePosition() const noexcept
{
    return (double) (bufferStart + readIndex) + frac;
}

int VarispeedResampler::process (FrameSource& source, float* outL, float* outR, int numOut,
                                 double targetRatio, bool glide) noexcept
{
    jassert (table != nullptr);
    targetRatio = clampRatio (targetRatio);
    if (!hasRatio || !glide)
    {
        ratio = targetRatio;
        hasRatio = true;
    }

    const auto startRatio = ratio;
    int real = 0;

    for (int done = 0; done < numOut;)
    {
        const auto n = std::min (maxBlock, numOut - done);
        const auto chunkEnd = startRatio + (targetRatio - startRatio) * (double) (done + n) / numOut;
        real += processChunk (source, outL + done, outR + done, n, chunkEnd);
        done += n;
    }

    return real;
}

void VarispeedResampler::pullSource (FrameSource& source, int framesWanted) noexcept
{
    auto* l = bufferL.data() + bufferFrames;
    auto* r = bufferR.data() + bufferFrames;
    const auto absoluteEnd = bufferStart + bufferFrames;

    if (absoluteEnd >= sourceEnd)
    {
        std::fill (l, l + framesWanted, 0.0f);
        std::fill (r, r + framesWanted, 0.0f);
    }
    else
    {
        const auto got = source.readFrames (l, r, framesWanted);
        if (got < framesWanted)
            sourceEnd = absoluteEnd + std::max (0, got);
    }

    bufferFrames += framesWanted;
}

int VarispeedResampler::processChunk (FrameSource& source, float* outL, float* outR, int numOut,
                                      double endRatio) noexcept
{
    const auto r0 = ratio;
    const auto dr = (endRatio - r0) / numOut;
    const auto& band = table->getBandFor (std::max (r0, endRatio));
    const auto taps = band.numTaps;
    const auto half = taps / 2;

    // Keep the history the widest kernel needs; drop older frames.
    const auto keepFrom = readIndex - historyFrames;
    if (keepFrom > 0)
    {
        const auto count = (size_t) (bufferFrames - keepFrom);
        std::memmove (bufferL.data(), bufferL.data() + keepFrom, count * sizeof (float));
        std::memmove (bufferR.data(), bufferR.data() + keepFrom, count * sizeof (float));
        bufferStart += keepFrom;
        readIndex -= keepFrom;
        bufferFrames -= keepFrom;
    }

    // Look-ahead: the last output's kernel reaches half frames past its integer position.
    const auto lastPosition = (double) readIndex + frac + (numOut - 1) * std::max (r0, endRatio);
    const auto framesNeeded = (int) lastPosition + half + 2;
    if (framesNeeded > bufferFrames)
        pullSource (source, framesNeeded - bufferFrames);

    if (r0 == 1.0 && endRatio == 1.0 && frac == 0.0)
        return copyThrough (outL, outR, numOut);

    const auto* coefficients = band.coefficients;
    const auto* bl = bufferL.data();
    const auto* br = bufferR.data();
    int real = 0;

    for (int j = 0; j < numOut; ++j)
    {
        const auto phase = (float) (frac * SincTable::numPhases);
        const auto row = std::min ((int) phase, SincTable::numPhases - 1);
        const auto w = phase - (float) row;
        const auto* c0 = coefficients + row * taps;
        const auto* c1 = c0 + taps;
        const auto* xl = bl + readIndex - half + 1;
        const auto* xr = br + readIndex - half + 1;

        // Four lanes of partial sums (taps are a multiple of 4).
        const auto wv = splat (w);
        Lanes accL{}, accR{};
        for (int k = 0; k < taps; k += 4)
        {
            const auto a = load (c0 + k);
            const auto c = a + wv * (load (c1 + k) - a);
            accL += c * load (xl + k);
            accR += c * load (xr + k);
        }

        if (bufferStart + readIndex < sourceEnd)
        {
            outL[j] = (accL[0] + accL[1]) + (accL[2] + accL[3]);
            outR[j] = (accR[0] + accR[1]) + (accR[2] + accR[3]);
            ++real;
        }
        else
        {
            outL[j] = 0.0f;
            outR[j] = 0.0f;
        }

        frac += r0 + dr * (j + 1);
        const auto step = (int) frac;
        readIndex += step;
        frac -= step;
    }

    ratio = endRatio;
    return real;
}

int VarispeedResampler::copyThrough (float* outL, float* outR, int numOut) noexcept
{
    // Unpitched at the device rate on an integer position: the kernel is a unit impulse.
    const auto real = (int) std::clamp<std::int64_t> (sourceEnd - (bufferStart + readIndex), 0, numOut);
    std::copy_n (bufferL.data() + readIndex, real, outL);
    std::copy_n (bufferR.data() + readIndex, real, outR);
    std::fill (outL + real, outL + numOut, 0.0f);
    std::fill (outR + real, outR + numOut, 0.0f);
    readIndex += numOut;
    ratio = 1.0;
    return real;
}

} // namespace paddeck
