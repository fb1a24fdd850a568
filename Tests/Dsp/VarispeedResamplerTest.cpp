#include "Dsp/VarispeedResampler.h"
#include "DspTestSupport.h"

#include <gtest/gtest.h>

#include <random>

namespace paddeck
{

using namespace test;

static constexpr double rate = 48000.0;

/** Runs the resampler over the whole source in blocks, a ratio per block; returns real frames. */
template <typename RatioForBlock>
static std::vector<float> render (VarispeedResampler& rs, FrameSource& src, int maxFrames, int block,
                                  RatioForBlock ratioForBlock, std::vector<float>* right = nullptr)
{
    std::vector<float> l ((size_t) maxFrames), r ((size_t) maxFrames);
    int done = 0;
    for (int b = 0; done < maxFrames; ++b)
    {
        const auto n = std::min (block, maxFrames - done);
        const auto real = rs.process (src, l.data() + done, r.data() + done, n, ratioForBlock (b));
        done += real;
        if (real < n)
            break;
    }
    l.resize ((size_t) done);
    r.resize ((size_t) done);
    if (right != nullptr)
        *right = r;
    return l;
}

/** Every quality test runs once per kernel (SimdSupport level) this CPU has. */
class VarispeedResamplerKernel : public ::testing::TestWithParam<SimdSupport::Level>
{
protected:
    void SetUp() override
    {
        if (!SimdSupport::isSupported (GetParam()))
            GTEST_SKIP() << SimdSupport::getName (GetParam()) << " is not supported by this CPU";
    }

    VarispeedResampler prepared (int maxBlockSize) const
    {
        VarispeedResampler rs;
        rs.prepare (maxBlockSize, GetParam());
        EXPECT_EQ (rs.getSimdLevel(), GetParam());
        return rs;
    }
};

INSTANTIATE_TEST_SUITE_P (Kernels, VarispeedResamplerKernel,
                          ::testing::Values (SimdSupport::Level::sse, SimdSupport::Level::avx2),
                          [] (const auto& info) { return std::string (SimdSupport::getName (info.param)); });

TEST_P (VarispeedResamplerKernel, RatioOneIsBitExactFromFrameZero)
{
    std::mt19937 gen (7);
    std::uniform_real_distribution<float> dist (-1.0f, 1.0f);
    std::vector<float> l (10000), r (10000);
    for (size_t i = 0; i < l.size(); ++i)
    {
        l[i] = dist (gen);
        r[i] = dist (gen);
    }
    VectorSource src (l, r);
    auto rs = prepared (256);

    std::vector<float> outR;
    const auto outL = render (
        rs, src, 20000, 37, [] (int) { return 1.0; }, &outR);

    ASSERT_EQ (outL.size(), l.size()) << "reports the end of the source exactly";
    double maxError = 0.0;
    for (size_t i = 0; i < l.size(); ++i)
        maxError =
            std::max ({ maxError, (double) std::abs (outL[i] - l[i]), (double) std::abs (outR[i] - r[i]) });
    EXPECT_EQ (outL[0], l[0]) << "first output frame is source frame 0";
    EXPECT_EQ (maxError, 0.0);

    // Through the kernel too: at -12 st every other output sits on a source frame, where the
    // full-band kernel is a unit impulse.
    VectorSource slow (l, r);
    auto half = prepared (256);
    const auto slowL = render (half, slow, 2000, 64, [] (int) { return 0.5; });
    for (size_t i = 0; i < 1000; ++i)
        ASSERT_EQ (slowL[2 * i], l[i]) << "output " << 2 * i;
}

TEST_P (VarispeedResamplerKernel, PlusTwelveSemitonesDoublesFrequencyAndHalvesDuration)
{
    VectorSource src (sine (440.0, rate, 48000));
    auto rs = prepared (128);
    const auto ratio = VarispeedResampler::ratioFor (rate, rate, 12.0);
    EXPECT_NEAR (ratio, 2.0, 1.0e-12);

    const auto out = render (rs, src, 48000, 128, [&] (int) { return ratio; });

    EXPECT_NEAR ((double) out.size(), 24000.0, 1.0);
    const auto f = zeroCrossingFrequency (out.data() + 200, (int) out.size() - 400, rate);
    EXPECT_NEAR (f, 880.0, 880.0 * 0.001);
    EXPECT_NEAR (toDb (rms (out.data() + 200, (int) out.size() - 400) / (0.5 / std::sqrt (2.0))), 0.0, 0.1);
}

TEST_P (VarispeedResamplerKernel, SampleRateConversionKeepsPitch)
{
    VectorSource src (sine (1000.0, 44100.0, 44100));
    auto rs = prepared (128);
    const auto out = render (rs, src, 96000, 128,
                             [] (int) { return VarispeedResampler::ratioFor (44100.0, 48000.0, 0.0); });

    EXPECT_NEAR ((double) out.size(), 48000.0, 2.0);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 100, (int) out.size() - 200, rate), 1000.0, 0.5);
}

