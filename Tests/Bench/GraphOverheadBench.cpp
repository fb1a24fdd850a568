#include "BenchSupport.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Engine/VoiceBank.h"
#include "Streaming/SampleLoader.h"

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;

struct Comparison
{
    double overheadPct = 0.0, overheadPctFromMin = 0.0, engineUsPerBlock = 0.0, flatUsPerBlock = 0.0;
    int engineVoices = 0;
};

/** `count` looping RAM voices rendered (unpaced, thread CPU time) two ways, alternating rounds:
    AudioEngine::renderBlock (graph: PadEngine with event gathering and meters → MasterBus), and a
    flat loop rendering the same voices (VoiceBank::render: eight voices with their EQ bank) into
    one stereo buffer. */
Comparison compare (const std::vector<Sample::Ptr>& samples, int count, int rounds, int blocksPerRound)
{
    const double rate = 48000.0;
    std::vector<PadSnapshot> pads;
    for (int i = 0; i < count; ++i)
    {
        auto settings = voicePad (i, 0);
        settings.playMode = PlayMode::loop;
        pads.push_back (SnapshotCompiler::compilePad (settings, samples[(size_t) i % samples.size()]));
    }

    // One thread on both sides: this is the cost of the graph, the engine's events and meters and
    // the master bus, not of spreading voices over cores (stream_varispeed_voices measures that).
    AudioEngine::Options options;
    options.voices = count;
    options.voiceThreads.workers = 0;
    AudioEngine engine (options);
    engine.prepare (rate, blockSize);
    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->pads = pads;
    snapshot->padsPerBank = count;
    engine.publish (std::move (snapshot));
    for (int i = 0; i < count; ++i)
        engine.send (EngineCommand::press (i, 1.0f));

    StreamingThread streaming;
    auto flatSnapshot = std::make_unique<EngineSnapshot>();
    flatSnapshot->pads = pads;
    std::vector<std::unique_ptr<VoiceBank>> banks;
    for (int i = 0; i < count; ++i)
    {
        if (i % VoiceBank::size == 0)
        {
            banks.push_back (std::make_unique<VoiceBank>());
            banks.back()->prepare (rate, blockSize, streaming);
        }
        banks.back()->getVoice (i % VoiceBank::size).start (i, pads[(size_t) i], 1.0f, (juce::uint64) i + 1);
    }

    juce::AudioBuffer<float> buffer (2, blockSize);
    juce::MidiBuffer midi;
    std::vector<double> engineTimes, flatTimes;

    for (int r = 0; r < rounds; ++r)
    {
        auto t0 = threadCpuSeconds();
        for (int b = 0; b < blocksPerRound; ++b)
        {
            midi.clear();
            engine.renderBlock (buffer, midi);
        }
        engineTimes.push_back (threadCpuSeconds() - t0);

        t0 = threadCpuSeconds();
        for (int b = 0; b < blocksPerRound; ++b)
        {
            juce::ScopedNoDenormals noDenormals;
            buffer.clear();
            auto* l = buffer.getWritePointer (0);
            auto* rr = buffer.getWritePointer (1);
            for (auto& bank : banks)
                bank->render (flatSnapshot.get(), {}, { l, rr }, blockSize);
        }
        flatTimes.push_back (threadCpuSeconds() - t0);
    }

    const Distribution e (engineTimes), f (flatTimes);
    Comparison c;
    c.overheadPct = 100.0 * (e.median() / f.median() - 1.0);
    c.overheadPctFromMin = 100.0 * (e.percentile (0.0) / f.percentile (0.0) - 1.0);
    c.engineUsPerBlock = 1.0e6 * e.median() / blocksPerRound;
    c.flatUsPerBlock = 1.0e6 * f.median() / blocksPerRound;
    c.engineVoices = engine.getMeters().activeVoices.load();
    return c;
}

/** The cue bus's price: `count` looping RAM voices rendered by the engine into a 4-channel buffer
    (master on 1/2, cue on 3/4, as a 4-output device gets), with every other pad cued, against the
    same engine and buffer with no pad cued (the cue bus then only mixes the master blend). Thread
    CPU time, alternating rounds; returns the medians in microseconds per block and the cued
    engine's cue-channel peak (proof that the cue path ran). */
struct CueCost
{
    double cuedUs = 0.0, plainUs = 0.0;
    float cuePeak = 0.0f;
};

