#pragma once

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
                                     KeyLockEngine engine = KeyLockEngine::faster, int block = 128)
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

} // namespace paddeck::test
