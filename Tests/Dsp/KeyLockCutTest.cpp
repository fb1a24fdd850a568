#include "Dsp/KeyLockPrime.h"
#include "KeyLockTestSupport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <thread>

namespace paddeck
{

using namespace test;

namespace
{
/** A tone with partials that never repeat in step, so a misaligned restart cannot match. */
/** The most step an equal-power fade between two tones can make, as a multiple of the newer
    tone's own: both at 0.71 and in phase for a moment, 0.71 × (1 + f_old / f_new) ≈ 1.27 for a
    +3 -> +7 move. A block torn between two pitches steps by up to twice the peak, far beyond. */
constexpr double fadeStepAllowance = 1.3;

std::vector<float> busySignal (int numFrames)
{
    std::vector<float> x ((size_t) numFrames);
    std::minstd_rand gen (7);
    std::uniform_real_distribution<float> noise (-0.02f, 0.02f);
    for (int i = 0; i < numFrames; ++i)
        x[(size_t) i] =
            (float) (0.3 * std::sin (twoPi * 220.0 * i / rate) + 0.15 * std::sin (twoPi * 331.7 * i / rate)
                     + 0.1 * std::sin (twoPi * 1021.3 * i / rate))
            + noise (gen);
    return x;
}

/** Renders what a fresh renderer started at `startFrame` of `input` plays (real pre-roll before it). */
std::vector<float> renderFrom (const std::vector<float>& input, std::int64_t startFrame, double pitch,
                               double timeRatio, int numFrames)
{
    VectorSource src (input);
    KeyLockRenderer renderer (rate, defaultKeyLockEngine);
    renderer.startAt (pitch, timeRatio, src, (int) startFrame, startFrame);
    std::vector<float> out ((size_t) numFrames), right ((size_t) numFrames);
    out.resize ((size_t) renderer.render (src, out.data(), right.data(), numFrames));
    return out;
}

double maxDifference (const float* a, const float* b, int n)
{
    double m = 0.0;
    for (int i = 0; i < n; ++i)
        m = std::max (m, (double) std::abs (a[i] - b[i]));
    return m;
}

/** A loop of `loop` frames played forever, as a looping pad's reader is. */
struct LoopSource : FrameSource
{
    explicit LoopSource (std::vector<float> frames)
        : loop (std::move (frames))
    {
    }

    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        for (int i = 0; i < numFrames; ++i, position = (position + 1) % loop.size())
            left[i] = right[i] = loop[position];
        return numFrames;
    }

    std::vector<float> loop;
    size_t position = 0;
};
} // namespace

TEST (KeyLockCut, APitchMoveIsHeardWithin20MsWithoutAStep)
{
    const auto input = sine (300.0, rate, 96000);
    const auto oldPitch = semitones (3.0), newPitch = semitones (7.0);
    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    voice.start (live, nullptr, oldPitch);

    const int moveBlock = 150, move = moveBlock * 128;
    const auto out = playVoice (voice, 48000, 0, atBlock (moveBlock, [&] { voice.setPitch (newPitch); }));

    EXPECT_EQ (voice.getUnderruns(), 0);
    const auto cut = voice.getLastCutFrame();
    ASSERT_GE (cut, move);
    const auto within = (int) (0.020 * rate);
    EXPECT_LE (cut + KeyLockVoice::cutFadeFrames, move + within) << "the fade ends within 20 ms of the move";
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + move - 960, 960, rate), 300.0 * oldPitch, 3.0);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + move + within, 960, rate), 300.0 * newPitch, 4.5)
        << "at the new pitch from 20 ms after the move";

    const auto allowed = sineStep (peak (out.data() + move - 4800, 9600), 300.0 * newPitch, rate) * 1.1;
    EXPECT_LE (maxJump (out.data() + move - 4800, 9600), allowed);
    EXPECT_GT (
        toDb (rms (out.data() + cut, KeyLockVoice::cutFadeFrames) / rms (out.data() + move - 960, 960)), -1.5)
        << "no dip through the fade";
    EXPECT_EQ (voice.getLastMoveLatency().frames, cut + KeyLockVoice::cutFadeFrames - move)
        << "the meter's figure: from the playhead at the move to the end of the crossfade";
}

