#pragma once

#include "Dsp/KeyLockPool.h"
#include "Dsp/KeyLockPrime.h"
#include "Dsp/KeyLockRenderer.h"
#include "Dsp/KeyLockVoice.h"
#include "DspTestSupport.h"

#include <functional>

namespace paddeck::test
{

inline constexpr double rate = 48000.0;

inline double semitones (double st) { return std::pow (2.0, st / 12.0); }

/** Renders a whole source through one renderer in 128-frame blocks; returns the real frames. */
inline std::vector<float> renderAll (const std::vector<float>& input, double pitch,
                                     KeyLockEngine engine = defaultKeyLockEngine, int block = 128)
{
    VectorSource src (input);
    KeyLockRenderer renderer (rate, engine);
    renderer.start (pitch);
    std::vector<float> out (input.size() + 4096), right (out.size());
    size_t done = 0;
    while (done < out.size())
    {
        const auto n = (int) std::min<size_t> ((size_t) block, out.size() - done);
        const auto real = renderer.render (src, out.data() + done, right.data() + done, n);
        done += (size_t) real;
        if (real < n)
            break;
    }
    out.resize (done);
    return out;
}

/** Plays a voice block by block, running the worker side on this thread when told to. */
inline std::vector<float> playVoice (KeyLockVoice& voice, int frames, int workerStartsAtBlock,
                                     const std::function<void (int)>& beforeBlock = {})
{
    std::vector<float> out ((size_t) frames), right ((size_t) frames);
    for (int b = 0, done = 0; done < frames; ++b, done += 128)
    {
        if (beforeBlock)
            beforeBlock (b);
        if (b >= workerStartsAtBlock)
            while (voice.renderAheadChunk())
            {
            }
        voice.readFrames (out.data() + done, right.data() + done, std::min (128, frames - done));
    }
    return out;
}

/** For playVoice: does `action` before block `block`, once. */
inline std::function<void (int)> atBlock (int block, std::function<void()> action)
{
    return [block, action = std::move (action)] (int b)
    {
        if (b == block)
            action();
    };
}

/** A pool of `voices` KeyLock voices with its workers running, otherwise as the engine makes it. */
inline void preparePool (KeyLockPool& pool, int voices)
{
    KeyLockPool::Settings settings;
    settings.maxVoices = voices;
    pool.prepare (settings);
}

/** What a voice played from a hit with a prime (made by a fresh renderer, the worker 100 blocks
    late), beside what a fresh renderer makes of the same input. */
struct PrimedHit
{
    std::vector<float> played, reference;

    double maxError() const
    {
        double m = 0.0;
        for (size_t i = 0; i < played.size() && i < reference.size(); ++i)
            m = std::max (m, (double) std::abs (played[i] - reference[i]));
        return m;
    }
};

inline PrimedHit playPrimedHit (KeyLockVoice& voice, const std::vector<float>& input, double pitch,
                                int frames)
{
    PrimedHit hit;
    hit.reference = renderAll (input, pitch);
    VectorSource primeSource (input);
    const auto prime = KeyLockPrime::make (primeSource, rate, defaultKeyLockEngine, pitch, 24000);
    VectorSource live (input);
    voice.start (live, prime.get(), pitch);
    hit.played = playVoice (voice, frames, 100);
    return hit;
}

} // namespace paddeck::test
