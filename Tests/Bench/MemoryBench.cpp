#include "BenchSupport.h"
#include "JuceSamplerRig.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Streaming/SampleLoader.h"
#include "Streaming/StreamingStats.h"

namespace paddeck::bench
{

namespace
{
constexpr int numPads = 50;
constexpr int blockSize = 128;

double playSeconds (const BenchContext& context) { return context.quick ? 1.0 : 3.0; }

/** 50 pads of long files loaded the way the app loads them (default 32 MB threshold: they stream),
    all 50 playing on the default AudioEngine (128 voices); RSS after a few seconds of play. */
Figure paddeckRss (const BenchContext& context)
{
    const auto files = BenchAudio::longFiles (context, numPads);
    const double baseline = currentRssMb();
    const double rate = context.sampleRate;

    LoadOptions options;
    options.engineRate = rate;
    if (context.quick)
        options.streamThresholdBytes = 1024 * 1024; // the quick files are short: make them stream too
    SampleLoader loader (options, 1);

    AudioEngine engine;
    engine.prepare (rate, blockSize);
    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->padsPerBank = numPads;
    int streamed = 0;
    for (int i = 0; i < numPads; ++i)
    {
        const auto result = loader.loadNow (files[i], {}, rate);
        if (!result.wasOk())
            return { "rss_50_pads_playing_mb", std::numeric_limits<double>::quiet_NaN(), "MB", "<= 300", {} };
        streamed += result.sample->isStreamed() ? 1 : 0;
        engine.keepSample (result.sample);
        snapshot->pads.push_back (SnapshotCompiler::compilePad (voicePad (i, 0), result.sample));
    }
    engine.publish (std::move (snapshot));
    const double loaded = currentRssMb();

    juce::AudioBuffer<float> buffer (2, blockSize);
    juce::MidiBuffer midi;
    for (int i = 0; i < numPads; ++i)
        engine.send (EngineCommand::press (i, 1.0f));

    double peak = 0.0;
    const int blocks = (int) (playSeconds (context) * rate / blockSize);
    PacedRun::run (blocks, blockSize / rate,
                   [&] (int b)
                   {
                       midi.clear();
                       engine.renderBlock (buffer, midi);
                       if (b % 100 == 99)
                           peak = juce::jmax (peak, currentRssMb());
                   });
    const double rss = currentRssMb();
    const auto stats = StreamingStats::get();

    Figure f{ "rss_50_pads_playing_mb", rss, "MB", "<= 300", {} };
    f.details.set ("what",
                   "VmRSS of a fresh PadDeckBench process: default AudioEngine (128 voices), 50 pads of "
                   "5-minute stereo 48 kHz files loaded with SampleLoader::loadNow, all 50 playing");
    f.details.set ("ceiling_mb", 300.0);
    f.details.set ("rss_before_mb", baseline);
    f.details.set ("rss_loaded_mb", loaded);
    f.details.set ("rss_peak_while_playing_mb", juce::jmax (peak, rss));
    f.details.set ("streamed_pads", streamed);
    f.details.set ("active_voices", engine.getMeters().activeVoices.load());
    f.details.set ("sample_ram_mb", (double) stats.sampleRamBytes / (1024.0 * 1024.0));
    f.details.set ("stream_ring_mb", (double) stats.streamRingBytes / (1024.0 * 1024.0));
    f.details.set ("underruns", (juce::int64) stats.underruns);
    f.details.set ("file_seconds", BenchAudio::longFileSeconds (context));
    if (context.quick)
        f.details.set ("quick", "20 s files, stream threshold 1 MB");
    return f;
}

/** The same 50 files as whole-file SamplerSounds on a juce::Synthesiser, all 50 playing. */
Figure juceSamplerRss (const BenchContext& context)
{
    const auto files = BenchAudio::longFiles (context, numPads);
    const double baseline = currentRssMb();

    JuceSamplerRig rig;
    rig.addSounds (files, BenchAudio::longFileSeconds (context) + 1.0);
    rig.setVoices (numPads);

    juce::AudioBuffer<float> buffer (2, blockSize);
    juce::MidiBuffer midi;
    const int blocks = (int) (playSeconds (context) * context.sampleRate / blockSize);
    for (int b = 0; b < blocks; ++b)
    {
        midi.clear();
        if (b == 0)
            for (int v = 0; v < numPads; ++v)
                midi.addEvent (JuceSamplerRig::noteOnFor (v), 0);
        buffer.clear();
        rig.synth.renderNextBlock (buffer, midi, 0, blockSize);
    }

    Figure f{ "juce_sampler_rss_mb", currentRssMb(), "MB", {}, {} };
    f.details.set ("what",
                   "VmRSS of a fresh process: juce::Synthesiser, 50 SamplerVoices, 50 SamplerSounds each "
                   "holding a whole long file (float), all 50 playing");
    // What the sounds hold (whole files as float), plus room for the process itself.
    const double heldMb = numPads * BenchAudio::longFileSeconds (context) * context.sampleRate * 2.0
                          * sizeof (float) / (1024.0 * 1024.0);
    f.details.set ("ceiling_mb", heldMb + 128.0);
    f.details.set ("rss_before_mb", baseline);
    f.details.set ("active_voices", rig.countActiveVoices());
    f.details.set ("file_seconds", BenchAudio::longFileSeconds (context));
    return f;
}

std::vector<Figure> memoryFigures (const BenchContext& context)
{
    const auto child = childFigureName();
    if (child == "rss_50_pads_playing_mb")
        return { paddeckRss (context) };
    if (child == "juce_sampler_rss_mb")
        return { juceSamplerRss (context) };

    // Make sure the files exist before a child times anything, then measure each in a clean process.
    BenchAudio::longFiles (context, numPads);
    return { runInChildProcess (context, "rss_50_pads_playing_mb"),
             runInChildProcess (context, "juce_sampler_rss_mb") };
}

const Registration registration{ { "rss_50_pads_playing_mb", "juce_sampler_rss_mb" }, memoryFigures };
} // namespace

} // namespace paddeck::bench