CueCost cueCost (const std::vector<Sample::Ptr>& samples, int count, int rounds, int blocksPerRound)
{
    const double rate = 48000.0;
    auto makeEngine = [&] (bool cued)
    {
        std::vector<PadSnapshot> pads;
        for (int i = 0; i < count; ++i)
        {
            auto settings = voicePad (i, 0);
            settings.playMode = PlayMode::loop;
            settings.cue = cued && i % 2 == 0;
            pads.push_back (SnapshotCompiler::compilePad (settings, samples[(size_t) i % samples.size()]));
        }
        AudioEngine::Options options;
        options.voices = count;
        options.voiceThreads.workers = 0;
        auto engine = std::make_unique<AudioEngine> (options);
        engine->prepare (rate, blockSize);
        auto snapshot = std::make_unique<EngineSnapshot>();
        snapshot->pads = pads;
        snapshot->padsPerBank = count;
        engine->publish (std::move (snapshot));
        for (int i = 0; i < count; ++i)
            engine->send (EngineCommand::press (i, 1.0f));
        return engine;
    };
    auto withCue = makeEngine (true), without = makeEngine (false);

    juce::AudioBuffer<float> buffer (4, blockSize);
    juce::MidiBuffer midi;
    std::vector<double> cuedTimes, plainTimes;
    float cuePeak = 0.0f;
    for (int r = 0; r < rounds; ++r)
    {
        for (auto* engine : { withCue.get(), without.get() })
        {
            const auto t0 = threadCpuSeconds();
            for (int b = 0; b < blocksPerRound; ++b)
            {
                midi.clear();
                engine->renderBlock (buffer, midi);
            }
            (engine == withCue.get() ? cuedTimes : plainTimes).push_back (threadCpuSeconds() - t0);
            if (engine == withCue.get())
                cuePeak =
                    juce::jmax (buffer.getMagnitude (2, 0, blockSize), buffer.getMagnitude (3, 0, blockSize));
        }
    }
    return { 1.0e6 * Distribution (cuedTimes).median() / blocksPerRound,
             1.0e6 * Distribution (plainTimes).median() / blocksPerRound, cuePeak };
}

juce::var describe (const Comparison& c)
{
    auto* o = new juce::DynamicObject();
    o->setProperty ("overhead_pct_median", c.overheadPct);
    o->setProperty ("overhead_pct_min", c.overheadPctFromMin);
    o->setProperty ("engine_us_per_block", c.engineUsPerBlock);
    o->setProperty ("flat_us_per_block", c.flatUsPerBlock);
    o->setProperty ("engine_active_voices", c.engineVoices);
    return juce::var (o);
}

/** The eight 30-second files both figures play, loaded into RAM. */
std::vector<Sample::Ptr> shortSamples (const BenchContext& context)
{
    std::vector<Sample::Ptr> samples;
    for (int i = 0; i < 8; ++i)
    {
        const auto file =
            BenchAudio::ensureFile (context.dataDir, "short-" + juce::String (i) + ".wav", 30.0, 100 + i);
        const auto result = SampleLoader().loadNow (file, {}, context.sampleRate);
        if (result.wasOk())
            samples.push_back (result.sample);
    }
    return samples;
}

std::vector<Figure> graphOverhead (const BenchContext& context)
{
    const auto samples = shortSamples (context);
    if (samples.empty())
        return { { "graph_overhead_pct", std::numeric_limits<double>::quiet_NaN(), "%", "<= 5", {} } };

    const int rounds = context.quick ? 3 : 15;
    const int blocks = context.quick ? 150 : 750;
    const auto at64 = compare (samples, 64, rounds, blocks);
    const auto at8 = compare (samples, 8, rounds, blocks);

    Figure f{ "graph_overhead_pct", at64.overheadPct, "%", "<= 5", {} };
    f.details.set (
        "what", "64 looping RAM voices (pitch -6.5..+6.5 st, EQ -6/+3), 128-frame blocks, thread CPU time, "
                "median of alternating rounds: AudioEngine::renderBlock (AudioProcessorGraph, PadEngine "
                "event gathering + meters, MasterBus fader/clip guard/meters), one thread, vs a flat loop "
                "calling paddeck::VoiceBank::render (reader, loop fades, varispeed, DJ EQ bank, gain) for "
                "the same pads into one stereo buffer");
    f.details.set ("voices_64", describe (at64));
    f.details.set ("voices_8", describe (at8));
    f.details.set ("rounds", rounds);
    f.details.set ("blocks_per_round", blocks);
    return { f };
}

std::vector<Figure> cueOverhead (const BenchContext& context)
{
    const auto samples = shortSamples (context);
    if (samples.empty())
        return { { "cue_overhead_pct", std::numeric_limits<double>::quiet_NaN(), "%", "figure only", {} } };

    const int rounds = context.quick ? 3 : 15;
    const int blocks = context.quick ? 150 : 750;
    const auto cost = cueCost (samples, 64, rounds, blocks);
    Figure f{ "cue_overhead_pct", 100.0 * (cost.cuedUs / cost.plainUs - 1.0), "%", "figure only", {} };
    f.details.set ("what", "64 looping RAM voices, 128-frame blocks into a 4-channel buffer (master 1/2, cue "
                           "3/4), one thread, thread CPU time, median of alternating rounds: 32 of the 64 "
                           "pads cued vs none cued");
    f.details.set ("cued_us_per_block", cost.cuedUs);
    f.details.set ("uncued_us_per_block", cost.plainUs);
    f.details.set ("cue_peak", cost.cuePeak);
    f.details.set ("rounds", rounds);
    f.details.set ("blocks_per_round", blocks);
    return { f };
}

const Registration registration{ { "graph_overhead_pct" }, graphOverhead };
const Registration cueRegistration{ { "cue_overhead_pct" }, cueOverhead };
} // namespace

} // namespace paddeck::bench
