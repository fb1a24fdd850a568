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

TEST (VarispeedResampler, RatioOneIsBitExactFromFrameZero)
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
    VarispeedResampler rs;
    rs.prepare (256);

    std::vector<float> outR;
    const auto outL = render (
        rs, src, 20000, 37, [] (int) { return 1.0; }, &outR);

    ASSERT_EQ (outL.size(), l.size()) << "reports the end of the source exactly";
    double maxError = 0.0;
    for (size_t i = 0; i < l.size(); ++i)
        maxError =
            std::max ({ maxError, (double) std::abs (outL[i] - l[i]), (double) std::abs (outR[i] - r[i]) });
    EXPECT_EQ (outL[0], l[0]) << "first output frame is source frame 0";
    EXPECT_LE (maxError, 1.0e-6);
}

TEST (VarispeedResampler, PlusTwelveSemitonesDoublesFrequencyAndHalvesDuration)
{
    VectorSource src (sine (440.0, rate, 48000));
    VarispeedResampler rs;
    rs.prepare (128);
    const auto ratio = VarispeedResampler::ratioFor (rate, rate, 12.0);
    EXPECT_NEAR (ratio, 2.0, 1.0e-12);

    const auto out = render (rs, src, 48000, 128, [&] (int) { return ratio; });

    EXPECT_NEAR ((double) out.size(), 24000.0, 1.0);
    const auto f = zeroCrossingFrequency (out.data() + 200, (int) out.size() - 400, rate);
    EXPECT_NEAR (f, 880.0, 880.0 * 0.001);
    EXPECT_NEAR (toDb (rms (out.data() + 200, (int) out.size() - 400) / (0.5 / std::sqrt (2.0))), 0.0, 0.1);
}

TEST (VarispeedResampler, SampleRateConversionKeepsPitch)
{
    VectorSource src (sine (1000.0, 44100.0, 44100));
    VarispeedResampler rs;
    rs.prepare (128);
    const auto out = render (rs, src, 96000, 128,
                             [] (int) { return VarispeedResampler::ratioFor (44100.0, 48000.0, 0.0); });

    EXPECT_NEAR ((double) out.size(), 48000.0, 2.0);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 100, (int) out.size() - 200, rate), 1000.0, 0.5);
}

TEST (VarispeedResampler, PlusTwelveOfFifteenKilohertzIsAliasFree)
{
    VectorSource src (sine (15000.0, rate, 48000));
    VarispeedResampler rs;
    rs.prepare (128);
    const auto out = render (rs, src, 48000, 128, [] (int) { return 2.0; });

    const auto n = (int) out.size() - 400;
    const auto inputRms = 0.5 / std::sqrt (2.0);
    const auto totalDb = toDb (rms (out.data() + 200, n) / inputRms);
    const auto aliasDb = toDb (amplitudeAt (out.data() + 200, n, 18000.0, rate) / 0.5);
    EXPECT_LE (totalDb, -40.0) << "everything left in the output is alias";
    EXPECT_LE (aliasDb, -40.0);
}

TEST (VarispeedResampler, PassbandAtPlusTwelveKeepsLevel)
{
    VectorSource src (sine (6000.0, rate, 48000));
    VarispeedResampler rs;
    rs.prepare (128);
    const auto out = render (rs, src, 48000, 128, [] (int) { return 2.0; });
    EXPECT_NEAR (toDb (rms (out.data() + 200, (int) out.size() - 400) / (0.5 / std::sqrt (2.0))), 0.0, 1.0);
}

TEST (VarispeedResampler, FastPitchSweepMakesNoJumpBeyondTheSignal)
{
    const auto frequency = 1000.0;
    VectorSource src (sine (frequency, rate, 48000 * 4));
    VarispeedResampler rs;
    rs.prepare (128);

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

TEST (VarispeedResampler, RatioGlidesAcrossTheBlock)
{
    // A step in the target ratio must spread over the block: the frequency of the first and
    // the last quarter of a 512-frame block differ, with no step at the block's start.
    VectorSource src (sine (500.0, rate, 48000));
    VarispeedResampler rs;
    rs.prepare (512);
    std::vector<float> l (1024), r (1024);
    rs.process (src, l.data(), r.data(), 512, 1.0);
    rs.process (src, l.data() + 512, r.data() + 512, 512, 2.0);

    const auto allowed = sineStep (0.5, 1000.0, rate) * 1.02;
    EXPECT_LE (maxJump (l.data(), 1024), allowed);
    EXPECT_NEAR (rs.getSourcePosition(), 512.0 + 768.5, 1.0e-9);
}

} // namespace paddeck

namespace paddeck
{

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
