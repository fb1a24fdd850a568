#include "EngineVoiceTrial.h"
#include "RamFrameSource.h"

#include "Control/SnapshotCompiler.h"
#include "Dsp/DjEq.h"
#include "Dsp/KeyLockPool.h"

#include <map>

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;

/** Per voice index: its section of a long file in RAM and its pitched prime, made once and reused
    by every trial (making primes runs Rubber Band, which is not what a trial measures). */
struct VoiceMaterial
{
    juce::AudioBuffer<float> frames;
    std::unique_ptr<KeyLockPrime> prime;
    PadSettings settings;
};

class KeyLockTrials
{
public:
    explicit KeyLockTrials (const BenchContext& c)
        : context (c)
        , files (BenchAudio::longFiles (c))
    {
    }

    double rampSeconds() const { return context.quick ? 0.25 : 1.0; }
    double holdSeconds() const { return context.quick ? 1.0 : 30.0; }

    /** `count` KeyLock voices from a KeyLockPool (one render-ahead worker per core), their FIFOs read
        block by block on this thread at a device's pace, each through a DJ EQ into the mix. */
    CountSearch::Trial run (int count)
    {
        const double rate = context.sampleRate;
        KeyLockPool pool;
        KeyLockPool::Settings settings;
        settings.sampleRate = rate;
        settings.maxVoices = count;
        pool.prepare (settings);

        std::vector<RamFrameSource> sources ((size_t) count);
        std::vector<std::unique_ptr<DjEq>> eqs;
        for (int i = 0; i < count; ++i)
        {
            auto& m = material (i);
            sources[(size_t) i].reset (m.frames);
            eqs.push_back (std::make_unique<DjEq>());
            eqs.back()->prepare (rate, blockSize);
            eqs.back()->setGains (PadSettings::bandGain (m.settings.eqLowDb, false), 1.0f,
                                  PadSettings::bandGain (m.settings.eqHighDb, false));
            eqs.back()->reset();
        }

        const int rampBlocks = (int) (rampSeconds() * rate / blockSize);
        const int totalBlocks = rampBlocks + (int) (holdSeconds() * rate / blockSize);
        juce::AudioBuffer<float> mix (2, blockSize), voiceOut (2, blockSize);
        int started = 0, ended = 0;
        // Where the underruns fell: at the starts (the ramp and the primes' ends) or all along.
        std::map<int, juce::int64> underrunsBySecond;
        juce::int64 underrunsSeen = 0;

        const auto paced = PacedRun::run (
            totalBlocks, blockSize / rate,
            [&] (int b)
            {
                const int due = b < rampBlocks ? (int) ((juce::int64) count * (b + 1) / rampBlocks) : count;
                for (; started < due; ++started)
                {
                    auto& m = material (started);
                    pool.getVoice (started).start (sources[(size_t) started], m.prime.get(),
                                                   m.settings.pitchRatio());
                }

                mix.clear();
                auto* l = voiceOut.getWritePointer (0);
                auto* r = voiceOut.getWritePointer (1);
                for (int v = 0; v < started; ++v)
                {
                    if (pool.getVoice (v).readFrames (l, r, blockSize) < blockSize)
                        ++ended;
                    eqs[(size_t) v]->process (l, r, blockSize);
                    mix.addFrom (0, 0, l, blockSize);
                    mix.addFrom (1, 0, r, blockSize);
                }
                if (const auto now = (juce::int64) pool.getTotalUnderruns(); now != underrunsSeen)
                {
                    underrunsBySecond[(int) (b * blockSize / rate)] += now - underrunsSeen;
                    underrunsSeen = now;
                }
            });

        const auto underruns = (juce::int64) pool.getTotalUnderruns();
        const auto stepDowns = (juce::int64) pool.getOverloadStepDowns();
        for (int v = 0; v < count; ++v)
            pool.getVoice (v).stop();
        pool.release();

        auto trial = CountSearch::Trial::fromRun (paced);
        trial.details->setProperty ("underruns", underruns);
        trial.details->setProperty ("voices_ended_early", ended);
        trial.details->setProperty ("overload_step_downs", stepDowns);
        juce::Array<juce::var> bySecond;
        for (auto [second, n] : underrunsBySecond)
            bySecond.add (juce::Array<juce::var>{ second, n });
        trial.details->setProperty ("underruns_by_second", bySecond);
        trial.passed = underruns == 0 && ended == 0 && (double) trial.details->getProperty ("p999") < 0.5;
        return trial;
    }

private:
    VoiceMaterial& material (int index)
    {
        auto& m = materials[index];
        if (m.prime == nullptr)
        {
            const double rate = context.sampleRate;
            const double needed = rampSeconds() + holdSeconds() + 2.0; // KeyLock keeps tempo: 1 s per s
            const auto start = voiceStartFrame (index, BenchAudio::longFileSeconds (context), needed, rate);
            m.settings = voicePad (index, start);
            m.frames = BenchAudio::readSection (files[index % files.size()], start, (int) (needed * rate));
            RamFrameSource primeSource;
            primeSource.reset (m.frames);
            m.prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, m.settings.pitchRatio(),
                                          (int) (KeyLockPrime::defaultSeconds * rate));
        }
        return m;
    }

    const BenchContext& context;
    const juce::Array<juce::File> files;
    std::map<int, VoiceMaterial> materials;
};

