#include "Dsp/GainRamp.h"
#include "DspTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

using namespace test;

static constexpr double rate = 48000.0;

TEST (GainRamp, GainChangesRampAcrossTheBlockWithoutClicks)
{
    auto l = sine (1000.0, rate, 4096, 1.0f);
    auto r = l;
    GainRamp ramp;
    ramp.prepare (rate);
    const float gains[] = { 1.0f, 0.0f, 2.0f, 0.25f, 1.0f, 1.0f, 0.0f, 0.0f };
    for (int b = 0; b < 8; ++b)
    {
        ramp.setGain (gains[b]);
        ramp.process (l.data() + b * 512, r.data() + b * 512, 512);
    }
    // 0 → 2 over 512 frames adds 2/512 per sample to a sine's own step.
    EXPECT_LE (maxJump (l.data(), 4096), sineStep (2.0, 1000.0, rate) + 2.0 / 512.0);
    EXPECT_EQ (peak (l.data() + 7 * 512, 512), 0.0);
}

TEST (GainRamp, FadeOutReachesSilenceInAtLeastTwoMsWithoutClicks)
{
    auto l = sine (1000.0, rate, 2048, 1.0f);
    auto r = l;
    GainRamp ramp;
    ramp.prepare (rate, 0.5); // asks for less than the floor
    EXPECT_GE (ramp.getFadeFrames(), (int) (0.002 * rate));

    ramp.fadeOut();
    for (int i = 0; i < 2048; i += 128)
        ramp.process (l.data() + i, r.data() + i, 128);

    EXPECT_TRUE (ramp.isFadedOut());
    EXPECT_GT (peak (l.data(), 32), 0.5) << "still sounding early in the fade";
    EXPECT_EQ (peak (l.data() + ramp.getFadeFrames(), 2048 - ramp.getFadeFrames()), 0.0);
    EXPECT_LE (maxJump (l.data(), 2048), sineStep (1.0, 1000.0, rate) + 1.0 / ramp.getFadeFrames());
}

TEST (GainRamp, RetriggerFadesInFromSilence)
{
    auto l = sine (1000.0, rate, 1024, 1.0f);
    auto r = l;
    GainRamp ramp;
    ramp.prepare (rate);
    ramp.restartFadeIn();
    ramp.process (l.data(), r.data(), 1024);
    EXPECT_LE (std::abs (l[0]), 1.0 / ramp.getFadeFrames() + 1.0e-6);
    EXPECT_LE (maxJump (l.data(), 1024), sineStep (1.0, 1000.0, rate) + 1.0 / ramp.getFadeFrames());
    EXPECT_FALSE (ramp.isFading());
}

} // namespace paddeck
