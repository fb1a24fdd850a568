#include "EngineVoiceTrial.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Stretch/StretchJobs.h"

#include <juce_events/juce_events.h>

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;

/** 64 different files at 64 ratios (8 in quick mode, whose renders must fit the test's minutes). */
int distinctFiles (const BenchContext& context) { return context.quick ? 8 : 64; }
/** The pads of a bank whose renders stretch_render_x_realtime times (4 in quick mode). */
int bankPads (const BenchContext& context) { return context.quick ? 4 : 16; }

/** Pad i of the stretched figures: long file i % 64, keylocked at that file's own pitch of the
    usual spread (so 64 files at 64 different ratios), EQ as every voice figure, one-shot. */
PadSettings stretchedPad (const BenchContext& context, int index)
{
    const auto file = index % distinctFiles (context);
    auto settings = voicePad (
        file, voiceStartFrame (file, BenchAudio::longFileSeconds (context),
                               engineTrialRampSeconds (context) + engineTrialHoldSeconds (context) + 1.0,
                               context.sampleRate));
    settings.pitchMode = PitchMode::keyLock;
    if (settings.semitones == 0 && settings.cents == 0.0f)
        settings.cents = 10.0f; // pitch 1: nothing to stretch
    return settings;
}

StretchJobs::Options jobOptions (const BenchContext& context, const juce::File& folder)
{
    StretchJobs::Options options;
    options.cacheFolder = folder;
    options.cacheBytes = (juce::int64) 64 << 30;
    options.engineRate = context.sampleRate;
    options.ramThresholdBytes = streamingLoadOptions (context).streamThresholdBytes;
    options.numThreads = numCores();
    return options;
}

/** Renders (or finds in the cache) the stretches of `pads` with StretchJobs, waiting on the
    message loop. Returns the renders by pad, and how long it took. */
std::vector<RenderedStretch::Ptr> renderAll (StretchJobs& jobs, const std::vector<TrialPad>& pads,
                                             double& seconds, juce::String& error)
{
    std::vector<RenderedStretch::Ptr> renders (pads.size());
    size_t done = 0;
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < pads.size(); ++i)
    {
        const auto request = StretchRequest::forPad (pads[i].settings, *pads[i].sample,
                                                     jobs.getOptions().engineRate, 120.0, 0);
        jobs.submit ((int) i, *request, pads[i].settings.playStartFrame(),
                     [&renders, &done, &error, i] (const StretchJobs::Result& r)
                     {
                         renders[i] = r.stretch;
                         if (r.stretch == nullptr)
                             error = r.message;
                         ++done;
                     });
    }
    while (done < pads.size())
        juce::MessageManager::getInstance()->runDispatchLoopUntil (20);
    seconds = bench::seconds (std::chrono::steady_clock::now() - start);
    return renders;
}

/** The 64 distinct pads (file, pitch), loaded streamed, and their renders, made once per run. */
struct StretchedMaterial
{
    explicit StretchedMaterial (const BenchContext& c)
        : context (c)
        , loader (streamingLoadOptions (c), 1)
        , jobs (jobOptions (c, c.dataDir.getChildFile ("stretch-cache")), nullptr)
    {
        const auto files = BenchAudio::longFiles (context);
        for (int i = 0; i < distinctFiles (context); ++i)
        {
            const auto settings = stretchedPad (context, i);
            auto result = loader.loadNow (
                files.getReference (i), { settings.startFrame, settings.loopStart, -1 }, context.sampleRate);
            if (!result.wasOk())
            {
                error = result.message;
                return;
            }
            pads.push_back ({ result.sample, settings, {} });
        }
        renders = renderAll (jobs, pads, renderSeconds, error);
    }

    const BenchContext& context;
    SampleLoader loader;
    StretchJobs jobs;
    std::vector<TrialPad> pads;
    std::vector<RenderedStretch::Ptr> renders;
    double renderSeconds = 0.0;
    juce::String error;
};

CountSearch::Trial runStretchedTrial (const BenchContext& context, const StretchedMaterial& material,
                                      int count)
{
    std::vector<TrialPad> pads;
    for (int i = 0; i < count; ++i)
    {
        pads.push_back (material.pads[(size_t) (i % distinctFiles (context))]);
        pads.back().stretch = material.renders[(size_t) (i % distinctFiles (context))];
    }
    auto trial = runEnginePads (context, pads, false);
    return trial;
}