/** `count` loops keylocked and synced to a 120 BPM master, each made 2 % off it (alternately
    faster and slower), so Rubber Band stretches every one of them in time as well as in pitch. */
CountSearch::Trial runSyncedKeyLockTrial (const BenchContext& context, const SampleLoader& loader,
                                          const juce::Array<juce::File>& files, int count)
{
    const double rate = context.sampleRate, master = 120.0;
    const double neededSeconds =
        (engineTrialRampSeconds (context) + engineTrialHoldSeconds (context) + 1.0) * 1.05;
    std::vector<TrialPad> pads;
    for (int i = 0; i < count; ++i)
    {
        auto settings =
            voicePad (i, voiceStartFrame (i, BenchAudio::longFileSeconds (context), neededSeconds, rate));
        settings.pitchMode = PitchMode::keyLock;
        settings.playMode = PlayMode::loop;
        settings.bpm = master * (i % 2 == 0 ? 1.02 : 1.0 / 1.02);
        settings.sync = true;
        settings.quantize = (int) Quantize::off;
        const auto result = loader.loadNow (files.getReference (i % files.size()),
                                            { settings.startFrame, settings.loopStart, -1 }, rate);
        if (!result.wasOk())
        {
            CountSearch::Trial failed;
            failed.details = new juce::DynamicObject();
            failed.details->setProperty ("error", result.message);
            return failed;
        }
        pads.push_back ({ result.sample, settings,
                          SnapshotCompiler::makeKeyLockPrime (*result.sample, settings, rate,
                                                              defaultKeyLockEngine, master) });
    }
    return runEnginePads (context, pads, true);
}

std::vector<Figure> syncedKeyLockVoices (const BenchContext& context)
{
    const auto files = BenchAudio::longFiles (context);
    const SampleLoader loader (streamingLoadOptions (context), 1);
    const auto search =
        CountSearch::run (2, context.quick ? 16 : 256, context.quick, 1.0 / 16.0,
                          [&] (int count) { return runSyncedKeyLockTrial (context, loader, files, count); });
    Figure voices{
        "synced_keylock_voices", (double) search.best, "voices", ">= 16 (tempo), >= 64 (stretching)", {}
    };
    voices.details.set ("what",
                        "as keylock_voices, but every pad is a loop synced to a 120 BPM master and made 2 % "
                        "off it, so the realtime stretch runs Rubber Band's time ratio and pitch together");
    voices.details.set ("hold_seconds", engineTrialHoldSeconds (context));
    search.describeIn (voices.details);
    return { voices };
}

const Registration syncedRegistration{ { "synced_keylock_voices" }, syncedKeyLockVoices };

