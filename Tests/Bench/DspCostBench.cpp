#include "BenchHarness.h"
#include "BenchSupport.h"

#include "Dsp/DjEq.h"
#include "Dsp/DjEqBank.h"
#include "Dsp/KeyLockRenderer.h"
#include "Dsp/VarispeedResampler.h"

#include <algorithm>

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

double threadCpuNanoseconds() { return 1.0e9 * threadCpuSeconds(); }

/** Cost of one call in this thread's CPU time (what other processes take meanwhile is left out,
    though not what they do to the caches): median and minimum over rounds, after a warm-up. */
struct CallCost
{
    double median = 0.0, min = 0.0;
};

template <typename Work>
CallCost costPerCall (int calls, Work&& work)
{
    constexpr int rounds = 9;
    for (int i = 0; i < calls / rounds; ++i) // warm up
        work();

    std::vector<double> perCall;
    for (int r = 0; r < rounds; ++r)
    {
        const auto start = threadCpuNanoseconds();
        for (int i = 0; i < calls / rounds; ++i)
            work();
        perCall.push_back ((threadCpuNanoseconds() - start) / (calls / rounds));
    }
    std::sort (perCall.begin(), perCall.end());
    return { perCall[perCall.size() / 2], perCall.front() };
}

std::vector<SimdSupport::Level> supportedLevels()
{
    std::vector<SimdSupport::Level> levels;
    for (const auto level : { SimdSupport::Level::sse, SimdSupport::Level::avx2 })
        if (SimdSupport::isSupported (level))
            levels.push_back (level);
    return levels;
}

juce::var describe (const CallCost& cost)
{
    auto* o = new juce::DynamicObject();
    o->setProperty ("median", cost.median);
    o->setProperty ("min", cost.min);
    return juce::var (o);
}

Figure measureResampler (int calls)
{
    constexpr double plusSeven = 1.4983;
    std::vector<float> l (128), r (128);
    Figure figure{ "resampler_ns_per_voice_block", 0.0, "ns", "<= 1200", {} };
    figure.details.set ("what",
                        "VarispeedResampler::process, 128 stereo frames from a noise source, thread CPU time "
                        "per call (median of 9 rounds; min beside it); value = the kernel this CPU "
                        "runs at a pitched ratio (+7 st), details per kernel and ratio");
    figure.details.set ("kernel", SimdSupport::getName (SimdSupport::best()));

    for (const auto level : supportedLevels())
    {
        auto* perRatio = new juce::DynamicObject();
        for (const auto ratio : { 1.0, 1.0001, plusSeven, 2.0, 4.0 })
        {
            NoiseSource source;
            VarispeedResampler rs;
            rs.prepare (128, level);
            const auto cost =
                costPerCall (calls, [&] { rs.process (source, l.data(), r.data(), 128, ratio); });
            perRatio->setProperty ("ratio_" + juce::String (ratio, 4), describe (cost));
            if (ratio == plusSeven && level == SimdSupport::best())
                figure.value = cost.median;
        }
        figure.details.set (SimdSupport::getName (level), juce::var (perRatio));
    }
    return figure;
}

