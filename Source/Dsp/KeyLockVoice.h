#pragma once

#include "Dsp/KeyLockPrime.h"
#include "Dsp/KeyLockRenderer.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace paddeck
{

/** One keylocked voice: the audio thread reads pitched frames from a lock-free FIFO that a
    KeyLockPool worker keeps filled (renderAhead()), and plays the pad's KeyLockPrime while the
    worker catches up after start(). Output frame 0 is source frame 0: no added latency.

    Audio side: start / setPitch / readFrames / stop / isIdle — wait-free, no allocation.
    Worker side: renderAhead — runs Rubber Band, reads the FrameSource given to start().
    A miss (the worker late, no prime to cover it) plays silence and counts an underrun. */
class KeyLockVoice
{
public:
    KeyLockVoice (double sampleRate, KeyLockEngine engine, int renderAheadFrames); // [message] allocates

    /** True when the worker has let go of the last source: start() may be called, and the
        previous source may be reused or freed. [audio] */
    bool isIdle() const noexcept;

    /** Plays `workerSideSource` from its start, at pitchRatio. The source is read by the worker
        thread from now until isIdle() after stop(); the prime (may be null) must match the pitch
        and engine to be used, and stay alive until stop(). Requires isIdle(). [audio] */
    void start (FrameSource& workerSideSource, const KeyLockPrime* prime, double pitchRatio,
                double timeRatio = 1.0) noexcept;

    /** Takes effect after the frames already rendered ahead (see getRenderAheadFrames()). [audio] */
    void setPitch (double pitchRatio) noexcept;
    /** Rubber Band's time ratio (a synced pad's tempo); likewise after the frames rendered ahead. [audio] */
    void setTimeRatio (double timeRatio) noexcept;

    /** Returns the sample's own frames written; fewer than numFrames = the sample ended. A miss
        is counted as an underrun unless the frames are not heard (countMisses false: a voice
        waiting for this one to catch up before it fades it in). [audio] */
    int readFrames (float* left, float* right, int numFrames, bool countMisses = true) noexcept;

    void stop() noexcept; // [audio] the worker lets go of the source soon after; see isIdle()

    /** Whether start() was given a prime that fits (its first frames are there at once). [audio] */
    bool startedPrimed() const noexcept { return primeFrames > 0; }

    bool isPlaying() const noexcept { return (request.load (std::memory_order_relaxed) & 1) != 0; } // [audio]

    /** The prime this voice may still read, or null: whoever frees primes asks every voice first
        (a prime let go only after a wall-clock delay was read after it was freed when the audio
        thread fell seconds behind: the soak's crash). Set before the audio thread lets go of the
        snapshot it took the prime from, so once no snapshot holds a prime, this is the only
        reference left. [any] */
    const KeyLockPrime* getPrimeInUse() const noexcept { return primeInUse.load (std::memory_order_acquire); }
    std::int64_t getUnderruns() const noexcept { return underruns.load (std::memory_order_relaxed); } // [any]
    int getRenderAheadFrames() const noexcept { return renderAhead; }                                 // [any]

    /** Whether the next numFrames are rendered (or past the sample's end), so reading them cannot
        miss: an offline renderer waits for this instead of pacing itself by the clock. [any] */
    bool isReadyFor (int numFrames) const noexcept;

    /** Renders one chunk if this voice needs it; returns whether it did any work. [worker] */
    bool renderAheadChunk();

private:
    // Requests are (generation << 1) | playing; the worker acknowledges each one it has acted on.
    std::atomic<std::uint64_t> request{ 0 }, acknowledged{ 0 };
    std::atomic<double> pitchRequest{ 1.0 }, timeRatioRequest{ 1.0 };
    std::atomic<std::int64_t> writeCount{ 0 };       // worker-write: output frames in the FIFO so far
    std::atomic<std::int64_t> readCount{ 0 };        // audio-write: output frames consumed or skipped
    std::atomic<std::int64_t> playPosition{ 0 };     // audio-write: next output frame to play
    std::atomic<std::int64_t> endFrame{ INT64_MAX }; // worker-write: output frames the sample has
    std::atomic<std::int64_t> underruns{ 0 };
    std::atomic<const KeyLockPrime*> primeInUse{ nullptr }; // audio-write: `prime`, published

    // written by the audio thread in start(), read by the worker after acquiring `request`
    FrameSource* source = nullptr;
    double startPitch = 1.0, startTimeRatio = 1.0;

    // audio only
    const KeyLockPrime* prime = nullptr; // until its frames are played
    int primeFrames = 0;
    std::int64_t primeEnd = INT64_MAX; // the sample's end when the prime holds all of it
    std::int64_t position = 0;
    std::uint64_t generation = 0;

    // worker only
    KeyLockRenderer renderer;
    std::uint64_t workerRequest = 0;
    std::vector<float> chunkL, chunkR;

    // the FIFO: worker writes [readCount, ...), audio reads
    std::vector<float> fifoL, fifoR;
    int fifoMask = 0;
    const int renderAhead;
    const KeyLockEngine engine;
};

} // namespace paddeck
