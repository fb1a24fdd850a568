#include "EngineVoiceTrial.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Streaming/StreamingStats.h"

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;
constexpr double maxPitchRatio = 1.46; // +6 semitones 50 cents
} // namespace

double engineTrialRampSeconds (const BenchContext& context) { return context.quick ? 0.25 : 1.0; }
double engineTrialHoldSeconds (const BenchContext& context) { return context.quick ? 1.0 : 30.0; }

CountSearch::Trial runEnginePads (const BenchContext& context, const std::vector<TrialPad>& pads,
                                  bool keyLock)
{
    const double rate = context.sampleRate;
    const int count = (int) pads.size();

    AudioEngine::Options engineOptions;
    engineOptions.voices = count;
    engineOptions.keyLock.maxVoices = keyLock ? count : 1;
    engineOptions.keyLock.engine = defaultKeyLockEngine;
    auto engine = std::make_unique<AudioEngine> (engineOptions);
    engine->prepare (rate, blockSize);

    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->padsPerBank = count;
    int streamed = 0, primed = 0;
    for (const auto& pad : pads)
    {
        streamed += pad.sample->isStreamed() ? 1 : 0;
        primed += pad.prime != nullptr ? 1 : 0;
        engine->keepSample (pad.sample);
        snapshot->pads.push_back (SnapshotCompiler::compilePad (pad.settings, pad.sample, pad.prime));
        snapshot->pads.back().renderedStretch = pad.stretch;
        if (pad.stretch != nullptr)
            engine->keepSample (pad.stretch->sample);
    }
    engine->publish (std::move (snapshot));

    const auto before = StreamingStats::get();
    const int rampBlocks = (int) (engineTrialRampSeconds (context) * rate / blockSize);
    const int totalBlocks = rampBlocks + (int) (engineTrialHoldSeconds (context) * rate / blockSize);
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
    const auto keyLockUnderruns = (juce::int64) engine->getKeyLockPool().getTotalUnderruns();
    const int fallbacks = engine->getMeters().keyLockFallbacks.load();
    const int active = engine->getMeters().activeVoices.load();

    auto trial = CountSearch::Trial::fromRun (run);
    trial.details->setProperty ("underruns", underruns);
    trial.details->setProperty ("missed_frames", (juce::int64) (after.missedFrames - before.missedFrames));
    trial.details->setProperty ("active_at_end", active);
    // Voices on both cores: how many threads rendered them, and whether a worker ever missed the
    // join's deadline.
    const auto& meters = engine->getMeters();
    trial.details->setProperty ("voice_threads", meters.voiceThreads.load());
    trial.details->setProperty ("voice_banks_on_workers", (juce::int64) meters.voiceBanksOnWorkers.load());
    trial.details->setProperty ("voice_worker_stalls", (juce::int64) meters.voiceWorkerStalls.load());
    trial.details->setProperty ("streamed_pads", streamed);
    if (keyLock)
    {
        trial.details->setProperty ("keylock_underruns", keyLockUnderruns);
        trial.details->setProperty ("keylock_fallbacks", fallbacks);
        trial.details->setProperty ("primed_pads", primed);
    }
    int rendered = 0, onRender = 0;
    for (int i = 0; i < count; ++i)
        if (pads[(size_t) i].stretch != nullptr)
        {
            ++rendered;
            const auto* voice = engine->getPadEngine().findVoice (i);
            onRender += voice != nullptr && voice->isOnRenderedStretch() ? 1 : 0;
        }
    if (rendered > 0)
    {
        trial.details->setProperty ("rendered_pads", rendered);
        trial.details->setProperty ("on_render_at_end", onRender);
    }
    trial.details->setProperty ("rss_mb", currentRssMb());
    // A stall drops a bank of eight voices from a block: as audible as an underrun.
    trial.passed = underruns == 0 && keyLockUnderruns == 0 && fallbacks == 0 && active == count
                   && meters.voiceWorkerStalls.load() == 0 && onRender == rendered
                   && (double) trial.details->getProperty ("p999") < 0.5;
    return trial;
}

LoadOptions streamingLoadOptions (const BenchContext& context)
{
    LoadOptions options;
    options.engineRate = context.sampleRate;
    if (context.quick)
        options.streamThresholdBytes = 1024 * 1024;
    return options;
}

CountSearch::Trial runEngineVoiceTrial (const BenchContext& context, const SampleLoader& loader,
                                        const juce::Array<juce::File>& files, int count, bool keyLock)
{
    const double rate = context.sampleRate;
    const double fileSeconds = BenchAudio::longFileSeconds (context);
    const double neededSeconds =
        (engineTrialRampSeconds (context) + engineTrialHoldSeconds (context) + 1.0) * maxPitchRatio;

    std::vector<TrialPad> pads;
    for (int i = 0; i < count; ++i)
    {
        const auto& file = files.getReference (i % files.size());
        auto settings = voicePad (i, voiceStartFrame (i, fileSeconds, neededSeconds, rate));
        settings.pitchMode = keyLock ? PitchMode::keyLock : PitchMode::varispeed;
        const auto result = loader.loadNow (file, { settings.startFrame, settings.loopStart, -1 }, rate);
        if (!result.wasOk())
        {
            CountSearch::Trial failed;
            failed.details = new juce::DynamicObject();
            failed.details->setProperty ("error", result.message);
            return failed;
        }
        std::shared_ptr<const KeyLockPrime> prime;
        if (keyLock)
            prime = SnapshotCompiler::makeKeyLockPrime (*result.sample, settings, rate, defaultKeyLockEngine);
        pads.push_back ({ result.sample, settings, std::move (prime) });
    }

    return runEnginePads (context, pads, keyLock);
}

} // namespace paddeck::bench