Figure measureEq (const BenchContext& context, int calls)
{
    constexpr int slots = DjEqBank::numSlots;
    Figure figure{ "djeq_ns_per_voice_block", 0.0, "ns", "<= 500", {} };
    figure.details.set (
        "what", "DJ EQ cost per voice for 128 stereo frames, bands engaged (low -6 dB, high +3.5 dB), thread "
                "CPU time (median of 9 rounds; min beside it), each call refilling its input from noise: "
                "value = DjEqBank (8 voices per call, divided by 8) on the kernel this CPU runs; details "
                "per bank kernel, and the per-voice DjEq the engine used before the bank; flat = a bypass");
    figure.details.set ("kernel", SimdSupport::getName (SimdSupport::best()));

    NoiseSource noise;
    std::vector<std::vector<float>> inL (slots, std::vector<float> (128)), inR = inL;
    for (int s = 0; s < slots; ++s)
        noise.readFrames (inL[(size_t) s].data(), inR[(size_t) s].data(), 128);
    auto l = inL, r = inR;

    auto refill = [&] (int count)
    {
        for (size_t s = 0; s < (size_t) count; ++s)
        {
            std::copy (inL[s].begin(), inL[s].end(), l[s].begin());
            std::copy (inR[s].begin(), inR[s].end(), r[s].begin());
        }
    };

    for (const auto level : supportedLevels())
    {
        auto* bankCosts = new juce::DynamicObject();
        for (const auto engaged : { false, true })
        {
            DjEqBank bank;
            bank.prepare (context.sampleRate, 128, level);
            DjEqBank::Buffers lp, rp;
            for (int s = 0; s < slots; ++s)
            {
                bank.setGains (s, engaged ? 0.5f : 1.0f, 1.0f, engaged ? 1.5f : 1.0f);
                bank.reset (s);
                lp[(size_t) s] = l[(size_t) s].data();
                rp[(size_t) s] = r[(size_t) s].data();
            }
            auto cost = costPerCall (calls / slots,
                                     [&]
                                     {
                                         refill (slots);
                                         bank.process (lp, rp, 128);
                                     });
            cost.median /= slots;
            cost.min /= slots;
            bankCosts->setProperty (engaged ? "engaged" : "flat", describe (cost));
            if (engaged && level == SimdSupport::best())
                figure.value = cost.median;
        }
        figure.details.set (juce::String ("bank_") + SimdSupport::getName (level), juce::var (bankCosts));
    }

    auto* single = new juce::DynamicObject();
    for (const auto engaged : { false, true })
    {
        DjEq filter;
        filter.prepare (context.sampleRate, 128);
        filter.setGains (engaged ? 0.5f : 1.0f, 1.0f, engaged ? 1.5f : 1.0f);
        filter.reset();
        const auto cost = costPerCall (calls,
                                       [&]
                                       {
                                           refill (1);
                                           filter.process (l[0].data(), r[0].data(), 128);
                                       });
        single->setProperty (engaged ? "engaged" : "flat", describe (cost));
    }
    figure.details.set ("per_voice_djeq", juce::var (single));
    return figure;
}

std::vector<Figure> measureDspCost (const BenchContext& context)
{
    const int calls = context.quick ? 2000 : 20000;
    juce::ScopedNoDenormals noDenormals; // as the audio callback runs
    auto resampler = measureResampler (calls);
    auto eq = measureEq (context, calls);

    Figure engines{ "rubberband_engines_rt_factor", 0.0, "x realtime (one voice, one core)", {}, {} };
    engines.details.set (
        "what", "KeyLockRenderer::measureRealtimeFactor at +7 st per KeyLock engine; value = the default, "
                    + juce::String (keyLockEngineName (defaultKeyLockEngine)));
    const double seconds = context.quick ? 0.5 : 3.0;
    const auto r2 =
        KeyLockRenderer::measureRealtimeFactor (context.sampleRate, KeyLockEngine::faster, 1.4983, seconds);
    const auto r2Fixed = KeyLockRenderer::measureRealtimeFactor (
        context.sampleRate, KeyLockEngine::fasterFixedPitch, 1.4983, seconds);
    const auto r3 =
        KeyLockRenderer::measureRealtimeFactor (context.sampleRate, KeyLockEngine::finer, 1.4983, seconds);
    engines.details.set ("r2_faster", r2);
    engines.details.set ("r2_faster_fixed_pitch", r2Fixed);
    const auto r3Short = KeyLockRenderer::measureRealtimeFactor (
        context.sampleRate, KeyLockEngine::finerShortWindow, 1.4983, seconds);
    engines.details.set ("r3_finer", r3);
    engines.details.set ("r3_finer_short_window", r3Short);
    engines.value =
        KeyLockRenderer::measureRealtimeFactor (context.sampleRate, defaultKeyLockEngine, 1.4983, seconds);

    return { resampler, eq, engines };
}

const Registration registration{ { "resampler_ns_per_voice_block", "djeq_ns_per_voice_block",
                                   "rubberband_engines_rt_factor" },
                                 measureDspCost };
} // namespace
} // namespace paddeck::bench