TEST_P (VarispeedResamplerKernel, PlusTwelveOfFifteenKilohertzAliasesBelowMinus75Db)
{
    // 15 kHz read twice as fast would be 30 kHz: all that may remain is its alias at 18 kHz.
    VectorSource src (sine (15000.0, rate, 48000));
    auto rs = prepared (128);
    const auto out = render (rs, src, 48000, 128, [] (int) { return 2.0; });

    const auto n = (int) out.size() - 400;
    const auto inputRms = 0.5 / std::sqrt (2.0);
    const auto totalDb = toDb (rms (out.data() + 200, n) / inputRms);
    const auto aliasDb = toDb (amplitudeAt (out.data() + 200, n, 18000.0, rate) / 0.5);
    EXPECT_LE (totalDb, -75.0) << "everything left in the output is alias";
    EXPECT_LE (aliasDb, -75.0);
}

TEST_P (VarispeedResamplerKernel, PassbandAtPlusTwelveKeepsLevel)
{
    VectorSource src (sine (6000.0, rate, 48000));
    auto rs = prepared (128);
    const auto out = render (rs, src, 48000, 128, [] (int) { return 2.0; });
    EXPECT_NEAR (toDb (rms (out.data() + 200, (int) out.size() - 400) / (0.5 / std::sqrt (2.0))), 0.0, 1.0);
}

TEST_P (VarispeedResamplerKernel, FastPitchSweepMakesNoJumpBeyondTheSignal)
{
    const auto frequency = 1000.0;
    VectorSource src (sine (frequency, rate, 48000 * 4));
    auto rs = prepared (128);

    // -24 … +24 semitones and back every 100 ms, a new target every 128-frame block.
    const auto blocksPerSweep = 0.1 * rate / 128.0;
    const auto out = render (rs, src, 48000, 128,
                             [&] (int b)
                             {
                                 const auto t = std::fmod (b / blocksPerSweep, 1.0);
                                 const auto semitones = -24.0 + 48.0 * (t < 0.5 ? 2.0 * t : 2.0 - 2.0 * t);
                                 return VarispeedResampler::ratioFor (rate, rate, semitones);
                             });

    ASSERT_EQ ((int) out.size(), 48000);
    const auto allowed = sineStep (peak (out.data(), (int) out.size()), frequency * 4.0, rate) * 1.02;
    EXPECT_LE (maxJump (out.data(), (int) out.size()), allowed);
}

TEST_P (VarispeedResamplerKernel, RatioGlidesAcrossTheBlock)
{
    // A step in the target ratio must spread over the block: the frequency of the first and
    // the last quarter of a 512-frame block differ, with no step at the block's start.
    VectorSource src (sine (500.0, rate, 48000));
    auto rs = prepared (512);
    std::vector<float> l (1024), r (1024);
    rs.process (src, l.data(), r.data(), 512, 1.0);
    rs.process (src, l.data() + 512, r.data() + 512, 512, 2.0);

    const auto allowed = sineStep (0.5, 1000.0, rate) * 1.02;
    EXPECT_LE (maxJump (l.data(), 1024), allowed);
    EXPECT_NEAR (rs.getSourcePosition(), 512.0 + 768.5, 1.0e-9);
}

