#pragma once

#include "Dsp/KeyLockHistory.h"
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
    /** maxBlockFrames: the most frames the audio thread reads at once (the engine's block); a cut
        (see setPitch) lands at least two of them ahead of the playhead. [message] allocates */
    KeyLockVoice (double sampleRate, KeyLockEngine engine, int renderAheadFrames, int maxBlockFrames = 512);

    /** True when the worker has let go of the last source: start() may be called, and the
        previous source may be reused or freed. [audio] */
    bool isIdle() const noexcept;

    /** Plays `workerSideSource` from its start, at pitchRatio. The source is read by the worker
        thread from now until isIdle() after stop(); the prime (may be null) must match the pitch
        and engine to be used, and stay alive until stop(). Requires isIdle(). [audio] */
    void start (FrameSource& workerSideSource, const KeyLockPrime* prime, double pitchRatio,
                double timeRatio = 1.0) noexcept;

    /** Heard within getCutMarginFrames() + a 3 ms crossfade when the worker keeps up: the worker
        cuts the frames it rendered ahead at that margin past the playhead and re-renders from there
        at the new pitch (see renderAheadChunk). Moves closer together than ~5 ms are coalesced.
        When the FIFO is too short for a cut, it applies after the frames rendered ahead. [audio] */
    void setPitch (double pitchRatio) noexcept;
    /** Rubber Band's time ratio (a synced pad's tempo); applied like setPitch(). [audio] */
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
    /** How far past the playhead a cut lands: two blocks the audio thread may be reading with a
        stale write count, plus time for the worker to render the cut's first frames. [any] */
    int getCutMarginFrames() const noexcept { return cutMargin; }
    static constexpr int cutFadeFrames = 144; // the crossfade from the old frames, 3 ms at 48 kHz
    static constexpr int minCutSpacing = 240; // ~5 ms of audio between two restarts at least
    /** The output frame where the last cut started its crossfade (-1 before any): tests and meters. [any] */
    std::int64_t getLastCutFrame() const noexcept { return lastCut.load (std::memory_order_relaxed); }

    /** The last pitch or tempo move this voice made heard: output frames from the playhead when it
        was asked for to where the new pitch sounds in full (the end of the cut's crossfade, or
        where a move that could not cut glides in behind the render-ahead). `serial` orders moves
        across every voice, so a meter can show the latest one. */
    struct MoveLatency
    {
        std::int64_t frames = -1; // -1: none yet
        std::uint64_t serial = 0;
    };
    MoveLatency getLastMoveLatency() const noexcept; // [any]

    /** Whether the next numFrames are rendered (or past the sample's end), so reading them cannot
        miss: an offline renderer waits for this instead of pacing itself by the clock. [any] */
    bool isReadyFor (int numFrames) const noexcept;

    /** Renders one chunk if this voice needs it; returns whether it did any work. One thread at a
        time (a KeyLockPool worker that holds the voice). [worker] */
    bool renderAheadChunk();

    /** How soon this voice needs a worker, for the pool to serve the most urgent first: the output
        frames it can still play from its FIFO or its prime, or lowest() when a start, stop or move
        waits for the worker; noWorkerNeeded when it is not playing. [any] */
    std::int64_t getWorkerSlack() const noexcept;
    static constexpr std::int64_t noWorkerNeeded = INT64_MAX;

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
    // worker-write: the prime is the FIFO's frames only below this (a cut re-rendered what follows)
    std::atomic<std::int64_t> primeLimit{ INT64_MAX };
    std::atomic<std::int64_t> lastCut{ -1 };   // worker-write
    std::atomic<std::int64_t> primeCover{ 0 }; // audio-write: the frames the prime plays
    // worker-write: the pitch and time ratio the renderer runs at, to see a move still to make
    std::atomic<double> renderedPitch{ 1.0 }, renderedTimeRatio{ 1.0 };
    // audio-write: the playhead when the pitch or tempo last moved
    std::atomic<std::int64_t> moveAskedAt{ 0 };
    std::atomic<std::int64_t> moveLatency{ -1 }; // worker-write, then moveSerial
    std::atomic<std::uint64_t> moveSerial{ 0 };

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
    enum class Cut
    {
        made,
        later, // the FIFO is not far enough ahead yet, or the last cut is too recent
        never  // the FIFO is too short or the history lost the frames: the change glides in instead
    };
    Cut tryCut (double wantedPitch, double wantedTimeRatio);
    void writeChunk (std::int64_t at, int numFrames);
    /** Starts the renderer over at inputFrame, heard from outputFrame, fading in over the frames
        the FIFO holds there (a cut's, or a skip's). */
    void restartAt (std::int64_t outputFrame, std::int64_t inputFrame, std::int64_t preRoll,
                    double pitchRatio, double timeRatio);
    /** A voice past its prime that fell behind: restart just ahead of the playhead (at the
        sample's end when that comes first). False when the history cannot give the pre-roll. */
    bool skipToPlayhead (std::int64_t written, std::int64_t consumed, double wantedPitch,
                         double wantedTimeRatio);
    void noteMoveHeardAt (std::int64_t outputFrame) noexcept;

    KeyLockRenderer renderer;
    const KeyLockRenderer::Extents extents;
    KeyLockHistory history;
    std::uint64_t workerRequest = 0;
    std::vector<float> chunkL, chunkR;
    std::int64_t runStart = 0;    // the FIFO frame the renderer's current run started at
    std::int64_t fadeEnd = 0;     // the cut's crossfade covers [runStart, fadeEnd)
    double fadeCorrelation = 0.0; // of the old and new frames over the fade, once measured
    bool fadeMeasured = true;

    // the FIFO: worker writes [readCount, ...), audio reads
    std::vector<float> fifoL, fifoR;
    int fifoMask = 0;
    const int renderAhead;
    const KeyLockEngine engine;
    const int maxBlock, cutMargin;
};

} // namespace paddeck
