#include "BenchSupport.h"

#include "Support/DrumPattern.h"
#include "Tempo/TempoDetector.h"

#include <ctime>

namespace paddeck::bench
{
namespace
{
double threadCpuSeconds()
{
    timespec t{};
    clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
    return (double) t.tv_sec + 1.0e-9 * (double) t.tv_nsec;
}

struct Timed
{
    TempoAnalysis analysis;
    double wallSeconds = 0.0, cpuSeconds = 0.0;
};

template <typename Work>
Timed timed (Work&& work)
{
    const auto wall = std::chrono::steady_clock::now();
    const auto cpu = threadCpuSeconds();
    Timed t;
    t.analysis = work();
    t.cpuSeconds = threadCpuSeconds() - cpu;
    t.wallSeconds = seconds (std::chrono::steady_clock::now() - wall);
    return t;
}

std::vector<Figure> tempoDetection (const BenchContext& context)
{
    double maxBpmError = 0.0, maxDownbeatMs = 0.0, wall = 0.0, cpu = 0.0, audioMinutes = 0.0;
    juce::String worstBpm, worstDownbeat;
    int patterns = 0, missed = 0;
    auto* perTempo = new juce::DynamicObject();

    for (double bpm : { 70.0, 90.0, 120.0, 128.0, 140.0, 174.0 })
    {
        double tempoBpmError = 0.0, tempoDownbeatMs = 0.0;
        for (auto& pattern : test::DrumPattern::corpus (bpm))
        {
            const auto mono = pattern.render();
            const auto t = timed (
                [&] {
                    return TempoDetector::detect (mono.data(), (juce::int64) mono.size(), pattern.sampleRate);
                });
            wall += t.wallSeconds;
            cpu += t.cpuSeconds;
            audioMinutes += (double) mono.size() / pattern.sampleRate / 60.0;
            ++patterns;

            // A pattern given no tempo counts as missed; its errors are the whole tempo.
            missed += t.analysis.detectedBpm > 0.0 ? 0 : 1;
            const double bpmError = std::abs (t.analysis.detectedBpm - bpm);
            const double downbeatMs =
                std::abs (t.analysis.downbeatSeconds - pattern.downbeatSeconds()) * 1000.0;
            tempoBpmError = juce::jmax (tempoBpmError, bpmError);
            tempoDownbeatMs = juce::jmax (tempoDownbeatMs, downbeatMs);
            if (bpmError >= maxBpmError)
            {
                maxBpmError = bpmError;
                worstBpm = pattern.describe() + ": " + juce::String (t.analysis.detectedBpm, 4);
            }
            if (downbeatMs >= maxDownbeatMs)
            {
                maxDownbeatMs = downbeatMs;
                worstDownbeat = pattern.describe() + ": " + juce::String (downbeatMs, 3) + " ms";
            }
        }
        auto* errors = new juce::DynamicObject();
        errors->setProperty ("max_bpm_error", tempoBpmError);
        errors->setProperty ("max_downbeat_ms", tempoDownbeatMs);
        perTempo->setProperty (juce::String ((int) bpm) + "_bpm", juce::var (errors));
    }

    // Sounds with no tempo must get none.
    int falseTempi = 0;
    for (auto& mono :
         { test::DrumPattern::oneShotKick (48000.0, 3.0), test::DrumPattern::tone (48000.0, 8.0, 440.0),
           test::DrumPattern::noise (48000.0, 8.0, 3), std::vector<float> (48000 * 8, 0.0f) })
        falseTempi +=
            TempoDetector::detect (mono.data(), (juce::int64) mono.size(), 48000.0).detectedBpm > 0.0 ? 1 : 0;

    // A long track, from memory and from a WAV file (decoding included).
    test::DrumPattern track;
    track.bpm = 124.0;
    track.swing = true;
    track.bars = (int) std::round ((context.quick ? 1.0 : 5.0) * track.bpm / 4.0);
    const auto mono = track.render();
    const double trackMinutes = (double) mono.size() / track.sampleRate / 60.0;
    const auto fromMemory = timed (
        [&] { return TempoDetector::detect (mono.data(), (juce::int64) mono.size(), track.sampleRate); });
    const auto file = test::DrumPattern::write (mono, track.sampleRate,
                                                context.dataDir.getChildFile ("tempo-track.wav"), 2);
    const auto fromFile = timed ([&] { return TempoDetector::analyse (file); });
    file.deleteFile();

    const juce::String corpus =
        juce::String (patterns)
        + " generated patterns (DrumPattern::corpus: clicks, kick/snare/hat and four-on-the-floor "
          "at 70, 90, 120, 128, 140, 174 BPM; plain, after a leading silence, with swung hats; "
          "48 and 44.1 kHz; 4 bars), TempoDetector::detect on mono samples";

    Figure bpmError{ "tempo_detect_max_bpm_error", maxBpmError, "BPM", "<= 0.05", {} };
    bpmError.details.set ("what", "largest |detected - true| BPM over " + corpus);
    bpmError.details.set ("worst", worstBpm);
    bpmError.details.set ("missed", missed);
    bpmError.details.set ("per_tempo", juce::var (perTempo));
    bpmError.details.set ("false_tempi_of_4_no_tempo_sounds", falseTempi);

    Figure downbeat{ "tempo_detect_max_downbeat_ms", maxDownbeatMs, "ms", "<= 2", {} };
    downbeat.details.set ("what", "largest |detected - true| first downbeat over " + corpus);
    downbeat.details.set ("worst", worstDownbeat);

    // CPU time: detection is one thread's work, and on a shared machine its wall time mostly
    // measures the neighbours (both are reported).
    Figure speed{ "tempo_detect_seconds_per_minute",
                  fromMemory.cpuSeconds / trackMinutes,
                  "s per minute of audio",
                  {},
                  {} };
    speed.details.set ("what",
                       "thread CPU time of TempoDetector::detect on a " + juce::String (trackMinutes, 1)
                           + "-minute 48 kHz drum track (124 BPM, swung hats) from memory, per minute of "
                             "audio; one thread");
    speed.details.set ("wall_seconds_per_minute", fromMemory.wallSeconds / trackMinutes);
    speed.details.set ("track_detected_bpm", fromMemory.analysis.detectedBpm);
    speed.details.set ("analyse_wav_cpu_seconds_per_minute", fromFile.cpuSeconds / trackMinutes);
    speed.details.set ("analyse_wav_detected_bpm", fromFile.analysis.detectedBpm);
    speed.details.set ("corpus_wall_seconds_per_minute", audioMinutes > 0.0 ? wall / audioMinutes : 0.0);
    speed.details.set ("corpus_cpu_seconds_per_minute", audioMinutes > 0.0 ? cpu / audioMinutes : 0.0);

    return { bpmError, downbeat, speed };
}

const Registration registration{ { "tempo_detect_max_bpm_error", "tempo_detect_max_downbeat_ms",
                                   "tempo_detect_seconds_per_minute" },
                                 tempoDetection };
} // namespace
} // namespace paddeck::bench
