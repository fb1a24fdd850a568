#include "Dsp/VarispeedResampler.h"
#include "Dsp/VectorOps.h"

#include <juce_core/juce_core.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace paddeck
{

namespace
{
constexpr double minRatio = 1.0 / SincTable::maxRatio;
constexpr double fixedOne = 4294967296.0; // 2^32: one frame in the fixed-point position
constexpr int weightBits = 32 - SincTable::phaseBits;
constexpr std::uint32_t weightMask = (1u << weightBits) - 1u;
constexpr float weightScale = 1.0f / (float) (1u << weightBits);

double clampRatio (double r) noexcept { return std::clamp (r, minRatio, SincTable::maxRatio); }

using vec::load, vec::Vec4, vec::Vec8;

inline void foldToFour (Vec4& out, const Vec4& v) noexcept { out = v; }

inline void foldToFour (Vec4& out, const Vec8& v) noexcept
{
    out = __builtin_shufflevector (v, v, 0, 1, 2, 3) + __builtin_shufflevector (v, v, 4, 5, 6, 7);
}

/** Both channels' lanes summed pairwise in one go: (l0 + l1) + (l2 + l3), and the same for r. */
template <typename Vec>
inline void sumLanes (float& left, float& right, const Vec& l, const Vec& r) noexcept
{
    Vec4 l4, r4;
    foldToFour (l4, l);
    foldToFour (r4, r);
    const Vec4 pairs =
        __builtin_shufflevector (l4, r4, 0, 2, 4, 6) + __builtin_shufflevector (l4, r4, 1, 3, 5, 7);
    left = pairs[0] + pairs[1];
    right = pairs[2] + pairs[3];
}
} // namespace

/** The kernel, built once per vector width: for each output, the band's two nearest phases are
    blended (base + w × delta) and applied to both channels. */
struct ResamplerKernels
{
    using Run = VarispeedResampler::KernelRun;
    using Phase = VarispeedResampler::Phase;

    template <typename Vec>
    [[gnu::always_inline]] static inline int run (const Run& r, Phase& phase) noexcept
    {
        constexpr int lanes = (int) (sizeof (Vec) / sizeof (float));
        const auto taps = r.band->numTaps;
        const auto half = taps / 2;
        const auto* coefficients = r.band->coefficients;
        auto position = phase.position;
        auto step = phase.step;
        int real = 0;

        for (int j = 0; j < r.numOut; ++j)
        {
            const auto index = (std::int64_t) (position >> 32);
            if (index < r.endIndex)
            {
                const auto fraction = (std::uint32_t) position;
                const auto* base = coefficients + (size_t) (fraction >> weightBits) * 2 * (size_t) taps;
                const auto* delta = base + taps;
                const auto* xl = r.left + index - half + 1;
                const auto* xr = r.right + index - half + 1;
                const Vec w = (float) (fraction & weightMask) * weightScale + Vec{};

                Vec accL{}, accR{};
                for (int k = 0; k < taps; k += lanes)
                {
                    Vec c, d, sl, sr;
                    load (c, base + k);
                    load (d, delta + k);
                    load (sl, xl + k);
                    load (sr, xr + k);
                    c += w * d;
                    accL += c * sl;
                    accR += c * sr;
                }
                sumLanes (r.outL[j], r.outR[j], accL, accR);
                ++real;
            }
            else
            {
                r.outL[j] = 0.0f;
                r.outR[j] = 0.0f;
            }

            step += phase.stepDelta;
            position += (std::uint64_t) step;
        }

        phase.position = position;
        phase.step = step;
        return real;
    }

    static int sse (const Run& r, Phase& phase) noexcept { return run<Vec4> (r, phase); }

#if defined(__x86_64__) || defined(__i386__)
    __attribute__ ((target ("avx2,fma"))) static int avx2 (const Run& r, Phase& phase) noexcept
    {
        return run<Vec8> (r, phase);
    }
#endif

    static VarispeedResampler::Kernel forLevel (SimdSupport::Level level) noexcept
    {
#if defined(__x86_64__) || defined(__i386__)
        if (level == SimdSupport::Level::avx2)
            return avx2;
#endif
        juce::ignoreUnused (level);
        return sse;
    }
};

double VarispeedResampler::ratioFor (double fileRate, double deviceRate, double semitones) noexcept
{
    return fileRate / deviceRate * std::pow (2.0, semitones / 12.0);
}

void VarispeedResampler::prepare (int maxBlockSize, SimdSupport::Level simd)
{
    jassert (SimdSupport::isSupported (simd));
    table = &SincTable::getInstance();
    simdLevel = simd;
    kernel = ResamplerKernels::forLevel (simd);
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
    frac = 0;
    ratio = 1.0;
    hasRatio = false;
    sourceEnd = INT64_MAX;
}

double VarispeedResampler::getSourcePosition() const noexcept
{
    return (double) (bufferStart + readIndex) + (double) frac / fixedOne;
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
    const auto& band = table->getBandFor (std::max (r0, endRatio));
    const auto half = band.numTaps / 2;

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
    const auto lastPosition =
        (double) readIndex + (double) frac / fixedOne + (numOut - 1) * std::max (r0, endRatio);
    const auto framesNeeded = (int) lastPosition + half + 2;
    if (framesNeeded > bufferFrames)
        pullSource (source, framesNeeded - bufferFrames);

    if (r0 == 1.0 && endRatio == 1.0 && frac == 0)
        return copyThrough (outL, outR, numOut);

    Phase phase{ ((std::uint64_t) readIndex << 32) | frac, std::llround (r0 * fixedOne),
                 std::llround ((endRatio - r0) / numOut * fixedOne) };
    const auto endIndex = sourceEnd == INT64_MAX ? INT64_MAX : sourceEnd - bufferStart;
    const KernelRun run{ bufferL.data(), bufferR.data(), &band, endIndex, outL, outR, numOut };
    const auto real = kernel (run, phase);

    readIndex = (int) (phase.position >> 32);
    frac = (std::uint32_t) phase.position;
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
