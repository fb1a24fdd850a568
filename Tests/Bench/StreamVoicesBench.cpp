#include "BenchSupport.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Streaming/SampleLoader.h"
#include "Streaming/StreamingStats.h"

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;
constexpr double maxPitchRatio = 1.46; // +6 semitones 50 cents

/** `count` voices on the real AudioEngine, pad i streaming long file i % 64 from its own primed
    start frame, started over the ramp and then held, every block at the device's pace. */
CountSearch::Trial runTrial (const BenchContext& context, const juce::Array<juce::File>& files, int count)
{
    const double rate = context.sampleRate;
    const double rampSeconds = context.quick ? 0.25 : 1.0;
    const double holdSeconds = context.quick ? 1.0 : 30.0;
    const double fileSeconds = BenchAudio::longFileSeconds (context);
    const double neededSeconds = (rampSeconds + holdSeconds + 1.0) * maxPitchRatio;

    LoadOptions options;
    options.engineRate = rate;
    if (context.quick)
        options.streamThresholdBytes = 1024 * 1024; // the quick files are short: make them stream too
    SampleLoader loader (options, 1);

    CountSearch::Trial trial;
    trial.details = new juce::DynamicObject();

    auto engine = std::make_unique<AudioEngine> (count);
    engine->prepare (rate, blockSize);

    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->padsPerBank = count;
    int streamed = 0;
    for (int i = 0; i < count; ++i)
    {
        const auto& file = files.getReference (i % files.size());
        const auto settings = voicePad (i, voiceStartFrame (i, fileSeconds, neededSeconds, rate));
        const auto result = loader.loadNow (file, { settings.startFrame, settings.loopStart, -1 }, rate);
        if (!result.wasOk())
        {
            trial.details->setProperty ("error", result.message);
            return trial;
        }
        streamed += result.sample->isStreamed() ? 1 : 0;
        engine->keepSample (result.sample);
        snapshot->pads.push_back (SnapshotCompiler::compilePad (settings, result.sample));
    }
    engine->publish (std::move (snapshot));

    const auto before = StreamingStats::get();
    const int rampBlocks = (int) (rampSeconds * rate / blockSize);
    const int totalBlocks = rampBlocks + (int) (holdSeconds * rate / blockSize);
    juce::AudioBuffer<float> buffer (2, blockSize);
    juce::MidiBuffer midi;
    int pressed = 0;

    // Presses are spread over the ramp (a performer does not hit hundreds of pads in one block),
    // sent as commands because MIDI addresses only 128 pads.
    const auto run =
        PacedRun::run (totalBlocks, blockSize / rate,
                       [&] (int b)
                       {
                           const int due =
                               b < rampBlocks ? (int) ((juce::int64) count * (b + 1) / rampBlocks) : count;
                           while (pressed < due)
                               engine->send (EngineCommand::press (pressed++, 1.0f));
                           midi.clear();
                           engine->renderBlock (buffer, midi);
                       });

    const auto after = StreamingStats::get();
    const auto underruns = (juce::int64) (after.underruns - before.underruns);
    const int active = engine->getMeters().activeVoices.load();
    const auto loads = describeLoads (run);

    trial.details = loads;
    trial.details->setProperty ("underruns", underruns);
    trial.details->setProperty ("missed_frames", (juce::int64) (after.missedFrames - before.missedFrames));
    trial.details->setProperty ("active_at_end", active);
    trial.details->setProperty ("streamed_pads", streamed);
    trial.details->setProperty ("rss_mb", currentRssMb());
    trial.passed = underruns == 0 && (double) loads->getProperty ("p999") < 0.5 && active == count;
    return trial;
}

std::vector<Figure> streamVarispeedVoices (const BenchContext& context)
{
    const auto files = BenchAudio::longFiles (context);
    const auto search = CountSearch::run (32, context.quick ? 128 : 2048, context.quick, 1.0 / 16.0,
                                          [&] (int count) { return runTrial (context, files, count); });

    Figure f{ "stream_varispeed_voices", (double) search.best, "voices", ">= 512", {} };
    f.details.set (
        "what", "voices on AudioEngine::renderBlock, each pad streaming its own primed start in one of "
                "64 stereo 48 kHz 16-bit files, pitch -6.5..+6.5 st, EQ low -6 dB high +3 dB, 128-frame "
                "blocks paced like a device; pass = 0 underruns, p99.9 block time < 0.5 period, all voices "
                "still playing. Load fractions cover every block (ramp + hold).");
    f.details.set ("file_seconds", BenchAudio::longFileSeconds (context));
    f.details.set ("ramp_seconds", context.quick ? 0.25 : 1.0);
    f.details.set ("hold_seconds", context.quick ? 1.0 : 30.0);
    f.details.set ("files_in_page_cache",
                   "likely (generated or read just before); disk speed is not measured");
    f.details.set ("best", search.bestDetails);
    f.details.set ("tried", search.tried);
    if (context.quick)
        f.details.set ("quick", "coarse search (doubling only, capped at 128), stream threshold 1 MB");
    return { f };
}

const Registration registration{ { "stream_varispeed_voices" }, streamVarispeedVoices };
} // namespace

} // namespace paddeck::bench
