#include "Dsp/KeyLockPool.h"
#include "Dsp/KeyLockPrime.h"
#include "Dsp/KeyLockRenderer.h"
#include "KeyLockTestSupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

namespace paddeck
{

using namespace test;

TEST (KeyLock, PlusSevenMovesPitchAndKeepsDuration)
{
    for (auto engine : { defaultKeyLockEngine, KeyLockEngine::fasterFixedPitch, KeyLockEngine::finer })
    {
        const auto input = sine (440.0, rate, 96000);
        const auto out = renderAll (input, semitones (7.0), engine);

        EXPECT_NEAR ((double) out.size(), 96000.0, 960.0);
        const auto f = zeroCrossingFrequency (out.data() + 4800, (int) out.size() - 9600, rate);
        EXPECT_NEAR (f, 440.0 * semitones (7.0), 440.0 * semitones (7.0) * 0.01);
        // Sound lasts to the end: the last 50 ms are still at level.
        EXPECT_GT (toDb (rms (out.data() + out.size() - 4800, 2400) / rms (input.data(), 48000)), -3.0);
    }
}

/** The strongest frequency near `expected` (±4 %, 0.1 Hz steps), Hann-windowed over x. */
static double peakFrequencyNear (const std::vector<float>& x, size_t from, size_t to, double expected)
{
    double best = 0.0, bestFrequency = 0.0;
    for (double f = expected * 0.96; f < expected * 1.04; f += 0.1)
    {
        double re = 0.0, im = 0.0;
        for (size_t i = from; i < to; ++i)
        {
            const auto w = 0.5 - 0.5 * std::cos (twoPi * (double) (i - from) / (double) (to - from));
            re += w * x[i] * std::cos (twoPi * f * (double) i / rate);
            im += w * x[i] * std::sin (twoPi * f * (double) i / rate);
        }
        if (re * re + im * im > best)
        {
            best = re * re + im * im;
            bestFrequency = f;
        }
    }
    return bestFrequency;
}

TEST (KeyLock, TheDefaultEngineKeepsNotesInTuneAndAtLevel)
{
    // A harmonic tone (8 partials) keylocked up and down, and stretched as a synced loop is. Debian's
    // Rubber Band 3.1.2 R2 engine (KeyLockEngine::faster, the default until 27 Nov 2026) in realtime
    // mode put a 110 Hz note moved -5 semitones 70 cents sharp, a 300 Hz sine +7 32 cents flat, and
    // a 110 Hz note stretched 1.25x 53 cents sharp; with smooth transients it was in tune but up to
    // 6 dB quieter depending on where the sound started. Both R3 windows keep both.
    for (const auto engine : { defaultKeyLockEngine, KeyLockEngine::finer })
    {
        struct Case
        {
            double fundamental, shift, timeRatio;
        };
        for (const auto c : { Case{ 110.0, 7.0, 1.0 }, Case{ 110.0, -5.0, 1.0 }, Case{ 300.0, 7.0, 1.0 },
                              Case{ 300.0, -12.0, 1.0 }, Case{ 110.0, 0.0, 1.25 }, Case{ 220.0, 3.0, 0.8 } })
        {
            std::vector<float> input (96000);
            for (size_t i = 0; i < input.size(); ++i)
            {
                double v = 0.0;
                for (int k = 1; k <= 8; ++k)
                    v += std::sin (twoPi * k * c.fundamental * (double) i / rate) / k;
                input[i] = 0.3f * (float) v;
            }
            VectorSource source (input);
            KeyLockRenderer renderer (rate, engine);
            renderer.start (semitones (c.shift), c.timeRatio);
            std::vector<float> out (563 * 128), right (out.size());
            for (size_t done = 0; done < out.size(); done += 128)
                renderer.render (source, out.data() + done, right.data() + done, 128);

            const auto expected = c.fundamental * semitones (c.shift);
            const auto found = peakFrequencyNear (out, 24000, 72000, expected);
            EXPECT_NEAR (1200.0 * std::log2 (found / expected), 0.0, 3.0)
                << "cents off: " << c.fundamental << " Hz, " << c.shift << " st, time ratio " << c.timeRatio;
            double in = 0.0, o = 0.0;
            for (size_t i = 24000; i < 72000; ++i)
                o += (double) out[i] * out[i];
            for (size_t i = 0; i < 48000; ++i)
                in += (double) input[i] * input[i];
            EXPECT_NEAR (10.0 * std::log10 (o / in), 0.0, 1.0)
                << "level: " << c.fundamental << " Hz, " << c.shift << " st, time ratio " << c.timeRatio;
        }
    }
}

TEST (KeyLock, ZeroSemitonesIsNearTransparent)
{
    const auto input = sine (440.0, rate, 96000);
    const auto out = renderAll (input, 1.0);

    ASSERT_EQ (out.size(), input.size());
    const auto level = toDb (rms (out.data() + 4800, 86400) / rms (input.data() + 4800, 86400));
    EXPECT_NEAR (level, 0.0, 1.0);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 4800, 86400, rate), 440.0, 440.0 * 0.0005);
}