std::vector<Figure> stretchedVoices (const BenchContext& context)
{
    const auto before = currentRssMb();
    StretchedMaterial material (context);
    if (material.error.isNotEmpty())
        return { { "stretched_voices",
                   std::numeric_limits<double>::quiet_NaN(),
                   "voices",
                   ">= 64",
                   { { "error", material.error } } } };

    const auto search =
        CountSearch::run (8, context.quick ? 64 : 512, context.quick, 1.0 / 16.0,
                          [&] (int count) { return runStretchedTrial (context, material, count); });
    Figure voices{ "stretched_voices", (double) search.best, "voices", ">= 64", {} };
    voices.details.set (
        "what",
        "keylocked pads playing their rendered stretches (Rubber Band R3 offline via StretchJobs, "
        "cached), 64 different long files each at its own pitch of the -6.5..+6.5 st spread "
        "(8 in quick mode; pads past them reuse them), renders streamed from the cache like long samples, EQ "
        "-6/+3, 128-frame blocks paced like a device; pass = 0 stream underruns, 0 KeyLock "
        "fallbacks, all voices playing, p99.9 block time < 0.5 period");
    voices.details.set ("file_seconds", BenchAudio::longFileSeconds (context));
    voices.details.set ("hold_seconds", engineTrialHoldSeconds (context));
    voices.details.set ("render_or_cache_seconds", material.renderSeconds);
    voices.details.set ("renders_made", material.jobs.getRendersMade());
    voices.details.set ("cache_hits", material.jobs.getCacheHits());
    voices.details.set ("rss_before_mb", before);
    search.describeIn (voices.details);
    return { voices };
}

const Registration stretchedRegistration{ { "stretched_voices" }, stretchedVoices };

/** RSS with 50 stretched pads (50 of the 64 files, rendered) all playing, in a fresh process. */
Figure stretchedRss (const BenchContext& context)
{
    const auto baseline = currentRssMb();
    StretchedMaterial material (context);
    if (material.error.isNotEmpty())
        return { "rss_50_stretched_pads_playing_mb",
                 std::numeric_limits<double>::quiet_NaN(),
                 "MB",
                 "<= 300",
                 { { "error", material.error } } };
    const auto trial = runStretchedTrial (context, material, 50);
    Figure f{
        "rss_50_stretched_pads_playing_mb", (double) trial.details->getProperty ("rss_mb"), "MB", "<= 300", {}
    };
    f.details.set ("what", "VmRSS at the end of a stretched_voices trial with 50 pads playing their rendered "
                           "stretches of 50 different long files, each render streamed from the cache");
    f.details.set ("rss_before_mb", baseline);
    f.details.set ("ceiling_mb", 300.0);
    f.details.set ("passed", trial.passed);
    f.details.set ("trial", juce::var (trial.details.get()));
    f.details.set ("file_seconds", BenchAudio::longFileSeconds (context));
    return f;
}

std::vector<Figure> stretchedRssFigure (const BenchContext& context)
{
    if (childFigureName() == "rss_50_stretched_pads_playing_mb")
        return { stretchedRss (context) };
    return { runInChildProcess (context, "rss_50_stretched_pads_playing_mb") };
}

const Registration rssRegistration{ { "rss_50_stretched_pads_playing_mb" }, stretchedRssFigure };

/** Seconds of audio rendered per wall second with a job thread per core, into an empty cache:
    the 16 pads of a bank (16 of the long files, each at its own pitch). */
