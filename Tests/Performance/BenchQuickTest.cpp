#include "Support/BackgroundProcess.h"

#include <gtest/gtest.h>
#include <juce_core/juce_core.h>

#include <map>

namespace paddeck
{

namespace
{
/** The quick run's figures by name, parsed from its JSON lines. */
std::map<juce::String, juce::var> runQuickBench()
{
    juce::TemporaryFile json (".jsonl");
    std::string log;
    const auto dataDir =
        juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile ("paddeck-bench-quick");
    const auto rc = test::BackgroundProcess::run ({ PADDECK_BENCH_PATH, "--quick", "--data-dir",
                                                    dataDir.getFullPathName().toStdString(), "--json-out",
                                                    json.getFile().getFullPathName().toStdString() },
                                                  &log, 600);
    EXPECT_EQ (rc, 0) << log;

    std::map<juce::String, juce::var> figures;
    for (const auto& line : juce::StringArray::fromLines (json.getFile().loadFileAsString()))
    {
        if (line.trim().isEmpty())
            continue;
        const auto figure = juce::JSON::parse (line);
        EXPECT_TRUE (figure.isObject()) << line;
        figures[figure["figure"].toString()] = figure;
    }
    return figures;
}

double valueOf (const juce::var& figure) { return (double) figure["value"]; }
} // namespace

// Figures are for the README and the notes, never a timing pass/fail on a shared, noisy machine.
// What is asserted is that the bench measured what it says: every figure is a finite number, a pad
// hit sounds on its sample, every voice search found at least one voice, every RSS stays under its
// ceiling.
TEST (PadDeckBench, QuickRunReportsEveryFigureSanely)
{
    const auto figures = runQuickBench();

    for (const auto& [name, figure] : figures)
    {
        const auto value = figure["value"];
        EXPECT_TRUE (value.isDouble() || value.isInt() || value.isInt64()) << name;
        EXPECT_TRUE (std::isfinite ((double) value)) << name;
    }

    for (const auto* name : { "stream_varispeed_voices",
                              "keylock_voices",
                              "rubberband_rt_factor",
                              "keylock_vs_limit",
                              "keylock_pool_voices",
                              "rss_50_pads_playing_mb",
                              "bank_load_ms",
                              "load_ratio_10min_vs_30s",
                              "trigger_offset_frames",
                              "graph_overhead_pct",
                              "cue_overhead_pct",
                              "decode_wav_mb_s",
                              "decode_flac_x_realtime",
                              "juce_sampler_voices",
                              "juce_sampler_rss_mb",
                              "equal_terms_vs_juce",
                              "voice_cost_vs_juce",
                              "resampler_ns_per_voice_block",
                              "djeq_ns_per_voice_block",
                              "rubberband_engines_rt_factor",
                              "synced_keylock_voices",
                              "stretched_voices",
                              "rss_50_stretched_pads_playing_mb",
                              "stretch_render_x_realtime",
                              "pitch_move_latency_ms",
                              "tempo_detect_max_bpm_error",
                              "tempo_detect_max_downbeat_ms",
                              "tempo_detect_seconds_per_minute" })
        EXPECT_EQ (figures.count (name), 1u) << "missing figure " << name;

    if (const auto trigger = figures.find ("trigger_offset_frames"); trigger != figures.end())
    {
        EXPECT_EQ (valueOf (trigger->second), 0.0) << "a pad hit lands on its MIDI event's own sample";
        EXPECT_EQ ((int) trigger->second["never_sounded"], 0) << "every hit pad sounded";
        EXPECT_GT ((int) trigger->second["trials"], 0);
    }

    for (const auto* name : { "stream_varispeed_voices", "keylock_voices", "keylock_pool_voices",
                              "juce_sampler_voices", "synced_keylock_voices", "stretched_voices" })
    {
        if (const auto f = figures.find (name); f != figures.end())
        {
            EXPECT_GT (valueOf (f->second), 0.0) << name << " found no voice count that passes";
        }
    }

    if (const auto equal = figures.find ("equal_terms_vs_juce"); equal != figures.end())
    {
        EXPECT_GT ((int) equal->second["paddeck_voices"], 0);
        EXPECT_GT ((int) equal->second["juce_voices"], 0);
        EXPECT_GT (valueOf (equal->second), 0.0);
    }

    if (const auto cost = figures.find ("voice_cost_vs_juce"); cost != figures.end())
    {
        EXPECT_GT (valueOf (cost->second), 0.0);
        const int voices = cost->second["voices"];
        EXPECT_GT (voices, 0);
        EXPECT_EQ ((int) cost->second["juce_active_at_end"], voices) << "every JUCE voice played all along";
        EXPECT_EQ ((int) cost->second["paddeck_sounding_at_end"], voices)
            << "every PadDeck voice played all along";
    }

    if (const auto cue = figures.find ("cue_overhead_pct"); cue != figures.end())
    {
        EXPECT_GT ((double) cue->second["cue_peak"], 0.0) << "the cued pads were heard on the cue channels";
    }

    int rssFigures = 0;
    for (const auto& [name, figure] : figures)
        if (name.contains ("rss"))
        {
            ++rssFigures;
            const auto ceiling = figure["ceiling_mb"];
            ASSERT_FALSE (ceiling.isVoid()) << name << " has no ceiling";
            EXPECT_GT (valueOf (figure), 0.0) << name;
            EXPECT_LT (valueOf (figure), (double) ceiling) << name;
        }
    EXPECT_EQ (rssFigures, 3);
}

} // namespace paddeck