TEST (KeyLockCut, ThePoolReportsTheLatestMoveOfAnyVoice)
{
    KeyLockPool pool;
    preparePool (pool, 2);
    EXPECT_EQ (pool.getLastMoveLatencyFrames(), -1) << "no move yet";

    const auto input = sine (300.0, rate, 480000);
    VectorSource first (input), second (input);
    pool.getVoice (0).start (first, nullptr, semitones (3.0));
    pool.getVoice (1).start (second, nullptr, semitones (3.0));

    // Paced by the workers (as an offline render is): a block is read once both have it.
    std::vector<float> l (128), r (128);
    const auto playBlocks = [&] (int blocks)
    {
        for (int b = 0; b < blocks; ++b)
            for (int v = 0; v < 2; ++v)
            {
                for (int tries = 0; tries < 10000 && !pool.getVoice (v).isReadyFor (128); ++tries)
                    std::this_thread::sleep_for (std::chrono::milliseconds (1));
                pool.getVoice (v).readFrames (l.data(), r.data(), 128);
            }
    };
    const auto waitForMove = [&] (int v, std::uint64_t after)
    {
        for (int i = 0; i < 2000 && pool.getVoice (v).getLastMoveLatency().serial <= after; ++i)
        {
            playBlocks (1);
            std::this_thread::sleep_for (std::chrono::milliseconds (1));
        }
        return pool.getVoice (v).getLastMoveLatency();
    };

    playBlocks (100);
    pool.getVoice (1).setPitch (semitones (7.0));
    const auto firstMove = waitForMove (1, 0);
    ASSERT_GE (firstMove.frames, 0);
    EXPECT_EQ (pool.getLastMoveLatencyFrames(), firstMove.frames);

    playBlocks (100);
    pool.getVoice (0).setPitch (semitones (-2.0));
    const auto secondMove = waitForMove (0, firstMove.serial);
    ASSERT_GT (secondMove.serial, firstMove.serial);
    EXPECT_EQ (pool.getLastMoveLatencyFrames(), secondMove.frames) << "the later move, whichever voice";
    EXPECT_GT (secondMove.frames, 0);

    for (int v = 0; v < 2; ++v)
        pool.getVoice (v).stop();
    for (int i = 0; i < 1000 && !(pool.getVoice (0).isIdle() && pool.getVoice (1).isIdle()); ++i)
        std::this_thread::sleep_for (std::chrono::milliseconds (2));
}

TEST (KeyLockCut, ATimeRatioMoveStaysAlignedWithTheSource)
{
    // A synced pad's tempo moves 1.25 -> 0.8: after the fade the voice plays exactly what a fresh
    // renderer started at the source frame the cut corresponds to (cut / 1.25) plays.
    const auto input = busySignal (96000);
    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    voice.start (live, nullptr, 1.0, 1.25);

    const int moveBlock = 120;
    const auto out = playVoice (voice, 40000, 0, atBlock (moveBlock, [&] { voice.setTimeRatio (0.8); }));

    EXPECT_EQ (voice.getUnderruns(), 0);
    const auto cut = voice.getLastCutFrame();
    ASSERT_GE (cut, moveBlock * 128);
    const auto startFrame = (std::int64_t) std::llround ((double) cut / 1.25);
    const auto fresh = renderFrom (input, startFrame, 1.0, 0.8, 8192);
    const auto fade = KeyLockVoice::cutFadeFrames;
    EXPECT_LE (maxDifference (out.data() + cut + fade, fresh.data() + fade, 8192 - fade), 1.0e-6);
    // Within the fade it is a mix of the two, never a step beyond the signal's own.
    EXPECT_LE (maxJump (out.data() + cut - 512, 1024), 2.0 * maxJump (input.data(), 96000));
}

