#include "EngineVoiceTrial.h"
#include "JuceSamplerRig.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/VoiceBank.h"
#include "Streaming/SampleLoader.h"
#include "Streaming/StreamingThread.h"

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;

/** What both samplers hold in RAM per file: a whole trial at +6 st (1.41× as fast) and a second. */
double soundSeconds (const BenchContext& context)
{
    return (engineTrialRampSeconds (context) + engineTrialHoldSeconds (context) + 1.0) * 1.42;
}

/** PadDeck's pad for JUCE's voice k: the same file (k % 64), the same whole-semitone pitch, EQ flat. */
PadSettings equalTermsPad (int voice)
{
    auto settings = voicePad (voice, 0);
    settings.semitones = voiceSemitones (voice % 64);
    settings.cents = 0.0f;
    settings.eqLowDb = settings.eqMidDb = settings.eqHighDb = 0.0f;
    return settings;
}

/** juce::Synthesiser's voices, then PadDeck's on the same RAM files, pitches and paced trials, in
    one run: the JUCE count is juce_sampler_voices, and PadDeck's ÷ JUCE's is equal_terms_vs_juce. */
std::vector<Figure> equalTerms (const BenchContext& context)
{
    const double rate = context.sampleRate;
    const auto seconds = soundSeconds (context);
    const auto files = BenchAudio::shortFiles (context, seconds);
    const double resolution = 1.0 / 16.0;

    const int juceMax = context.quick ? 128 : JuceSamplerRig::maxVoices;
    CountSearch juceSearch;
    {
        JuceSamplerRig rig;
        rig.addSounds (files, seconds + 1.0); // whole files
        juceSearch = CountSearch::run (32, juceMax, context.quick, resolution,
                                       [&] (int count) { return rig.runTrial (context, count); });
        rig.setVoices (0);
    } // its sounds are freed before PadDeck loads the same files

    LoadOptions options;
    options.engineRate = rate;
    options.streamThresholdBytes = std::numeric_limits<juce::int64>::max(); // RAM, as SamplerSound
    SampleLoader loader (options, 1);
    std::vector<Sample::Ptr> samples;
    for (const auto& file : files)
    {
        const auto result = loader.loadNow (file, {}, rate);
        if (!result.wasOk())
            return {
                { "equal_terms_vs_juce", std::numeric_limits<double>::quiet_NaN(), "ratio", ">= 1.5", {} }
            };
        samples.push_back (result.sample);
    }

    const auto paddeckSearch =
        CountSearch::run (32, context.quick ? 128 : JuceSamplerRig::maxVoices, context.quick, resolution,
                          [&] (int count)
                          {
                              std::vector<TrialPad> pads;
                              for (int k = 0; k < count; ++k)
                                  pads.push_back ({ samples[(size_t) (k % 64)], equalTermsPad (k), nullptr });
                              return runEnginePads (context, pads, false);
                          });
    samples.clear();

    const auto held = "64 stereo 48 kHz files of " + juce::String (seconds, 1)
                      + " s (the long files' starts), decoded whole into RAM";

    Figure juce{ "juce_sampler_voices", (double) juceSearch.best, "voices", {}, {} };
    juce.details.set ("what", "baseline: juce::Synthesiser + SamplerVoice/SamplerSound holding " + held
                                  + "; voice k plays file k % 64 at whole-semitone pitch -6..+6, no EQ "
                                    "(SamplerVoice has none), linear interpolation; 128-frame blocks "
                                    "paced like a device; pass = p99.9 block time < 0.5 period and every "
                                    "voice still playing");
    juceSearch.describeIn (juce.details);
    // Passing at the rig's cap (JuceSamplerRig::maxVoices) means JUCE could play more.
    const bool juceAtCap = juceSearch.best >= juceMax;
    juce.details.set ("at_cap", juceAtCap);

    Figure ratio{ "equal_terms_vs_juce",
                  juceSearch.best > 0 ? (double) paddeckSearch.best / juceSearch.best
                                      : std::numeric_limits<double>::quiet_NaN(),
                  "ratio",
                  ">= 1.5",
                  {} };
    ratio.details.set ("what",
                       "PadDeck voices / juce::Synthesiser voices, measured one after the other in "
                       "this run on equal terms: the same "
                           + held
                           + ", voice k on file k % 64 at the same whole-semitone pitch, EQ flat, the "
                             "same ramp, hold and pass rule; PadDeck plays them on "
                             "AudioEngine::renderBlock (windowed-sinc varispeed, gain ramps, meters, "
                             "graph)");
    ratio.details.set ("paddeck_voices", paddeckSearch.best);
    ratio.details.set ("juce_voices", juceSearch.best);
    ratio.details.set ("juce_at_cap", juceAtCap); // then the ratio is an upper bound
    ratio.details.set ("paddeck", juce::var (paddeckSearch.describe().get()));
    ratio.details.set ("hold_seconds", engineTrialHoldSeconds (context));
    if (context.quick)
    {
        const auto quick = "coarse search (doubling only, capped at 128): both reach the cap, so the ratio "
                           "says little";
        juce.details.set ("quick", quick);
        ratio.details.set ("quick", quick);
    }
    return { juce, ratio };
}

