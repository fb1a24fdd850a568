#include "BenchHarness.h"

#include "Dsp/DjEq.h"
#include "Dsp/KeyLockRenderer.h"
#include "Dsp/VarispeedResampler.h"

#include <chrono>

namespace paddeck::bench
{
namespace
{
/** Endless white noise from a precomputed table, so the source costs next to nothing. */
struct NoiseSource : FrameSource
{
    NoiseSource()
    {
        juce::Random random (1);
        for (auto& v : table)
            v = random.nextFloat() - 0.5f;
    }

    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        for (int i = 0; i < numFrames; ++i)
        {
            left[i] = table[position];
            right[i] = table[(position + 1) & mask];
            position = (position + 1) & mask;
        }
        return numFrames;
    }

    static constexpr size_t mask = 4095;
    std::array<float, mask + 1> table;
    size_t position = 0;
};

template <typename Work>
double nanosecondsPerCall (int calls, Work&& work)
{
    for (int i = 0; i < calls / 10; ++i) // warm up
        work();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i)
        work();
    return std::chrono::duration<double, std::nano> (std::chrono::steady_clock::now() - start).count()
           / calls;
}

std::vector<Figure> measureDspCost (const BenchContext& context)
{
    const int calls = context.quick ? 2000 : 20000;
    std::vector<float> l (128), r (128);

    Figure resampler{ "resampler_ns_per_voice_block", 0.0, "ns", {}, {} };
    resampler.details.set ("what",
                           "VarispeedResampler::process, 128 stereo frames from a noise source; value at a "
                           "pitched ratio (+7 st), details per ratio; wall clock, single thread");
    for (const auto ratio : { 1.0, 1.0001, 1.4983, 2.0, 4.0 })
    {
        NoiseSource source;
        VarispeedResampler rs;
        rs.prepare (128);
        const auto ns =
            nanosecondsPerCall (calls, [&] { rs.process (source, l.data(), r.data(), 128, ratio); });
        resampler.details.set ("ratio_" + juce::String (ratio, 4), ns);
        if (ratio == 1.4983)
            resampler.value = ns;
    }

    Figure eq{ "djeq_ns_per_voice_block", 0.0, "ns", {}, {} };
    eq.details.set ("what",
                    "DjEq::process on 128 stereo frames: value with bands engaged (low -6 dB, high +3.5 "
                    "dB), details flat (a bypass) and engaged");
    for (const auto engaged : { false, true })
    {
        DjEq filter;
        filter.prepare (context.sampleRate, 128);
        filter.setGains (engaged ? 0.5f : 1.0f, 1.0f, engaged ? 1.5f : 1.0f);
        NoiseSource source;
        source.readFrames (l.data(), r.data(), 128);
        const auto ns =
            nanosecondsPerCall (calls,
                                [&]
                                {
                                    filter.process (l.data(), r.data(), 128);
                                    for (auto* channel : { &l, &r })
                                        for (auto& v : *channel)
                                            v = v * 0.5f + 0.1f; // bounded, and away from denormals
                                });
        eq.details.set (engaged ? "engaged" : "flat", ns);
        if (engaged)
            eq.value = ns;
    }

    Figure engines{ "rubberband_engines_rt_factor", 0.0, "x realtime (one voice, one core)", {}, {} };
    engines.details.set (
        "what", "KeyLockRenderer::measureRealtimeFactor at +7 st per KeyLock engine; value = R3 finer");
    const double seconds = context.quick ? 0.5 : 3.0;
    const auto r2 =
        KeyLockRenderer::measureRealtimeFactor (context.sampleRate, KeyLockEngine::faster, 1.4983, seconds);
    const auto r2Fixed = KeyLockRenderer::measureRealtimeFactor (
        context.sampleRate, KeyLockEngine::fasterFixedPitch, 1.4983, seconds);
    const auto r3 =
        KeyLockRenderer::measureRealtimeFactor (context.sampleRate, KeyLockEngine::finer, 1.4983, seconds);
    engines.details.set ("r2_faster", r2);
    engines.details.set ("r2_faster_fixed_pitch", r2Fixed);
    engines.details.set ("r3_finer", r3);
    engines.value = r3;

    return { resampler, eq, engines };
}

const Registration registration{ { "resampler_ns_per_voice_block", "djeq_ns_per_voice_block",
                                   "rubberband_engines_rt_factor" },
                                 measureDspCost };
} // namespace
} // namespace paddeck::bench