TEST (KeyLock, OutputIsAlignedWithTheSourceFromFrameZero)
{
    // A tone that starts at frame 0 sounds from frame 0; a burst starting at 0.5 s starts there.
    const auto tone = sine (440.0, rate, 48000);
    std::vector<float> input (tone.begin(), tone.end());
    std::vector<float> burst (48000, 0.0f);
    for (int i = 24000; i < 36000; ++i)
        burst[(size_t) i] = 0.5f * (float) std::cos (twoPi * 1000.0 * (i - 24000) / rate);

    for (auto engine : { defaultKeyLockEngine, KeyLockEngine::fasterFixedPitch, KeyLockEngine::finer })
    {
        const auto out = renderAll (input, semitones (3.0), engine);
        EXPECT_GT (peak (out.data(), 48), 0.05) << "non-silent from the first frames";

        const auto outBurst = renderAll (burst, 1.0, engine);
        const auto burstPeak = peak (outBurst.data(), (int) outBurst.size());
        int onset = 0;
        while (onset < (int) outBurst.size() && std::abs (outBurst[(size_t) onset]) < 0.5 * burstPeak)
            ++onset;
        EXPECT_NEAR (onset, 24000, 64) << "start delay compensated";
    }
}

TEST (KeyLock, IdenticalInputGivesIdenticalOutputWhateverTheSlicing)
{
    const auto input = sine (523.0, rate, 48000);
    const auto a = renderAll (input, semitones (-5.0), defaultKeyLockEngine, 128);
    const auto b = renderAll (input, semitones (-5.0), defaultKeyLockEngine, 777);
    ASSERT_EQ (a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        ASSERT_EQ (a[i], b[i]) << i;
}

TEST (KeyLock, PrimeHandsOverToTheWorkerWithoutAGap)
{
    const auto input = sine (440.0, rate, 96000);
    const auto pitch = semitones (7.0);
    const auto reference = renderAll (input, pitch);

    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, pitch, 24000);
    ASSERT_EQ (prime->getNumFrames(), 24000);

    // The worker is 100 blocks (267 ms) late: the prime must carry the start, then the FIFO.
    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096);
    voice.start (live, prime.get(), pitch);
    const auto out = playVoice (voice, 72000, 100);

    EXPECT_EQ (voice.getUnderruns(), 0);
    EXPECT_GT (peak (out.data(), 48), 0.05) << "sounds from frame 0";
    double maxError = 0.0;
    for (size_t i = 0; i < out.size(); ++i)
        maxError = std::max (maxError, (double) std::abs (out[i] - reference[i]));
    EXPECT_LE (maxError, 1.0e-6) << "prime and worker output are the same frames";
    EXPECT_LE (maxJump (out.data(), 72000), sineStep (peak (out.data(), 72000), 440.0 * pitch, rate) * 1.1);
}