TEST (KeyLockCut, ALoopThatWrapsInsideTheHistoryIsReRenderedFromTheRightFrames)
{
    // A 0.0625 s loop wraps many times inside the frames the cut re-reads and pre-rolls with.
    std::vector<float> loop = busySignal (3000);
    std::vector<float> unrolled (60000);
    for (size_t i = 0; i < unrolled.size(); ++i)
        unrolled[i] = loop[i % loop.size()];

    LoopSource live (loop);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    voice.start (live, nullptr, semitones (3.0));
    const int moveBlock = 100;
    const auto out =
        playVoice (voice, 30000, 0, atBlock (moveBlock, [&] { voice.setPitch (semitones (7.0)); }));

    EXPECT_EQ (voice.getUnderruns(), 0);
    const auto cut = voice.getLastCutFrame();
    ASSERT_GE (cut, moveBlock * 128);
    const auto fresh = renderFrom (unrolled, cut, semitones (7.0), 1.0, 8192);
    const auto fade = KeyLockVoice::cutFadeFrames;
    EXPECT_LE (maxDifference (out.data() + cut + fade, fresh.data() + fade, 8192 - fade), 1.0e-6);
}

TEST (KeyLockCut, ACutNearTheSampleEndEndsWhereTheReRenderEnds)
{
    // The old run had already found the end; the cut's run finds it again, at its own pitch.
    const auto input = busySignal (20000);
    for (const auto st : { 7.0, -3.0 }) // R2 ends a little short below 0 st
    {
        VectorSource live (input);
        KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
        voice.start (live, nullptr, semitones (3.0));
        std::vector<float> l (128), r (128), out;
        for (int b = 0; b < 400; ++b)
        {
            if (b == 145)
                voice.setPitch (semitones (st));
            while (voice.renderAheadChunk())
            {
            }
            const auto real = voice.readFrames (l.data(), r.data(), 128);
            out.insert (out.end(), l.begin(), l.begin() + real);
            if (real < 128)
                break;
        }

        const auto cut = voice.getLastCutFrame();
        ASSERT_GE (cut, 145 * 128);
        const auto fresh = renderFrom (input, cut, semitones (st), 1.0, 8192);
        ASSERT_LT (fresh.size(), 8192u);
        EXPECT_EQ (out.size(), (size_t) cut + fresh.size()) << st;
        const auto fade = KeyLockVoice::cutFadeFrames;
        EXPECT_LE (maxDifference (out.data() + cut + fade, fresh.data() + fade, (int) fresh.size() - fade),
                   1.0e-6);
        EXPECT_EQ (voice.getUnderruns(), 0);
    }
}

TEST (KeyLockCut, MovesCloserThan5MsAreCoalescedAndTheLastOneIsHeard)
{
    const auto input = sine (300.0, rate, 96000);
    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    voice.start (live, nullptr, semitones (3.0));

    // A knob turned fast: a move every block (2.7 ms), ending at +7.
    std::vector<std::int64_t> cuts;
    const int firstMove = 100, lastMove = 110;
    const auto out =
        playVoice (voice, 30000, 0,
                   [&] (int b)
                   {
                       if (b >= firstMove && b <= lastMove)
                           voice.setPitch (semitones (b == lastMove ? 7.0 : 3.0 + 0.4 * (b - firstMove)));
                       const auto cut = voice.getLastCutFrame();
                       if (cut >= 0 && (cuts.empty() || cuts.back() != cut))
                           cuts.push_back (cut);
                   });

    EXPECT_EQ (voice.getUnderruns(), 0);
    ASSERT_GE (cuts.size(), 2u);
    for (size_t i = 1; i < cuts.size(); ++i)
        EXPECT_GE (cuts[i] - cuts[i - 1], KeyLockVoice::minCutSpacing) << "restart " << i;
    const auto heard = lastMove * 128 + (int) (0.020 * rate);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + heard, 960, rate), 300.0 * semitones (7.0), 4.5);
    const auto allowed =
        sineStep (peak (out.data(), 30000), 300.0 * semitones (7.0), rate) * fadeStepAllowance;
    EXPECT_LE (maxJump (out.data() + firstMove * 128 - 2048, 8192), allowed);
}

