#include "Tempo/BeatGridFit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;

/** An onset whose weight in the fit is `w` (level only, out of silence). */
OnsetFinder::Onset hit (double sample, double w)
{
    OnsetFinder::Onset o;
    o.sample = sample;
    o.strength = w * w;
    o.contrast = 1.0;
    return o;
}

double period (double bpm) { return 60.0 * rate / bpm; }

/** Kick (1.0) on beats 1 and 3, snare (0.6) on 2 and 4, hats (0.25) on every 8th, swung or not. */
std::vector<OnsetFinder::Onset> drumOnsets (double bpm, int beats, double start, bool swing)
{
    std::vector<OnsetFinder::Onset> onsets;
    const double p = period (bpm);
    for (int b = 0; b < beats; ++b)
    {
        onsets.push_back (hit (start + b * p, b % 2 == 0 ? 1.0 : 0.6));
        onsets.push_back (hit (start + (b + (swing ? 2.0 / 3.0 : 0.5)) * p, 0.25));
    }
    return onsets;
}
} // namespace

TEST (BeatGridFit, TheTempoIsExactAndSwungHatsDoNotPullIt)
{
    for (double bpm : { 70.0, 97.3, 128.0, 174.0 })
        for (bool swing : { false, true })
        {
            SCOPED_TRACE (std::to_string (bpm) + (swing ? " swung" : ""));
            const auto grid = BeatGridFit::fit (drumOnsets (bpm, 32, 1000.0, swing), rate, 0.0);
            ASSERT_TRUE (grid.found());
            EXPECT_NEAR (grid.bpm (rate), bpm, 1.0e-6);
            EXPECT_NEAR (grid.downbeat, 1000.0, 1.0e-6);
            EXPECT_GT (grid.confidence, 0.5);
        }
}

TEST (BeatGridFit, ItTakesTheBeatNotItsDoubleOrHalf)
{
    // Aubio's estimate may be off by a factor: the grid decides from the onsets.
    for (double bpm : { 70.0, 90.0, 140.0, 174.0 })
        for (double hint : { 0.0, bpm * 2.0, bpm / 2.0 })
        {
            SCOPED_TRACE (std::to_string (bpm) + " hint " + std::to_string (hint));
            EXPECT_NEAR (BeatGridFit::fit (drumOnsets (bpm, 16, 0.0, false), rate, hint).bpm (rate), bpm,
                         1.0e-6);
        }
}

TEST (BeatGridFit, ABackbeatMakesTheBeatAndAnOffBeatBassDoesNot)
{
    // Kick and snare alternating at 174: the beat is 174, not the kicks' 87.
    EXPECT_NEAR (BeatGridFit::fit (drumOnsets (174.0, 32, 0.0, false), rate, 87.0).bpm (rate), 174.0, 1.0e-6);

    // Kicks on the beat and a bass as strong between: 124 (in the counted range), not 248.
    std::vector<OnsetFinder::Onset> house;
    const double p = period (124.0);
    for (int b = 0; b < 32; ++b)
    {
        house.push_back (hit (b * p, 1.2));
        house.push_back (hit ((b + 0.25) * p, 0.2));
        house.push_back (hit ((b + 0.5) * p, 1.0));
        house.push_back (hit ((b + 0.75) * p, 0.2));
    }
    const auto grid = BeatGridFit::fit (house, rate, 248.0);
    EXPECT_NEAR (grid.bpm (rate), 124.0, 1.0e-6);
    EXPECT_NEAR (grid.downbeat, 0.0, 1.0e-6);
    EXPECT_GT (grid.confidence, 0.5);
}

TEST (BeatGridFit, TimingJitterAveragesOut)
{
    std::mt19937 random (11);
    std::uniform_real_distribution<double> jitter (-0.004 * rate, 0.004 * rate); // ±4 ms, a drummer
    auto onsets = drumOnsets (123.0, 64, 0.0, true);
    for (auto& o : onsets)
        o.sample += jitter (random) + 10000.0;
    const auto grid = BeatGridFit::fit (onsets, rate, 0.0);
    EXPECT_NEAR (grid.bpm (rate), 123.0, 0.05);
    EXPECT_GT (grid.residualMs, 1.0);
}

TEST (BeatGridFit, FlickersBetweenTheBeatsCancelOut)
{
    // Weak onsets every 37 ms, as a held chord's beating makes: on beats and midpoints alike.
    auto onsets = drumOnsets (110.0, 32, 0.0, false);
    for (double t = 500.0; t < 32 * period (110.0); t += 0.037 * rate)
        onsets.push_back (hit (t, 0.15));
    std::sort (onsets.begin(), onsets.end(), [] (auto& a, auto& b) { return a.sample < b.sample; });

    const auto grid = BeatGridFit::fit (onsets, rate, 0.0);
    EXPECT_NEAR (grid.bpm (rate), 110.0, 0.01);
    EXPECT_NEAR (grid.downbeat, 0.0, 0.001 * rate);
}

TEST (BeatGridFit, OnsetsWithNoSteadyBeatHaveNoGrid)
{
    std::mt19937 random (5);
    std::uniform_real_distribution<double> anywhere (0.0, 10.0 * rate);
    std::vector<OnsetFinder::Onset> scattered;
    for (int i = 0; i < 25; ++i)
        scattered.push_back (hit (anywhere (random), 1.0));
    std::sort (scattered.begin(), scattered.end(), [] (auto& a, auto& b) { return a.sample < b.sample; });
    EXPECT_FALSE (BeatGridFit::fit (scattered, rate, 120.0).found());

    // Three hits are a fill, not a tempo.
    EXPECT_FALSE (BeatGridFit::fit ({ hit (0, 1), hit (24000, 1), hit (48000, 1) }, rate, 0.0).found());
    EXPECT_FALSE (BeatGridFit::fit ({}, rate, 0.0).found());
}

TEST (BeatGridFit, TheDownbeatIsTheAccentedBarPosition)
{
    // Clicks from the third beat of a bar: the accented one (twice as strong) is the downbeat.
    std::vector<OnsetFinder::Onset> clicks;
    const double p = period (100.0);
    for (int b = 2; b < 18; ++b)
        clicks.push_back (hit (5000.0 + (b - 2) * p, b % 4 == 0 ? 1.0 : 0.5));
    const auto grid = BeatGridFit::fit (clicks, rate, 0.0);
    ASSERT_TRUE (grid.found());
    EXPECT_NEAR (grid.downbeat, 5000.0 + 2 * p, 1.0e-6);
    EXPECT_NEAR (grid.origin, 5000.0, 1.0e-6);

    // Equal hits on every beat: the first one.
    for (auto& c : clicks)
        c.strength = 1.0;
    EXPECT_NEAR (BeatGridFit::fit (clicks, rate, 0.0).downbeat, 5000.0, 1.0e-6);
}

} // namespace paddeck