TEST (KeyLock, AVoiceWhosePitchMovedWhilePlayingHandsOverFromItsNextPrimeWithoutAJump)
{
    // A pool voice plays many hits. A pitch moved while one played must leave nothing behind that
    // makes the next hit's worker output differ from its prime (made by a fresh renderer).
    const auto input = sine (440.0, rate, 96000);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096);
    {
        VectorSource first (input);
        voice.start (first, nullptr, semitones (5.0));
        playVoice (voice, 24000, 0, atBlock (60, [&] { voice.setPitch (semitones (-3.0)); }));
        voice.stop();
        voice.renderAheadChunk();
        ASSERT_TRUE (voice.isIdle());
    }

    const auto pitch = semitones (7.0);
    const auto hit = playPrimedHit (voice, input, pitch, 72000);
    EXPECT_LE (hit.maxError(), 1.0e-6) << "the worker's frames after the prime are the prime's continuation";
    const auto* out = hit.played.data();
    EXPECT_LE (maxJump (out, 72000), sineStep (peak (out, 72000), 440.0 * pitch, rate) * 1.1);
}

TEST (KeyLock, PitchChangesWhilePlayingAreSmooth)
{
    // Longer than what is played: the sample's own end is not a step of a move.
    const auto input = sine (440.0, rate, 120000);
    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, 1.0, 24000);

    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 2048);
    voice.start (live, prime.get(), 1.0);
    // Moves during the prime (block 20), then every 100 ms.
    const auto out = playVoice (voice, 96000, 10,
                                [&] (int b)
                                {
                                    if (b == 20 || (b > 20 && b % 37 == 0))
                                        voice.setPitch (semitones ((b / 37) % 2 == 0 ? 5.0 : -3.0));
                                });

    EXPECT_EQ (voice.getUnderruns(), 0);
    const auto allowed = sineStep (peak (out.data(), 96000), 440.0 * semitones (5.0), rate) * 1.25;
    EXPECT_LE (maxJump (out.data(), 96000), allowed);
    EXPECT_GT (toDb (rms (out.data() + 48000, 48000) / rms (input.data(), 48000)), -3.0);
}

TEST (KeyLock, VoiceReportsTheEndAndReleasesTheSource)
{
    const auto input = sine (440.0, rate, 10000);
    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, 1.0, 24000);
    EXPECT_TRUE (prime->holdsWholeSample());
    EXPECT_EQ (prime->getNumFrames(), 10000);

    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096);
    voice.start (live, prime.get(), 1.0);
    std::vector<float> l (128), r (128);
    int total = 0;
    for (int b = 0; b < 200; ++b)
    {
        voice.renderAheadChunk();
        const auto real = voice.readFrames (l.data(), r.data(), 128);
        total += real;
        if (real < 128)
            break;
    }
    EXPECT_EQ (total, 10000);
    voice.stop();
    EXPECT_FALSE (voice.isIdle());
    voice.renderAheadChunk();
    EXPECT_TRUE (voice.isIdle());
}

TEST (KeyLock, PoolWorkersKeepEveryVoiceFedFrameExactly)
{
    KeyLockPool pool;
    preparePool (pool, 4);

    const auto input = sine (440.0, rate, 48000);
    const auto pitch = semitones (-7.0);
    const auto reference = renderAll (input, pitch);
    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, pitch, 36000);

    std::vector<std::unique_ptr<VectorSource>> sources;
    for (int v = 0; v < pool.getNumVoices(); ++v)
    {
        sources.push_back (std::make_unique<VectorSource> (input));
        pool.getVoice (v).start (*sources.back(), prime.get(), pitch);
    }

    // Paced by the workers, as an offline render is (whether two cores keep up in real time is
    // PadDeckBench's keylock figures, not a test's): every block is there when it is read.
    std::vector<float> out (48000), l (128), r (128);
    for (int done = 0; done < 48000; done += 128)
    {
        for (int v = 0; v < pool.getNumVoices(); ++v)
            for (int tries = 0; tries < 10000 && !pool.getVoice (v).isReadyFor (128); ++tries)
                std::this_thread::sleep_for (std::chrono::milliseconds (1));
        for (int v = 0; v < pool.getNumVoices(); ++v)
        {
            const auto n = std::min (128, 48000 - done);
            pool.getVoice (v).readFrames (l.data(), r.data(), n);
            if (v == 0)
                std::copy_n (l.data(), n, out.data() + done);
        }
    }

    EXPECT_EQ (pool.getTotalUnderruns(), 0);
    double maxError = 0.0;
    for (size_t i = 0; i < out.size(); ++i)
        maxError = std::max (maxError, (double) std::abs (out[i] - reference[i]));
    EXPECT_LE (maxError, 1.0e-6);

    for (int v = 0; v < pool.getNumVoices(); ++v)
        pool.getVoice (v).stop();
    for (int i = 0; i < 100 && !pool.getVoice (0).isIdle(); ++i)
        std::this_thread::sleep_for (std::chrono::milliseconds (2));
    EXPECT_TRUE (pool.getVoice (0).isIdle());
}

} // namespace paddeck