TEST (KeyLockCut, AStopDuringACutLeavesTheVoiceCleanForItsNextHit)
{
    const auto input = sine (440.0, rate, 96000);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    {
        VectorSource first (input);
        voice.start (first, nullptr, semitones (3.0));
        playVoice (voice, 12800, 0);
        voice.setPitch (semitones (7.0));
        ASSERT_TRUE (voice.renderAheadChunk()); // the cut and its first frames, the fade in them
        ASSERT_GE (voice.getLastCutFrame(), 12800);
        voice.stop();
        std::vector<float> l (128, 1.0f), r (128, 1.0f);
        EXPECT_EQ (voice.readFrames (l.data(), r.data(), 128), 0);
        EXPECT_EQ (peak (l.data(), 128), 0.0) << "silent once stopped";
        voice.renderAheadChunk();
        ASSERT_TRUE (voice.isIdle());
    }

    // The next hit hands over from its prime exactly: nothing of the cut is left behind.
    const auto hit = playPrimedHit (voice, input, semitones (7.0), 48000);
    EXPECT_EQ (voice.getUnderruns(), 0);
    EXPECT_EQ (voice.getLastCutFrame(), -1);
    EXPECT_LE (hit.maxError(), 1.0e-6);
}

TEST (KeyLockCut, AMoveDuringThePrimeNeverPlaysPrimeFramesPastTheCut)
{
    // The worker is ahead, the audio thread still inside the prime's span: after the cut the frames
    // come from the re-render, so the output after the fade is the new pitch, not the prime's.
    const auto input = sine (300.0, rate, 96000);
    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, semitones (3.0), 36000);
    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    voice.start (live, prime.get(), semitones (3.0));
    const int moveBlock = 60;
    const auto out =
        playVoice (voice, 24000, 10, atBlock (moveBlock, [&] { voice.setPitch (semitones (7.0)); }));
    EXPECT_EQ (voice.getUnderruns(), 0);
    const auto heard = moveBlock * 128 + (int) (0.020 * rate);
    EXPECT_LT (heard, prime->getNumFrames());
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + heard, 960, rate), 300.0 * semitones (7.0), 4.5);
    const auto allowed = sineStep (peak (out.data(), 24000), 300.0 * semitones (7.0), rate) * 1.1;
    EXPECT_LE (maxJump (out.data(), 24000), allowed);
}

TEST (KeyLockCut, AWorkerThreadCuttingWhileTheAudioThreadReadsNeverTearsABlock)
{
    // The retraction's reasoning (KeyLockVoice::tryCut) on two real threads: a block read while the
    // worker rewrites its slots would splice two pitches mid-block, a step far beyond a sine's.
    const auto input = sine (300.0, rate, 480000);
    VectorSource live (input);
    KeyLockVoice voice (rate, defaultKeyLockEngine, 4096, 128);
    voice.start (live, nullptr, semitones (3.0));

    std::atomic<bool> done{ false };
    std::thread worker (
        [&]
        {
            while (!done.load())
                if (!voice.renderAheadChunk())
                    std::this_thread::yield();
        });

    const int frames = 240000;
    std::vector<float> out ((size_t) frames), right ((size_t) frames);
    for (int b = 0, at = 0; at < frames; ++b, at += 128)
    {
        if (b % 23 == 0)
            voice.setPitch (semitones ((b / 23) % 2 == 0 ? 7.0 : 3.0));
        while (!voice.isReadyFor (128))
            std::this_thread::yield();
        voice.readFrames (out.data() + at, right.data() + at, 128);
    }
    done.store (true);
    worker.join();

    EXPECT_EQ (voice.getUnderruns(), 0);
    const auto allowed =
        sineStep (peak (out.data(), frames), 300.0 * semitones (7.0), rate) * fadeStepAllowance;
    EXPECT_LE (maxJump (out.data(), frames), allowed);
}

} // namespace paddeck