std::vector<Figure> renderSpeed (const BenchContext& context)
{
    const SampleLoader loader (streamingLoadOptions (context), 1);
    const auto files = BenchAudio::longFiles (context, bankPads (context));
    std::vector<TrialPad> pads;
    double audioSeconds = 0.0;
    for (int i = 0; i < bankPads (context); ++i)
    {
        const auto settings = stretchedPad (context, i);
        auto result = loader.loadNow (files.getReference (i), {}, context.sampleRate);
        if (!result.wasOk())
            return { { "stretch_render_x_realtime",
                       std::numeric_limits<double>::quiet_NaN(),
                       "x realtime",
                       {},
                       { { "error", result.message } } } };
        audioSeconds += (double) result.sample->getLengthInFrames() / result.sample->getSampleRate();
        pads.push_back ({ result.sample, settings, {} });
    }

    const auto folder = context.dataDir.getChildFile ("stretch-cache-speed");
    folder.deleteRecursively();
    double seconds = 0.0;
    juce::String error;
    int made = 0;
    {
        StretchJobs jobs (jobOptions (context, folder), nullptr);
        const auto renders = renderAll (jobs, pads, seconds, error);
        made = jobs.getRendersMade();
    }
    folder.deleteRecursively();

    Figure speed{
        "stretch_render_x_realtime", seconds > 0.0 ? audioSeconds / seconds : 0.0, "x realtime", {}, {}
    };
    speed.details.set (
        "what",
        "StretchJobs (Rubber Band R3 offline, one SCHED_IDLE job thread per core) rendering "
        "the 16 pads of a bank (4 in quick mode), different long files each at its own pitch, into an "
        "empty cache (24-bit WAVs): seconds of audio per wall second, both cores");
    speed.details.set ("bank_all_rendered_seconds", seconds);
    speed.details.set ("audio_seconds", audioSeconds);
    speed.details.set ("renders_made", made);
    speed.details.set ("cores", numCores());
    if (error.isNotEmpty())
        speed.details.set ("error", error);
    return { speed };
}

const Registration speedRegistration{ { "stretch_render_x_realtime" }, renderSpeed };

/** Frames from a pitch move until the new pitch is heard: the first 10 ms window after the move
    whose zero-crossing frequency is nearer the new pitch than the old one, with at least 80 % of
    the windows in the 100 ms after it nearer the new pitch too (Rubber Band's R2 beats a little on
    a pure tone, so a single window can stray). */
int framesUntilHeard (const float* x, int from, int end, double oldHz, double newHz, double rate)
{
    constexpr int window = 480, hop = 120, follow = 4800;
    std::vector<bool> isNew;
    for (int w = from; w + window <= end; w += hop)
    {
        double crossings = 0;
        int first = -1, last = -1;
        for (int i = w + 1; i < w + window; ++i)
            if (x[i - 1] < 0.0f && x[i] >= 0.0f)
            {
                first = first < 0 ? i : first;
                last = i;
                crossings += 1.0;
            }
        const auto f = crossings > 1 ? (crossings - 1) * rate / (last - first) : 0.0;
        isNew.push_back (std::abs (f - newHz) < std::abs (f - oldHz));
    }
    const auto span = (size_t) (follow / hop);
    for (size_t i = 0; i + span <= isNew.size(); ++i)
        if (isNew[i]
            && std::count (isNew.begin() + (long) i, isNew.begin() + (long) (i + span), true)
                   >= (long) span * 4 / 5)
            return (int) i * hop;
    return -1;
}