namespace paddeck
{

TEST (KeyLock, AVoiceSaysWhichPrimeItMayStillReadUntilItHasPlayedItOrStopped)
{
    KeyLockPool pool;
    preparePool (pool, 2);

    const auto input = sine (440.0, rate, 48000);
    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, 1.0, 6000);
    EXPECT_FALSE (pool.isPrimeInUse (prime.get()));

    // However long the audio thread takes to play the prime's frames (a stalled callback), the
    // prime stays in use until they are played: nothing may free it on a timer.
    VectorSource first (input), second (input);
    pool.getVoice (0).start (first, prime.get(), 1.0);
    pool.getVoice (1).start (second, prime.get(), 1.0);
    EXPECT_EQ (pool.getVoice (0).getPrimeInUse(), prime.get());
    EXPECT_TRUE (pool.isPrimeInUse (prime.get()));

    std::vector<float> l (128), r (128);
    for (int done = 0; done < 6000 - 128; done += 128)
        pool.getVoice (0).readFrames (l.data(), r.data(), 128);
    EXPECT_EQ (pool.getVoice (0).getPrimeInUse(), prime.get()) << "its last frames are still to play";
    pool.getVoice (0).readFrames (l.data(), r.data(), 128);
    EXPECT_EQ (pool.getVoice (0).getPrimeInUse(), nullptr);
    EXPECT_TRUE (pool.isPrimeInUse (prime.get())) << "the second voice has not played it yet";

    pool.getVoice (1).stop();
    EXPECT_FALSE (pool.isPrimeInUse (prime.get()));

    // A prime of another pitch is not played at all, so it is not held.
    const auto other = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, semitones (3.0), 6000);
    pool.getVoice (0).stop();
    for (int i = 0; i < 1000 && !pool.getVoice (0).isIdle(); ++i)
        std::this_thread::sleep_for (std::chrono::milliseconds (2));
    ASSERT_TRUE (pool.getVoice (0).isIdle());
    pool.getVoice (0).start (first, other.get(), 1.0);
    EXPECT_FALSE (pool.isPrimeInUse (other.get()));
    pool.getVoice (0).stop();
    for (int i = 0; i < 1000 && !(pool.getVoice (0).isIdle() && pool.getVoice (1).isIdle()); ++i)
        std::this_thread::sleep_for (std::chrono::milliseconds (2));
}

} // namespace paddeck

namespace paddeck
{

// Found by the soak (SIGSEGV in KeyLockVoice::readFrames): a prime replaced while a voice played it
// was freed with the snapshot that held it, and the voice read freed memory. A retired prime lives
// until no one but the pool holds it and no voice reads it.
TEST (KeyLock, ARetiredPrimeIsFreedOnlyOnceNoSnapshotHoldsItAndNoVoiceReadsIt)
{
    KeyLockPool pool;
    preparePool (pool, 1);

    const auto input = sine (440.0, rate, 48000);
    VectorSource primeSource (input), voiceSource (input);
    std::shared_ptr<const KeyLockPrime> prime =
        KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, 1.0, 6000);
    std::weak_ptr<const KeyLockPrime> watch = prime;
    auto snapshotsCopy = prime; // what a snapshot still on its way to the garbage holds

    pool.getVoice (0).start (voiceSource, prime.get(), 1.0);
    pool.retire (std::move (prime));
    EXPECT_EQ (pool.getNumRetiredPrimes(), 1);

