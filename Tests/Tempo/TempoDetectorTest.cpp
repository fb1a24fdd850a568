#include "Tempo/TempoDetector.h"

#include "Support/DrumPattern.h"
#include "Support/TestAudio.h"
#include "Tempo/TaggedFiles.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
constexpr double bpmTolerance = 0.05, downbeatToleranceMs = 2.0;

TempoAnalysis detect (const std::vector<float>& mono, double rate)
{
    return TempoDetector::detect (mono.data(), (juce::int64) mono.size(), rate);
}

void expectFound (const TempoAnalysis& found, const test::DrumPattern& pattern)
{
    EXPECT_NEAR (found.detectedBpm, pattern.bpm, bpmTolerance);
    EXPECT_NEAR (found.downbeatSeconds * 1000.0, pattern.downbeatSeconds() * 1000.0, downbeatToleranceMs);
    EXPECT_GT (found.confidence, 0.5);
}
} // namespace

class TempoDetectorCorpus : public ::testing::TestWithParam<double>
{
};

TEST_P (TempoDetectorCorpus, FindsTheTempoAndTheFirstDownbeatOfEveryPattern)
{
    for (auto& pattern : test::DrumPattern::corpus (GetParam()))
    {
        SCOPED_TRACE (pattern.describe());
        const auto found = detect (pattern.render(), pattern.sampleRate);
        expectFound (found, pattern);
        EXPECT_TRUE (found.notes.isEmpty()) << found.notes.joinIntoString ("\n");
    }
}

INSTANTIATE_TEST_SUITE_P (Tempi, TempoDetectorCorpus,
                          ::testing::Values (70.0, 90.0, 120.0, 128.0, 140.0, 174.0),
                          [] (const auto& info) { return std::to_string ((int) info.param) + "bpm"; });

TEST (TempoDetector, TwoBarAndOneBarLoopsToo)
{
    for (double bpm : { 90.0, 128.0, 174.0 })
        for (int bars : { 1, 2 })
        {
            test::DrumPattern pattern;
            pattern.bpm = bpm;
            pattern.bars = bars;
            pattern.tailSeconds = 0.0; // a loop cut at its end
            SCOPED_TRACE (pattern.describe());
            // One bar has four beats to measure the tempo from: it is good to about a tenth of a
            // BPM, and LoopSnap takes the exact tempo from the loop's length.
            const auto found = detect (pattern.render(), pattern.sampleRate);
            EXPECT_NEAR (found.detectedBpm, bpm, bars == 1 ? 0.1 : bpmTolerance);
            EXPECT_NEAR (found.downbeatSeconds, 0.0, downbeatToleranceMs / 1000.0);
        }
}

TEST (TempoDetector, AnOffBeatBassDoesNotDoubleTheTempo)
{
    // The bass between the kicks is as strong as they are: its 8th-note grid fits as well as the
    // beat, and the beat is the one in the counted range.
    for (double bpm : { 100.0, 124.0, 128.0, 138.0 })
    {
        test::DrumPattern pattern;
        pattern.kind = test::DrumPattern::Kind::house;
        pattern.bpm = bpm;
        SCOPED_TRACE (pattern.describe());
        const auto found = detect (pattern.render(), pattern.sampleRate);
        expectFound (found, pattern);
    }
}

TEST (TempoDetector, TheDownbeatIsTheAccentedBeatAfterAPickup)
{
    for (double bpm : { 90.0, 140.0 })
    {
        test::DrumPattern pattern;
        pattern.kind = test::DrumPattern::Kind::clicks;
        pattern.bpm = bpm;
        pattern.firstBeat = 2; // two clicks before the first accented one
        SCOPED_TRACE (pattern.describe());
        const auto found = detect (pattern.render(), pattern.sampleRate);
        EXPECT_NEAR (found.detectedBpm, bpm, bpmTolerance);
        EXPECT_NEAR (found.downbeatSeconds, 2 * 60.0 / bpm, downbeatToleranceMs / 1000.0);
    }
}

TEST (TempoDetector, OneShotsTonesNoiseAndSilenceHaveNoTempo)
{
    const double rate = 48000.0;
    struct Case
    {
        const char* what;
        std::vector<float> mono;
    };
    for (auto& c : { Case{ "a kick", test::DrumPattern::oneShotKick (rate, 3.0) },
                     Case{ "a tone", test::DrumPattern::tone (rate, 6.0, 440.0) },
                     Case{ "noise", test::DrumPattern::noise (rate, 6.0, 7) },
                     Case{ "silence", std::vector<float> ((size_t) (6 * rate), 0.0f) } })
    {
        SCOPED_TRACE (c.what);
        const auto found = detect (c.mono, rate);
        EXPECT_EQ (found.detectedBpm, 0.0);
        EXPECT_LT (found.downbeatSeconds, 0.0);
        EXPECT_EQ (found.confidence, 0.0);
        EXPECT_EQ (found.chosenBpm(), 0.0);
        EXPECT_EQ (found.notes.size(), 1);
    }
    EXPECT_EQ (TempoDetector::detect (nullptr, 0, rate).detectedBpm, 0.0);
}