std::vector<Figure> keyLockVoices (const BenchContext& context)
{
    const double rate = context.sampleRate;
    const double measureSeconds = context.quick ? 1.0 : 5.0;
    const double up = std::pow (2.0, 6.0 / 12.0), down = std::pow (2.0, -6.0 / 12.0);
    const double factorUp =
        KeyLockRenderer::measureRealtimeFactor (rate, defaultKeyLockEngine, up, measureSeconds);
    const double factorDown =
        KeyLockRenderer::measureRealtimeFactor (rate, defaultKeyLockEngine, down, measureSeconds);
    // The harmonic mean, as the issue sets the limit: half the voices at each pitch take the time
    // of both, so it is what one core plays of such a mix.
    const double factor = 2.0 / (1.0 / factorUp + 1.0 / factorDown);
    const int cores = numCores();

    const auto files = BenchAudio::longFiles (context);
    const int maxCount = context.quick ? 16 : 256;
    const SampleLoader loader (streamingLoadOptions (context), 1);
    const auto search = CountSearch::run (
        2, maxCount, context.quick, 1.0 / 16.0,
        [&] (int count) { return runEngineVoiceTrial (context, loader, files, count, true); });
    KeyLockTrials trials (context);
    const auto poolSearch = CountSearch::run (2, maxCount, context.quick, 1.0 / 16.0,
                                              [&] (int count) { return trials.run (count); });
    const double limit = cores * factor;

    Figure voices{
        "keylock_voices", (double) search.best, "voices", ">= 0.8 x cores x rubberband_rt_factor", {}
    };
    voices.details.set (
        "what", juce::String ("voices on AudioEngine::renderBlock with every pad keylocked (Rubber Band ")
                    + keyLockEngineName (defaultKeyLockEngine)
                    + " on the engine's KeyLockPool, one worker per core, each pad with its pitched prime), "
                      "otherwise as stream_varispeed_voices: each pad streams its own primed start of one of "
                      "64 long files, pitch -6.5..+6.5 st, EQ -6/+3, 128-frame blocks paced like a device; "
                      "pass = 0 stream and KeyLock underruns, 0 KeyLock fallbacks, all voices playing, p99.9 "
                      "block time < 0.5 period");
    voices.details.set ("hold_seconds", engineTrialHoldSeconds (context));
    voices.details.set ("rubberband_rt_factor", factor);
    voices.details.set ("cores", cores);
    voices.details.set ("keylock_vs_limit", limit > 0.0 ? search.best / limit : 0.0);
    search.describeIn (voices.details);

    Figure rt{ "rubberband_rt_factor", factor, "x realtime (one voice, one core)", {}, {} };
    rt.details.set ("what", juce::String ("KeyLockRenderer::measureRealtimeFactor, ")
                                + keyLockEngineName (defaultKeyLockEngine)
                                + ", 48 kHz stereo; harmonic mean of +6 and -6 st");
    rt.details.set ("plus6", factorUp);
    rt.details.set ("minus6", factorDown);

    Figure ratio{ "keylock_vs_limit", limit > 0.0 ? search.best / limit : 0.0, "fraction", ">= 0.8", {} };
    ratio.details.set ("what", "keylock_voices / (cores x rubberband_rt_factor)");
    ratio.details.set ("cores", cores);

    Figure pool{ "keylock_pool_voices", (double) poolSearch.best, "voices", {}, {} };
    pool.details.set ("what",
                      "the same without the engine: Dsp/KeyLockPool (one worker per core) + KeyLockVoice + "
                      "KeyLockPrime driven directly, each voice's FIFO read on the paced bench thread and "
                      "through a DJ EQ into a mix; sources are RAM sections of the long files; pass = 0 "
                      "KeyLock underruns, no voice ended, p99.9 < 0.5 period");
    poolSearch.describeIn (pool.details);

    return { voices, rt, ratio, pool };
}

const Registration registration{ { "keylock_voices", "rubberband_rt_factor", "keylock_vs_limit",
                                   "keylock_pool_voices" },
                                 keyLockVoices };
} // namespace

} // namespace paddeck::bench