    pool.freeRetiredPrimes();
    EXPECT_FALSE (watch.expired()) << "a snapshot holds it";
    snapshotsCopy.reset();
    pool.freeRetiredPrimes();
    EXPECT_FALSE (watch.expired()) << "the voice has not played its frames yet";

    std::vector<float> l (128), r (128);
    for (int done = 0; done < 6000; done += 128)
        pool.getVoice (0).readFrames (l.data(), r.data(), 128);
    pool.freeRetiredPrimes();
    EXPECT_TRUE (watch.expired());
    EXPECT_EQ (pool.getNumRetiredPrimes(), 0);

    pool.retire (nullptr); // a pad without one: nothing to keep
    EXPECT_EQ (pool.getNumRetiredPrimes(), 0);

    pool.getVoice (0).stop();
    for (int i = 0; i < 1000 && !pool.getVoice (0).isIdle(); ++i)
        std::this_thread::sleep_for (std::chrono::milliseconds (2));
}

/** Drives a renderer the way a show does: restarts, pitch anywhere in ±24 semitones, tempo-synced
    time ratios from 0.5 to 2, a few thousand frames of a tone each time. */
static void driveLikeAShow (KeyLockRenderer& renderer, int moves)
{
    const auto tone = sine (330.0, rate, 144000);
    VectorSource source (tone);
    std::minstd_rand random (11);
    std::uniform_real_distribution<double> semitone (-24.0, 24.0);
    std::uniform_real_distribution<double> logRatio (std::log (0.5), std::log (2.0));
    std::vector<float> l (512), r (512);
    for (int move = 0; move < moves; ++move)
    {
        if (move % 8 == 0)
        {
            source.position = 0;
            renderer.start (semitones (semitone (random)), std::exp (logRatio (random)));
        }
        renderer.setPitch (semitones (semitone (random)));
        renderer.setTimeRatio (std::exp (logRatio (random)));
        for (int block = 0; block < 6; ++block)
            renderer.render (source, l.data(), r.data(), (int) l.size());
    }
}

TEST (KeyLock, ARendererRestartedAfterAnyPitchAndTempoMovesPlaysExactlyAsAFreshOne)
{
    // A prime is made by a fresh renderer and handed over to a pool voice's renderer, which has
    // played many hits before: the two must match frame for frame. (Rubber Band's resampler keeps
    // the state it crossfaded from at a pitch move through reset(); that moved every later hit's
    // worker output against its prime.)
    const auto input = sine (440.0, rate, 48000);
    for (auto engine : { defaultKeyLockEngine, KeyLockEngine::fasterFixedPitch, KeyLockEngine::finer })
        for (const bool lastRunMovedThePitch : { true, false })
        {
            KeyLockRenderer fresh (rate, engine), used (rate, engine);
            driveLikeAShow (used, 24);
            if (!lastRunMovedThePitch) // its tempo moved: a synced pad under a moving master
            {
                VectorSource last (input);
                std::vector<float> l (512), r (512);
                used.start (semitones (-2.0), 1.3);
                used.render (last, l.data(), r.data(), 512);
                used.setTimeRatio (0.7);
                for (int block = 0; block < 8; ++block)
                    used.render (last, l.data(), r.data(), 512);
            }

            VectorSource a (input), b (input);
            fresh.start (semitones (5.0), 0.8);
            used.start (semitones (5.0), 0.8);
            std::vector<float> l1 (256), r1 (256), l2 (256), r2 (256);
            float worst = 0.0f;
            for (int block = 0; block < 120; ++block)
            {
                fresh.render (a, l1.data(), r1.data(), 256);
                used.render (b, l2.data(), r2.data(), 256);
                for (size_t i = 0; i < l1.size(); ++i)
                    worst = std::max ({ worst, std::abs (l1[i] - l2[i]), std::abs (r1[i] - r2[i]) });
            }
            EXPECT_EQ (worst, 0.0f) << "engine " << (int) engine << ", last run moved the "
                                    << (lastRunMovedThePitch ? "pitch" : "tempo");
        }
}

} // namespace paddeck
