#include "Dsp/KeyLockPrime.h"

namespace paddeck
{

std::unique_ptr<KeyLockPrime> KeyLockPrime::make (FrameSource& source, double sampleRate,
                                                  KeyLockEngine engine, double pitchRatio, int numFrames,
                                                  double timeRatio)
{
    std::unique_ptr<KeyLockPrime> prime (new KeyLockPrime());
    prime->pitch = pitchRatio;
    prime->timeRatio = timeRatio;
    prime->engine = engine;
    prime->left.resize ((size_t) numFrames);
    prime->right.resize ((size_t) numFrames);

    KeyLockRenderer renderer (sampleRate, engine);
    renderer.start (pitchRatio, timeRatio);
    const auto real = renderer.render (source, prime->left.data(), prime->right.data(), numFrames);

    prime->wholeSample = real < numFrames;
    prime->left.resize ((size_t) real);
    prime->right.resize ((size_t) real);
    return prime;
}

} // namespace paddeck