/** What one voice costs each sampler per 128-frame block, on one thread, unpaced: `count` voices of
    the equal-terms set (same files, pitches, EQ flat), started over the same ramp so no two read the
    same memory, then rendered in alternating rounds, thread CPU time, median of rounds.
    JUCE: juce::Synthesiser::renderNextBlock (JuceSamplerRig). PadDeck: VoiceBank::render, the voice
    path alone (reader, loop fades, varispeed, EQ bank, gain, meter peak) into one stereo buffer,
    without the graph, events or master bus (graph_overhead_pct prices those). Their quotient bounds
    equal_terms_vs_juce: with PadDeck's voices on numCores() threads and JUCE's on one, the count
    ratio can be at most about numCores() × JUCE's cost ÷ PadDeck's. */
std::vector<Figure> voiceCost (const BenchContext& context)
{
    const double rate = context.sampleRate;
    const int count = context.quick ? 128 : 512;
    const int rounds = context.quick ? 3 : 9;
    const int blocksPerRound = context.quick ? 40 : 150;
    const int rampBlocks = (int) (engineTrialRampSeconds (context) * rate / blockSize);
    const auto seconds = soundSeconds (context); // the equal-terms files: long enough for ramp + rounds
    const auto files = BenchAudio::shortFiles (context, seconds);

    juce::AudioBuffer<float> buffer (2, blockSize);
    std::vector<double> juceTimes, paddeckTimes;

    JuceSamplerRig rig;
    rig.addSounds (files, seconds + 1.0);
    rig.setVoices (count);
    juce::MidiBuffer midi;
    const auto renderJuce = [&]
    {
        buffer.clear();
        rig.synth.renderNextBlock (buffer, midi, 0, blockSize);
    };

    LoadOptions options;
    options.engineRate = rate;
    options.streamThresholdBytes = std::numeric_limits<juce::int64>::max();
    SampleLoader loader (options, 1);
    std::vector<Sample::Ptr> samples;
    for (const auto& file : files)
        if (const auto result = loader.loadNow (file, {}, rate); result.wasOk())
            samples.push_back (result.sample);
    if (samples.size() != (size_t) files.size() || samples.empty())
        return { { "voice_cost_vs_juce", std::numeric_limits<double>::quiet_NaN(), "ratio", "<= 1.33", {} } };

    StreamingThread streaming;
    auto snapshot = std::make_unique<EngineSnapshot>();
    for (int k = 0; k < count; ++k)
        snapshot->pads.push_back (
            SnapshotCompiler::compilePad (equalTermsPad (k), samples[(size_t) (k % 64)]));
    std::vector<std::unique_ptr<VoiceBank>> banks;
    for (int k = 0; k < count; k += VoiceBank::size)
    {
        banks.push_back (std::make_unique<VoiceBank>());
        banks.back()->prepare (rate, blockSize, streaming);
    }
    const auto renderPadDeck = [&]
    {
        juce::ScopedNoDenormals noDenormals;
        buffer.clear();
        for (auto& bank : banks)
            if (bank->beginBlock())
                bank->render (snapshot.get(), {}, { buffer.getWritePointer (0), buffer.getWritePointer (1) },
                              blockSize);
    };

    // The ramp: both start their voices over the same blocks, as a trial does.
    int started = 0;
    for (int b = 0; b < rampBlocks; ++b)
    {
        const int due = (int) ((juce::int64) count * (b + 1) / rampBlocks);
        midi.clear();
        for (int k = started; k < due; ++k)
        {
            midi.addEvent (JuceSamplerRig::noteOnFor (k), 0);
            banks[(size_t) (k / VoiceBank::size)]
                ->getVoice (k % VoiceBank::size)
                .start (k, snapshot->pads[(size_t) k], 1.0f, (juce::uint64) k + 1);
        }
        started = due;
        renderJuce();
        midi.clear();
        renderPadDeck();
    }

    for (int r = 0; r < rounds; ++r)
    {
        auto t0 = threadCpuSeconds();
        for (int b = 0; b < blocksPerRound; ++b)
            renderJuce();
        juceTimes.push_back (threadCpuSeconds() - t0);

        t0 = threadCpuSeconds();
        for (int b = 0; b < blocksPerRound; ++b)
            renderPadDeck();
        paddeckTimes.push_back (threadCpuSeconds() - t0);
    }

    // Still sounding: a voice whose sample ran out would stay active (nothing retires it here) but
    // meter silence.
    int paddeckSounding = 0;
    for (auto& bank : banks)
        for (int v = 0; v < VoiceBank::size; ++v)
            paddeckSounding +=
                bank->getVoice (v).isActive() && bank->getVoice (v).getLastPeak() > 0.0f ? 1 : 0;
    const auto perVoiceBlock = [&] (const std::vector<double>& times)
    { return 1.0e9 * Distribution (times).median() / blocksPerRound / count; };
    const double juceNs = perVoiceBlock (juceTimes), paddeckNs = perVoiceBlock (paddeckTimes);

    Figure f{ "voice_cost_vs_juce", paddeckNs / juceNs, "ratio", "<= 1.33", {} };
    f.details.set ("what", "CPU per voice and 128-frame block, PadDeck's / juce::Synthesiser's, one thread, "
                           "unpaced, thread CPU time, median of alternating rounds: "
                               + juce::String (count)
                               + " voices of the equal-terms set (same RAM files, whole-semitone pitches, EQ "
                                 "flat) started over the same ramp; PadDeck = VoiceBank::render (reader, "
                                 "varispeed, EQ bank, gain, meter peak), no graph or master bus; target: "
                                 "1.5x the voices on 2 cores needs <= 2 / 1.5");
    f.details.set ("juce_ns_per_voice_block", juceNs);
    f.details.set ("paddeck_ns_per_voice_block", paddeckNs);
    f.details.set ("count_ratio_bound", numCores() * juceNs / paddeckNs);
    f.details.set ("cores", numCores());
    f.details.set ("juce_active_at_end", rig.countActiveVoices());
    f.details.set ("paddeck_sounding_at_end", paddeckSounding);
    f.details.set ("voices", count);
    f.details.set ("rounds", rounds);
    f.details.set ("blocks_per_round", blocksPerRound);
    return { f };
}

const Registration registration{ { "juce_sampler_voices", "equal_terms_vs_juce" }, equalTerms };
const Registration costRegistration{ { "voice_cost_vs_juce" }, voiceCost };
} // namespace

} // namespace paddeck::bench
