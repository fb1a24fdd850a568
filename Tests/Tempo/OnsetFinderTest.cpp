#include "Tempo/OnsetFinder.h"

#include "Support/DrumPattern.h"

#include <gtest/gtest.h>

#include <cmath>

namespace paddeck
{

namespace
{
std::vector<OnsetFinder::Onset> find (const std::vector<float>& mono, double rate)
{
    return OnsetFinder::find (mono.data(), (std::int64_t) mono.size(), rate);
}

/** The onset nearest `sample`, or nullptr when none is within 20 ms. */
const OnsetFinder::Onset* nearest (const std::vector<OnsetFinder::Onset>& onsets, double sample, double rate)
{
    const OnsetFinder::Onset* best = nullptr;
    for (auto& o : onsets)
        if (std::abs (o.sample - sample) < 0.02 * rate
            && (best == nullptr || std::abs (o.sample - sample) < std::abs (best->sample - sample)))
            best = &o;
    return best;
}
} // namespace

TEST (OnsetFinder, FindsEveryClickOnItsSample)
{
    test::DrumPattern clicks;
    clicks.kind = test::DrumPattern::Kind::clicks;
    clicks.bpm = 133.0;
    clicks.leadSeconds = 0.1234;
    const auto onsets = find (clicks.render(), clicks.sampleRate);

    ASSERT_EQ (onsets.size(), 16u);
    const double beat = 60.0 * clicks.sampleRate / clicks.bpm;
    for (int b = 0; b < 16; ++b)
    {
        const auto truth = (double) std::llround (clicks.leadSeconds * clicks.sampleRate + b * beat);
        EXPECT_NEAR (onsets[(size_t) b].sample, truth, 0.0005 * clicks.sampleRate) << "click " << b;
        EXPECT_NEAR (onsets[(size_t) b].contrast, 1.0, 0.05); // out of silence
    }
}

TEST (OnsetFinder, FindsKicksAndSnaresOverAHeldChordToAMillisecond)
{
    test::DrumPattern pattern;
    pattern.bpm = 100.0;
    pattern.sampleRate = 44100.0;
    auto mono = pattern.render();
    const auto chord =
        test::DrumPattern::tone (pattern.sampleRate, (double) mono.size() / pattern.sampleRate, 220.0);
    const auto fifth =
        test::DrumPattern::tone (pattern.sampleRate, (double) mono.size() / pattern.sampleRate, 330.0);
    for (size_t i = 0; i < mono.size(); ++i)
        mono[i] += 0.3f * (chord[i] + fifth[i]);

    const auto onsets = find (mono, pattern.sampleRate);
    const double beat = 60.0 * pattern.sampleRate / pattern.bpm;
    for (int b = 0; b < 16; ++b)
    {
        const auto truth = (double) std::llround (b * beat);
        const auto* onset = nearest (onsets, truth, pattern.sampleRate);
        ASSERT_NE (onset, nullptr) << "beat " << b;
        EXPECT_NEAR (onset->sample, truth, 0.001 * pattern.sampleRate) << "beat " << b;
    }
}

TEST (OnsetFinder, KicksCarryBassAndHatsDoNot)
{
    test::DrumPattern pattern;
    pattern.bpm = 120.0;
    const auto onsets = find (pattern.render(), pattern.sampleRate);
    const double beat = 60.0 * pattern.sampleRate / pattern.bpm;

    const auto* kick = nearest (onsets, 4 * beat, pattern.sampleRate);
    const auto* hat = nearest (onsets, 4.5 * beat, pattern.sampleRate);
    ASSERT_NE (kick, nullptr);
    ASSERT_NE (hat, nullptr);
    EXPECT_GT (kick->bass, 10.0 * hat->bass);
    EXPECT_GT (kick->strength, hat->strength);
}

TEST (OnsetFinder, AHitOnTheFirstSampleIsFoundThere)
{
    const auto kick = test::DrumPattern::oneShotKick (48000.0, 1.0);
    const auto onsets = find (kick, 48000.0);
    ASSERT_EQ (onsets.size(), 1u);
    EXPECT_LT (onsets[0].sample, 0.001 * 48000.0);
    EXPECT_GT (onsets[0].bass, 0.1);
}

TEST (OnsetFinder, SilenceHasNoOnsetsAndAToneOnlyItsStart)
{
    EXPECT_TRUE (find (std::vector<float> (96000, 0.0f), 48000.0).empty());
    EXPECT_TRUE (OnsetFinder::find (nullptr, 0, 48000.0).empty());

    const auto tone = find (test::DrumPattern::tone (48000.0, 4.0, 440.0), 48000.0);
    ASSERT_LE (tone.size(), 1u);
    for (auto& o : tone)
        EXPECT_LT (o.sample, 0.01 * 48000.0);
}

} // namespace paddeck
