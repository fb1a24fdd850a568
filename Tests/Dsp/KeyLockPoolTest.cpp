#include "KeyLockTestSupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace paddeck
{

using namespace test;

namespace
{
/** `numVoices` voices of one pool with `numWorkers` workers, each playing the same tone at its
    own pitch with no prime, read block by block as soon as the workers have the block ready (paced
    by them, not by the clock); returns each voice's left channel. */
std::vector<std::vector<float>> playPool (int numWorkers, int numVoices, int frames,
                                          KeyLockPool* poolOut = nullptr)
{
    KeyLockPool localPool;
    auto& pool = poolOut != nullptr ? *poolOut : localPool;
    KeyLockPool::Settings settings;
    settings.maxVoices = numVoices;
    settings.numWorkers = numWorkers;
    pool.prepare (settings);

    const auto input = sine (330.0, rate, frames + 48000);
    std::vector<std::unique_ptr<VectorSource>> sources;
    for (int v = 0; v < numVoices; ++v)
    {
        sources.push_back (std::make_unique<VectorSource> (input));
        pool.getVoice (v).start (*sources.back(), nullptr, semitones (v % 2 == 0 ? 5.0 : -4.0));
    }

    std::vector<std::vector<float>> out ((size_t) numVoices, std::vector<float> ((size_t) frames));
    std::vector<float> right (128);
    for (int done = 0; done < frames; done += 128)
        for (int v = 0; v < numVoices; ++v)
        {
            auto& voice = pool.getVoice (v);
            for (int tries = 0; tries < 10000 && !voice.isReadyFor (128); ++tries)
                std::this_thread::sleep_for (std::chrono::microseconds (200));
            voice.readFrames (out[(size_t) v].data() + done, right.data(), std::min (128, frames - done));
        }

    EXPECT_EQ (pool.getTotalUnderruns(), 0);
    for (int v = 0; v < numVoices; ++v)
        pool.getVoice (v).stop();
    for (int i = 0; i < 1000 && !pool.getVoice (0).isIdle(); ++i)
        std::this_thread::sleep_for (std::chrono::milliseconds (1));
    return out;
}
} // namespace

TEST (KeyLockPool, EveryVoicePlaysTheSameFramesWhicheverWorkersRenderedThem)
{
    // One worker renders every chunk of every voice; four workers on three voices take them from
    // each other all the time. Rubber Band is deterministic, so stealing must not change a frame.
    const int frames = 96000;
    const auto single = playPool (1, 3, frames);
    const auto shared = playPool (4, 3, frames);

    for (size_t v = 0; v < single.size(); ++v)
    {
        EXPECT_GT (rms (single[v].data(), frames), 0.1) << "voice " << v << " plays";
        EXPECT_EQ (single[v], shared[v]) << "voice " << v;
    }
}

TEST (KeyLockPool, NoTwoWorkersEverRunOneVoiceAtOnce)
{
    KeyLockPool pool;
    playPool (4, 2, 96000, &pool);
    EXPECT_EQ (pool.getMostWorkersOnOneVoice(), 1);
}

TEST (KeyLockPool, AVoiceThatFellBehindIsHeardAgainAtThePlayheadsSourcePositionWithoutRenderingWhatItSkipped)
{
    // The source is a 300 Hz tone for its first second and a 600 Hz tone after it. The worker
    // stops for 1.5 s, well past the (absent) prime: when it comes back, the voice must play the
    // 600 Hz the playhead has reached, after a handful of chunks, not after rendering 1.5 s.
    auto input = sine (300.0, rate, 48000);
    const auto later = sine (600.0, rate, 4 * 48000);
    input.insert (input.end(), later.begin(), later.end());
    VectorSource source (input);

    KeyLockVoice voice (rate, KeyLockEngine::faster, 4096, 128);
    voice.start (source, nullptr, 1.0);
    voice.renderAheadChunk(); // acknowledges the start, renders the first chunk
    std::vector<float> l (128), r (128);
    const int behindBlocks = 72000 / 128;
    for (int b = 0; b < behindBlocks; ++b)
        voice.readFrames (l.data(), r.data(), 128);
    const auto missedWhileBehind = voice.getUnderruns();
    EXPECT_GT (missedWhileBehind, 0);

    int chunks = 0;
    while (chunks < 1000 && voice.renderAheadChunk())
        ++chunks;
    EXPECT_LE (chunks, 4096 / 512 + 4) << "it restarted at the playhead: the render-ahead and little else";
    EXPECT_GT (voice.getUnderruns(), missedWhileBehind) << "the silent frames before the restart count";

    std::vector<float> heard (48000);
    std::vector<float> right (48000);
    for (int done = 0; done < (int) heard.size(); done += 128)
    {
        while (voice.renderAheadChunk())
        {
        }
        voice.readFrames (heard.data() + done, right.data() + done, 128);
    }

    const auto start = (int) (voice.getCutMarginFrames() + KeyLockVoice::cutFadeFrames + 2048);
    const auto n = (int) heard.size() - start;
    EXPECT_NEAR (zeroCrossingFrequency (heard.data() + start, n, rate), 600.0, 6.0);
    EXPECT_GT (rms (heard.data() + start, n), 0.25);
    EXPECT_LT (maxJump (heard.data(), (int) heard.size()), sineStep (0.5, 600.0, rate) * 1.5)
        << "it fades in from the silence";
}

TEST (KeyLockPool, AVoiceThatFellBehindPastTheSamplesEndEnds)
{
    const auto input = sine (440.0, rate, 48000);
    VectorSource source (input);
    KeyLockVoice voice (rate, KeyLockEngine::faster, 4096, 128);
    voice.start (source, nullptr, semitones (3.0));
    voice.renderAheadChunk();
    std::vector<float> l (128), r (128);
    for (int b = 0; b < 72000 / 128; ++b)
        voice.readFrames (l.data(), r.data(), 128);

    // It restarts at the sample's end, a cut's margin ahead, and ends there: silent until then.
    int blocksToEnd = 0;
    for (; blocksToEnd < 100; ++blocksToEnd)
    {
        while (voice.renderAheadChunk())
        {
        }
        const auto real = voice.readFrames (l.data(), r.data(), 128);
        EXPECT_LT (peak (l.data(), 128), 1.0e-6);
        if (real < 128)
            break;
    }
    EXPECT_LE (blocksToEnd * 128, voice.getCutMarginFrames());

    voice.stop();
    voice.renderAheadChunk();
    EXPECT_TRUE (voice.isIdle());
}

} // namespace paddeck