TEST (TempoDetector, AubiosOwnEstimateIsCoarse)
{
    // What the grid fit refines: aubio's beat tracker is a few percent off, or off by a factor.
    test::DrumPattern pattern;
    pattern.bpm = 128.0;
    const auto mono = pattern.render();
    const auto rough = TempoDetector::aubioTempo (mono.data(), (juce::int64) mono.size(), pattern.sampleRate);
    ASSERT_GT (rough, 0.0);
    const auto ratio = rough / pattern.bpm;
    const auto nearest = std::exp2 (std::round (std::log2 (ratio)));
    EXPECT_NEAR (ratio / nearest, 1.0, 0.05);
}

TEST (TempoDetector, AnalyseReadsEveryFormatPadDeckPlays)
{
    test::TempFolder folder;
    test::DrumPattern pattern;
    pattern.bpm = 128.0;
    pattern.leadSeconds = 0.25;
    pattern.sampleRate = 44100.0;
    const auto mono = pattern.render();

    for (auto name : { "loop.wav", "loop.aif", "loop.flac", "loop.ogg" })
    {
        SCOPED_TRACE (name);
        const auto file = test::DrumPattern::write (mono, pattern.sampleRate, folder / name, 2);
        ASSERT_TRUE (file.existsAsFile());
        const auto found = TempoDetector::analyse (file);
        expectFound (found, pattern);
        EXPECT_EQ (found.chosenBpm(), found.detectedBpm);
        EXPECT_EQ (found.chosenSource(), "detected");
    }
}

TEST (TempoDetector, ATagThatDisagreesWinsAndIsShownBesideTheDetectedTempo)
{
    test::TempFolder folder;
    test::DrumPattern pattern;
    pattern.bpm = 128.0;
    pattern.leadSeconds = 0.5;

    juce::StringPairArray acid;
    acid.set (juce::WavAudioFormat::acidTempo, "125");
    acid.set (juce::WavAudioFormat::acidBeats, "16");
    acid.set (juce::WavAudioFormat::acidizerFlag, "1");
    const auto file =
        test::DrumPattern::write (pattern.render(), pattern.sampleRate, folder / "Loop 126bpm.wav", 1, acid);

    const auto found = TempoDetector::analyse (file);
    expectFound (found, pattern);
    EXPECT_EQ (found.metadataBpm, 125.0);
    EXPECT_EQ (found.metadataSource, "WAV acid chunk");
    EXPECT_EQ (found.nameBpm, 126.0);
    EXPECT_EQ (found.chosenBpm(), 125.0);
    EXPECT_EQ (found.chosenSource(), "file");
    EXPECT_TRUE (found.tagDisagrees());
    ASSERT_EQ (found.notes.size(), 1);
    EXPECT_TRUE (found.notes[0].contains ("125.00 BPM") && found.notes[0].contains ("128.0"))
        << found.notes[0];
}

TEST (TempoDetector, AFileMarkedOneShotPlaysWithoutATempo)
{
    test::TempFolder folder;
    juce::StringPairArray acid;
    acid.set (juce::WavAudioFormat::acidOneShot, "1");
    acid.set (juce::WavAudioFormat::acidTempo, "120");
    const auto file = test::DrumPattern::write (test::DrumPattern::oneShotKick (48000.0, 1.0), 48000.0,
                                                folder / "kick.wav", 1, acid);

    const auto found = TempoDetector::analyse (file);
    EXPECT_TRUE (found.oneShot);
    EXPECT_EQ (found.metadataBpm, 120.0);
    EXPECT_EQ (found.chosenBpm(), 0.0);
    EXPECT_TRUE (found.notes.joinIntoString (" ").contains ("one-shot")) << found.notes.joinIntoString ("\n");
}

TEST (TempoDetector, AFileThatCannotBeDecodedStillGetsItsTagAndName)
{
    test::TempFolder folder;
    const auto mp3 =
        test::TaggedFiles::writeMp3 (folder / "Loop 128bpm.mp3", test::TaggedFiles::id3Tag (3, "130"));
    const auto found = TempoDetector::analyse (mp3);
    EXPECT_EQ (found.metadataBpm, 130.0);
    EXPECT_EQ (found.nameBpm, 128.0);
    EXPECT_EQ (found.detectedBpm, 0.0);
    EXPECT_EQ (found.chosenBpm(), 130.0);
    EXPECT_FALSE (found.tagDisagrees());
    EXPECT_FALSE (found.notes.isEmpty());

    const auto missing = TempoDetector::analyse (folder / "Gone 90 BPM.wav");
    EXPECT_EQ (missing.nameBpm, 90.0);
    EXPECT_EQ (missing.detectedBpm, 0.0);
    EXPECT_TRUE (missing.notes.joinIntoString (" ").contains ("not found"))
        << missing.notes.joinIntoString ("\n");
}

} // namespace paddeck
