#include "Support/BackgroundProcess.h"

#include <gtest/gtest.h>
#include <juce_core/juce_core.h>

namespace paddeck
{

// The benchmark still runs and reports every figure. It asserts presence and finiteness only:
// figures are for the README and the notes, never a pass/fail on a shared, noisy machine.
TEST (PadDeckBench, QuickRunReportsEveryFigureAsAFiniteNumber)
{
    juce::TemporaryFile json (".jsonl");
    std::string log;
    const auto dataDir =
        juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile ("paddeck-bench-quick");
    const auto rc = test::BackgroundProcess::run ({ PADDECK_BENCH_PATH, "--quick", "--data-dir",
                                                    dataDir.getFullPathName().toStdString(), "--json-out",
                                                    json.getFile().getFullPathName().toStdString() },
                                                  &log, 600);
    ASSERT_EQ (rc, 0) << log;

    juce::StringArray seen;
    for (const auto& line : juce::StringArray::fromLines (json.getFile().loadFileAsString()))
    {
        if (line.trim().isEmpty())
            continue;
        const auto figure = juce::JSON::parse (line);
        ASSERT_TRUE (figure.isObject()) << line;
        const auto value = figure["value"];
        EXPECT_TRUE (value.isDouble() || value.isInt() || value.isInt64()) << line;
        EXPECT_TRUE (std::isfinite ((double) value)) << line;
        seen.add (figure["figure"].toString());
    }

    for (const auto* name :
         { "stream_varispeed_voices", "keylock_voices", "rubberband_rt_factor", "keylock_vs_limit",
           "rss_50_pads_playing_mb", "bank_load_ms", "load_ratio_10min_vs_30s", "trigger_offset_frames",
           "graph_overhead_pct", "decode_wav_mb_s", "decode_flac_x_realtime", "juce_sampler_voices",
           "juce_sampler_rss_mb", "tempo_detect_max_bpm_error", "tempo_detect_max_downbeat_ms",
           "tempo_detect_seconds_per_minute" })
        EXPECT_TRUE (seen.contains (name)) << "missing figure " << name;
}

} // namespace paddeck