TEST_P (VarispeedResamplerKernel, ConstantRatioStepsExactly)
{
    // The fixed-point position steps exactly: 10 s at a ratio of 3/2 end on source frame
    // 720000; 44.1 kHz played at 48 kHz is off by at most half a step's rounding (2^-33 frames)
    // per frame after 10 s.
    VectorSource src (sine (440.0, rate, 48000 * 20));
    auto rs = prepared (128);
    std::vector<float> l (128), r (128);
    for (int b = 0; b < 3750; ++b)
        rs.process (src, l.data(), r.data(), 128, 1.5);
    EXPECT_EQ (rs.getSourcePosition(), 720000.0);

    VectorSource other (sine (440.0, 44100.0, 44100 * 12));
    auto converted = prepared (128);
    for (int b = 0; b < 3750; ++b)
        converted.process (other, l.data(), r.data(), 128, 44100.0 / 48000.0);
    EXPECT_NEAR (converted.getSourcePosition(), 441000.0, 480000.0 / 8589934592.0);
}

TEST_P (VarispeedResamplerKernel, ReportsTheEndOfTheSourceAtAPitch)
{
    // 1000 frames read at ratio 1.5 last ceil (1000 / 1.5) = 667 output frames; the rest is silence.
    VectorSource src (sine (440.0, rate, 1000));
    auto rs = prepared (128);
    std::vector<float> l (1024, 1.0f), r (1024, 1.0f);
    int real = 0;
    for (int done = 0; done < 1024; done += 128)
        real += rs.process (src, l.data() + done, r.data() + done, 128, 1.5);
    EXPECT_EQ (real, 667);
    EXPECT_EQ (peak (l.data() + 667, 1024 - 667), 0.0);
    EXPECT_GT (peak (l.data() + 600, 67), 0.1);
}

TEST (VarispeedResampler, KernelsAgreeWithinMinus120Db)
{
    if (!SimdSupport::isSupported (SimdSupport::Level::avx2))
        GTEST_SKIP() << "one kernel only on this CPU";

    // Noise through a pitch sweep: the 256-bit FMA kernel rounds differently, nothing more.
    std::mt19937 gen (3);
    std::uniform_real_distribution<float> dist (-0.5f, 0.5f);
    std::vector<float> noise (48000 * 3);
    for (auto& v : noise)
        v = dist (gen);

    std::vector<float> outputs[2];
    for (const auto level : { SimdSupport::Level::sse, SimdSupport::Level::avx2 })
    {
        VectorSource src (noise);
        VarispeedResampler rs;
        rs.prepare (128, level);
        outputs[level == SimdSupport::Level::avx2 ? 1 : 0] =
            render (rs, src, 48000, 128, [] (int b) { return 0.5 + 0.01 * (b % 300); });
    }

    ASSERT_EQ (outputs[0].size(), outputs[1].size());
    std::vector<float> difference (outputs[0].size());
    for (size_t i = 0; i < difference.size(); ++i)
        difference[i] = outputs[1][i] - outputs[0][i];
    EXPECT_LE (toDb (rms (difference.data(), (int) difference.size())
                     / rms (outputs[0].data(), (int) outputs[0].size())),
               -120.0);
}

} // namespace paddeck

#include "Dsp/ResampledSource.h"

namespace paddeck
{

TEST (VarispeedResampler, ResampledSourceConvertsAStreamForAPullingConsumer)
{
    test::VectorSource inner (test::sine (1000.0, 44100.0, 44100));
    ResampledSource source;
    source.prepare (256);
    source.reset (inner, VarispeedResampler::ratioFor (44100.0, 48000.0, 0.0));

    std::vector<float> l (60000), r (60000);
    int total = 0;
    for (int done = 0; done < 60000; done += 500)
        total += source.readFrames (l.data() + done, r.data() + done, 500);

    EXPECT_NEAR (total, 48000, 2);
    EXPECT_NEAR (test::zeroCrossingFrequency (l.data() + 100, 47000, 48000.0), 1000.0, 0.5);
}

} // namespace paddeck