/** One pitch move (+3 → +7 st) on a pad playing a 300 Hz tone, on the real engine at device pace. */
double pitchMoveMs (const BenchContext& context, bool rendered, juce::String& error, juce::int64& underruns)
{
    const auto rate = context.sampleRate;
    // A pure tone makes the moment the new pitch is heard measurable.
    const auto tone = context.dataDir.getChildFile ("pitch-move-300hz.wav");
    if (!tone.existsAsFile())
    {
        juce::AudioBuffer<float> b (2, (int) (8 * rate));
        for (int i = 0; i < b.getNumSamples(); ++i)
            b.setSample (0, i,
                         0.5f * (float) std::sin (2.0 * juce::MathConstants<double>::pi * 300.0 * i / rate)),
                b.setSample (1, i, b.getSample (0, i));
        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatWriter> writer (
            wav.createWriterFor (new juce::FileOutputStream (tone), rate, 2, 24, {}, 0));
        writer->writeFromAudioSampleBuffer (b, 0, b.getNumSamples());
    }

    SampleLoader loader (streamingLoadOptions (context), 1);
    auto loaded = loader.loadNow (tone, {}, rate);
    if (!loaded.wasOk())
    {
        error = loaded.message;
        return -1.0;
    }
    PadSettings settings;
    settings.pitchMode = PitchMode::keyLock;
    settings.semitones = 3;

    RenderedStretch::Ptr render;
    if (rendered)
    {
        const auto folder = context.dataDir.getChildFile ("stretch-cache");
        StretchJobs jobs (jobOptions (context, folder), nullptr);
        double seconds = 0.0;
        render = renderAll (jobs, { { loaded.sample, settings, {} } }, seconds, error)[0];
        if (render == nullptr)
            return -1.0;
    }

    AudioEngine engine;
    engine.prepare (rate, blockSize);
    engine.keepSample (loaded.sample);
    if (render != nullptr)
        engine.keepSample (render->sample);
    // The app makes a pad's prime on a background job (PadMaterials) and publishes the new pitch
    // at once; made here inside the paced run it would hold the device clock back ~45 ms and the
    // blocks after it would run in a burst, ahead of the render-ahead workers.
    const auto snapshotFor = [&] (const PadSettings& s)
    {
        auto snapshot = std::make_unique<EngineSnapshot>();
        snapshot->padsPerBank = 16;
        snapshot->pads.push_back (SnapshotCompiler::compilePad (
            s, loaded.sample,
            SnapshotCompiler::makeKeyLockPrime (*loaded.sample, s, rate,
                                                engine.getKeyLockPool().getSettings().engine)));
        snapshot->pads.back().renderedStretch = render;
        return snapshot;
    };
    engine.publish (snapshotFor (settings));

    const int before = (int) rate, after = (int) rate / 2;
    juce::AudioBuffer<float> out (2, before + after), block (2, blockSize);
    juce::MidiBuffer midi;
    settings.semitones = 7;
    auto movedSnapshot = snapshotFor (settings);
    const auto moved = [&] { engine.publish (std::move (movedSnapshot)); };
    engine.send (EngineCommand::press (0, 1.0f));
    PacedRun::run ((before + after) / blockSize, blockSize / rate,
                   [&] (int b)
                   {
                       if (b * blockSize == before)
                           moved();
                       engine.renderBlock (block, midi);
                       out.copyFrom (0, b * blockSize, block, 0, 0, blockSize);
                   });
    underruns += engine.getKeyLockPool().getTotalUnderruns();
    const auto frames =
        framesUntilHeard (out.getReadPointer (0), before, before + after, 300.0 * std::pow (2.0, 3.0 / 12.0),
                          300.0 * std::pow (2.0, 7.0 / 12.0), rate);
    return frames < 0 ? -1.0 : 1000.0 * frames / rate;
}

std::vector<Figure> pitchMoveLatency (const BenchContext& context)
{
    juce::String error;
    juce::int64 underruns = 0;
    std::vector<double> onRender, onRealtime;
    for (int trial = 0; trial < 3; ++trial)
    {
        onRender.push_back (pitchMoveMs (context, true, error, underruns));
        onRealtime.push_back (pitchMoveMs (context, false, error, underruns));
    }
    const Distribution renderMs (onRender), realtimeMs (onRealtime);
    const auto worst = juce::jmax (renderMs.median(), realtimeMs.median());
    Figure f{ "pitch_move_latency_ms", worst, "ms", "<= 20", {} };
    f.details.set (
        "what", "a KeyLock pad playing a 300 Hz tone moved +3 -> +7 st at a block boundary on the real "
                "engine at device pace (128-frame blocks): ms until the new pitch is heard (the first 10 ms "
                "window nearer the new pitch than the old, 80 % of the next 100 ms too); the worse of a pad "
                "on its rendered stretch (the realtime "
                "stretch takes over, started 512 frames ahead) and a pad on the realtime stretch "
                "(Rubber Band's pitch after its render-ahead); median of 3; -1 = never heard");
    f.details.set ("on_render_ms_median", renderMs.median());
    f.details.set ("keylock_underruns", underruns);
    f.details.set ("on_realtime_ms_median", realtimeMs.median());
    juce::Array<juce::var> a, b;
    for (auto v : onRender)
        a.add (v);
    for (auto v : onRealtime)
        b.add (v);
    f.details.set ("on_render_ms", a);
    f.details.set ("on_realtime_ms", b);
    if (error.isNotEmpty())
        f.details.set ("error", error);
    return { f };
}

const Registration pitchRegistration{ { "pitch_move_latency_ms" }, pitchMoveLatency };

} // namespace

} // namespace paddeck::bench
