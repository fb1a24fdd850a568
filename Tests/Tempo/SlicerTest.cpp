#include "Tempo/Slicer.h"

#include "Support/TestAudio.h"

#include <gtest/gtest.h>

#include <cmath>

namespace paddeck
{

namespace
{
using Slices = std::vector<Slicer::Slice>;

/** A decaying 80 Hz burst with noise on top (a kick with its click), starting with a step on its
    first sample, out of silence, and down to below −90 dB where it stops. */
float hit (juce::int64 i, float level)
{
    if (i < 0 || i >= 6000)
        return 0.0f;
    const auto noise = (float) (((i * 1103515245 + 12345) >> 8) % 2001) / 1000.0f - 1.0f;
    return level * std::exp (-(float) i / 600.0f)
           * (0.7f * (float) std::cos (6.283185307 * 80.0 * (double) i / 44100.0) + 0.3f * noise);
}

/** A file of hits at the given samples (each with its level), silence between. */
juce::File hitsFile (const juce::File& file, juce::int64 frames,
                     const std::vector<std::pair<juce::int64, float>>& hits, int channels = 1)
{
    return test::writeWav (file, 44100.0, channels, frames,
                           [&] (juce::int64 i, int)
                           {
                               float x = 0.0f;
                               for (auto [at, level] : hits)
                                   x += hit (i - at, level);
                               return x;
                           });
}

std::unique_ptr<juce::AudioFormatReader> open (const juce::File& file)
{
    juce::WavAudioFormat wav;
    return std::unique_ptr<juce::AudioFormatReader> (
        wav.createReaderFor (new juce::FileInputStream (file), true));
}
} // namespace

TEST (Slicer, EqualPartsHaveExactFrameBoundariesEndingOnTheRegionsEnd)
{
    EXPECT_EQ (Slicer::equal (0, 352800, 4),
               (Slices{ { 0, 88200 }, { 88200, 176400 }, { 176400, 264600 }, { 264600, 352800 } }));
    // Not divisible: i × length / count rounded down, so the parts differ by a frame at most.
    const auto odd = Slicer::equal (1000, 1000 + 100003, 8);
    ASSERT_EQ (odd.size(), 8u);
    for (int i = 0; i < 8; ++i)
    {
        EXPECT_EQ (odd[(size_t) i].start, 1000 + (juce::int64) i * 100003 / 8);
        EXPECT_EQ (odd[(size_t) i].end, 1000 + (juce::int64) (i + 1) * 100003 / 8);
    }
    EXPECT_EQ (odd.back().end, 101003);
    EXPECT_EQ (Slicer::equal (0, 3, 16).size(), 3u) << "never an empty slice";
    EXPECT_TRUE (Slicer::equal (10, 10, 4).empty());
}

TEST (Slicer, BeatsStartOnEachBeatFromTheDownbeatWithoutDrift)
{
    // 120 BPM at 44.1 kHz: 22,050 frames a beat, the first on the downbeat; the pickup before it is left out.
    const auto beats = Slicer::byBeats (0, 1000 + 16 * 22050, 44100.0, 120.0, 1000, 64);
    ASSERT_EQ (beats.size(), 16u);
    for (int k = 0; k < 16; ++k)
        EXPECT_EQ (beats[(size_t) k], (Slicer::Slice{ 1000 + k * 22050, 1000 + (k + 1) * 22050 }));

    // 123.45 BPM: each beat is rounded on its own, never the sum of rounded beats.
    const double beat = 60.0 * 48000.0 / 123.45;
    const auto odd = Slicer::byBeats (0, 48000 * 60, 48000.0, 123.45, 0, 200);
    ASSERT_EQ (odd.size(), 124u); // beats 0…123 start within the minute (123.45 beats long)
    for (size_t k = 0; k < odd.size(); ++k)
        EXPECT_EQ (odd[k].start, std::llround ((double) k * beat));
    EXPECT_EQ (odd.back().end, 48000 * 60) << "the last runs to the region's end";

    // A trimmed region starts at its first beat; at most maxCount slices.
    const auto trimmed = Slicer::byBeats (30000, 200000, 44100.0, 120.0, 0, 3);
    EXPECT_EQ (trimmed, (Slices{ { 44100, 66150 }, { 66150, 88200 }, { 88200, 110250 } }));
    EXPECT_TRUE (Slicer::byBeats (0, 1000, 44100.0, 0.0, 0, 4).empty()) << "no tempo, no beats";
}

TEST (Slicer, OnsetSlicesKeepTheStrongestInTimeOrder)
{
    std::vector<OnsetFinder::Onset> onsets (4);
    const double at[] = { 5000, 100, 9000, 2000 }, strength[] = { 0.9, 0.5, 0.1, 0.8 };
    for (size_t i = 0; i < 4; ++i)
    {
        onsets[i].sample = at[i];
        onsets[i].strength = strength[i];
    }
    EXPECT_EQ (Slicer::atOnsets (onsets, 0, 10000, 8),
               (Slices{ { 100, 2000 }, { 2000, 5000 }, { 5000, 9000 }, { 9000, 10000 } }));
    EXPECT_EQ (Slicer::atOnsets (onsets, 0, 10000, 2), (Slices{ { 2000, 5000 }, { 5000, 10000 } }));
    EXPECT_EQ (Slicer::atOnsets (onsets, 1000, 8000, 8), (Slices{ { 2000, 5000 }, { 5000, 8000 } }))
        << "only the region's onsets";
}

TEST (Slicer, FindsGeneratedHitsOnTheirSamplesInAStereoFile)
{
    test::TempFolder temp;
    const std::vector<std::pair<juce::int64, float>> hits = {
        { 3001, 0.6f }, { 20000, 0.3f }, { 31234, 0.5f }, { 52999, 0.25f }, { 70001, 0.45f }, { 95555, 0.6f },
    };
    auto reader = open (hitsFile (temp / "hits.wav", 110000, hits, 2));
    ASSERT_NE (reader, nullptr);

    const auto onsets = Slicer::findOnsets (*reader, 0, reader->lengthInSamples);
    ASSERT_EQ (onsets.size(), hits.size());
    for (size_t i = 0; i < hits.size(); ++i)
        EXPECT_EQ (onsets[i].sample, (double) hits[i].first)
            << "hit " << i << ": out of silence, to the sample";

    // A region: its onsets only, and slices from each to the next.
    const auto slices = Slicer::atOnsets (Slicer::findOnsets (*reader, 25000, 80000), 25000, 80000, 16);
    EXPECT_EQ (slices, (Slices{ { 31234, 52999 }, { 52999, 70001 }, { 70001, 80000 } }));
}

TEST (Slicer, ALongFileIsReadInPiecesAndAHitOnAPieceBoundaryIsFoundOnce)
{
    // 150 s at 44.1 kHz: three pieces; hits right at and around the 60 s and 120 s cuts.
    test::TempFolder temp;
    const auto cut = (juce::int64) (Slicer::chunkSeconds * 44100.0);
    const std::vector<std::pair<juce::int64, float>> hits = {
        { 44100, 0.5f },      { cut - 3000, 0.4f },  { cut, 0.5f },
        { cut + 7000, 0.3f }, { 2 * cut - 1, 0.5f }, { 2 * cut + 44100, 0.5f },
    };
    auto reader = open (hitsFile (temp / "long.wav", 150 * 44100, hits));
    ASSERT_NE (reader, nullptr);
    const auto onsets = Slicer::findOnsets (*reader, 0, reader->lengthInSamples);
    ASSERT_EQ (onsets.size(), hits.size());
    for (size_t i = 0; i < hits.size(); ++i)
        EXPECT_EQ (onsets[i].sample, (double) hits[i].first) << "hit " << i;
}

} // namespace paddeck
