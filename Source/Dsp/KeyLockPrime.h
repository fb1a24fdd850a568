#pragma once

#include "Dsp/KeyLockRenderer.h"

#include <memory>
#include <vector>

namespace paddeck
{

/** The first frames of a pad, already pitched by KeyLock, so a keylocked pad sounds at once:
    the voice plays the prime while its render-ahead worker, running a fresh renderer from the
    start with identical input and settings, catches up; both produce identical frames, so the
    voice switches over seamlessly.

    Made off the audio thread (loader or message thread) whenever a pad's sample, pitch or KeyLock
    engine changes; immutable afterwards, readable from any thread. The owner keeps it alive while
    any voice started with it plays. */
class KeyLockPrime
{
public:
    static constexpr double defaultSeconds = 0.75;

    /** Renders the first `numFrames` output frames of `source` (read from its start). [not audio] */
    static std::unique_ptr<KeyLockPrime> make (FrameSource& source, double sampleRate, KeyLockEngine engine,
                                               double pitchRatio, int numFrames, double timeRatio = 1.0);

    double getPitch() const noexcept { return pitch; }
    double getTimeRatio() const noexcept { return timeRatio; }
    KeyLockEngine getEngine() const noexcept { return engine; }
    int getNumFrames() const noexcept { return (int) left.size(); } // the sample's own frames in it
    bool holdsWholeSample() const noexcept { return wholeSample; }  // the sample ended inside the prime
    const float* getLeft() const noexcept { return left.data(); }
    const float* getRight() const noexcept { return right.data(); }

private:
    KeyLockPrime() = default;

    std::vector<float> left, right;
    double pitch = 1.0, timeRatio = 1.0;
    KeyLockEngine engine = defaultKeyLockEngine;
    bool wholeSample = false;
};

} // namespace paddeck
