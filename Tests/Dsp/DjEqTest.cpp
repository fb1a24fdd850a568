#include "Dsp/DjEq.h"
#include "DspTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

using namespace test;

static constexpr double rate = 48000.0;

/** Level change in dB of a sine through the EQ at fixed gains, measured after settling. */
static double gainAtDb (double frequency, float low, float mid, float high)
{
    DjEq eq;
    eq.prepare (rate, 128);
    eq.setGains (low, mid, high);
    eq.reset();

    auto l = sine (frequency, rate, 48000);
    auto r = l;
    for (int i = 0; i < 48000; i += 128)
        eq.process (l.data() + i, r.data() + i, std::min (128, 48000 - i));

    const auto settled = 24000;
    const auto in = amplitudeAt (sine (frequency, rate, 48000).data() + settled, 24000, frequency, rate);
    EXPECT_NEAR (toDb (amplitudeAt (r.data() + settled, 24000, frequency, rate) / in),
                 toDb (amplitudeAt (l.data() + settled, 24000, frequency, rate) / in), 0.01);
    return toDb (amplitudeAt (l.data() + settled, 24000, frequency, rate) / in);
}

TEST (DjEq, FlatIsTransparentInMagnitude)
{
    for (auto f : { 30.0, 60.0, 250.0, 1000.0, 4000.0, 10000.0, 16000.0, 20000.0 })
        EXPECT_NEAR (gainAtDb (f, 1.0f, 1.0f, 1.0f), 0.0, 0.1) << f << " Hz";
}

TEST (DjEq, BandsAtUnityAreTransparentToo)
{
    // Just off unity engages the band path: it must sum flat as well.
    for (auto f : { 60.0, 250.0, 1000.0, 4000.0, 16000.0 })
        EXPECT_NEAR (gainAtDb (f, 1.0001f, 1.0f, 1.0f), 0.0, 0.1) << f << " Hz";
}

TEST (DjEq, LowKill)
{
    EXPECT_LE (gainAtDb (60.0, 0.0f, 1.0f, 1.0f), -40.0);
    EXPECT_NEAR (gainAtDb (1000.0, 0.0f, 1.0f, 1.0f), 0.0, 1.0);
}

TEST (DjEq, MidKill)
{
    EXPECT_LE (gainAtDb (1000.0, 1.0f, 0.0f, 1.0f), -40.0);
    EXPECT_NEAR (gainAtDb (60.0, 1.0f, 0.0f, 1.0f), 0.0, 1.0);
    EXPECT_NEAR (gainAtDb (16000.0, 1.0f, 0.0f, 1.0f), 0.0, 1.0);
}

TEST (DjEq, HighKill)
{
    EXPECT_LE (gainAtDb (16000.0, 1.0f, 1.0f, 0.0f), -40.0);
    EXPECT_NEAR (gainAtDb (1000.0, 1.0f, 1.0f, 0.0f), 0.0, 1.0);
}

TEST (DjEq, PlusSixDbBoostsItsBand)
{
    EXPECT_NEAR (gainAtDb (60.0, 2.0f, 1.0f, 1.0f), 6.0, 0.3);
    EXPECT_NEAR (gainAtDb (1000.0, 1.0f, 2.0f, 1.0f), 6.0, 0.3);
    EXPECT_NEAR (gainAtDb (16000.0, 1.0f, 1.0f, 2.0f), 6.0, 0.3);
    EXPECT_NEAR (gainAtDb (1000.0, 2.0f, 1.0f, 1.0f), 0.0, 0.5);
}

TEST (DjEq, FastMovesMakeNoJumpBeyondTheSignal)
{
    for (auto band : { 0, 1, 2 })
    {
        const auto frequency = band == 0 ? 60.0 : band == 1 ? 1000.0 : 12000.0;
        DjEq eq;
        eq.prepare (rate, 128);
        auto l = sine (frequency, rate, 48000);
        auto r = l;

        // Flip between kill and +6 dB every 3 ms, including the first engage from flat.
        for (int i = 0, flip = 0; i < 48000; i += 144, ++flip)
        {
            const auto g = flip % 2 == 0 ? 0.0f : 2.0f;
            eq.setGains (band == 0 ? g : 1.0f, band == 1 ? g : 1.0f, band == 2 ? g : 1.0f);
            eq.process (l.data() + i, r.data() + i, std::min (144, 48000 - i));
        }

        // A sine at up to +6 dB steps at most sineStep (1.0); the gain ramp adds 2 / 960 of it.
        const auto allowed = sineStep (1.0, frequency, rate) + 2.0 / 960.0;
        EXPECT_LE (maxJump (l.data(), 48000), allowed) << frequency << " Hz";
    }
}

TEST (DjEq, ReturnsToTheFastPathWhenFlat)
{
    DjEq eq;
    eq.prepare (rate, 128);
    std::vector<float> l (128, 0.0f), r (128, 0.0f);
    EXPECT_TRUE (eq.isFlat());
    eq.setGains (0.5f, 1.0f, 1.0f);
    EXPECT_FALSE (eq.isFlat());
    eq.process (l.data(), r.data(), 128);
    eq.setGains (1.0f, 1.0f, 1.0f);
    for (int i = 0; i < 20; ++i)
        eq.process (l.data(), r.data(), 128);
    EXPECT_TRUE (eq.isFlat());
}

} // namespace paddeck

namespace paddeck
{

} // namespace paddeck
