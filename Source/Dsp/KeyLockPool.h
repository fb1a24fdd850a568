#pragma once

#include "Dsp/KeyLockVoice.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace paddeck
{

/** The KeyLock voices and the render-ahead workers that run Rubber Band for them, so its bursty
    cost never lands in the audio callback and KeyLock capacity scales with cores.

    Any worker serves any voice: it takes the one that will run dry first (KeyLockVoice::
    getWorkerSlack()) among those no other worker holds, renders up to maxChunksPerClaim chunks
    for it, and lets go of it. A voice is held through an atomic claim, so its renderer only ever
    runs on one thread at a time, and it plays the same frames whichever worker rendered them.
    Workers poll and sleep 1 ms when no voice needs frames: the audio thread never signals them.

    Workers ask for SCHED_FIFO 1 (the streaming thread's priority: below the audio thread and the
    voice workers, above every normal thread, so a busy machine's builds cannot starve them) and
    fall back to normal priority with a log line. Why this cannot freeze the machine: a worker only
    works while a voice's FIFO is below its render-ahead, yields to the streaming thread after
    every claim that did work, and when it has found work in every pass for overloadStepDownAfterMs
    (an overloaded pool) it runs at normal priority for overloadStepDownMs, which gives the message
    thread and the builds their turn before Linux's real-time throttling (5 % of each second) has
    to. It used to sleep instead, which left the CPU idle when nothing else wanted it: 6–7 % of
    the workers' time at 40 voices. */
class KeyLockPool
{
public:
    struct Settings
    {
        double sampleRate = 48000.0;
        int maxVoices = 16; // Rubber Band holds 2.5–3 MB a voice (R3, short window), with its history
        int numWorkers = 0; // 0 = one per core
        KeyLockEngine engine = defaultKeyLockEngine;
        int renderAheadFrames = 4096; // FIFO fill target (a pitch move cuts into it: see KeyLockVoice)
        int maxBlockFrames = 512;     // the engine's largest block: sets how far ahead a pitch move lands
    };

    KeyLockPool() = default;
    ~KeyLockPool();

    /** Stops the workers, builds the voices, starts the workers. No voice may be playing. [message] */
    void prepare (const Settings& settings);
    void release(); // [message] stops the workers and frees the voices

    int getNumVoices() const noexcept { return (int) voices.size(); }               // [any]
    KeyLockVoice& getVoice (int index) noexcept { return *voices[(size_t) index]; } // [any]
    /** Whether a voice may still read this prime (see KeyLockVoice::getPrimeInUse()). [message] */
    bool isPrimeInUse (const KeyLockPrime* prime) const noexcept;

    /** Where a prime goes when its pad lets go of it (replaced or emptied): a voice started from it
        reads it until its frames are played, after the snapshot that held it is gone. It is freed
        by freeRetiredPrimes() once no snapshot holds it and no voice reads it. [message] */
    void retire (std::shared_ptr<const KeyLockPrime> prime);
    /** Frees the retired primes nothing uses any more; the engine calls it with its garbage. [message] */
    void freeRetiredPrimes();
    int getNumRetiredPrimes() const noexcept { return (int) retiredPrimes.size(); } // [message]
    std::int64_t getTotalUnderruns() const noexcept;                                // [any]
    /** The latest pitch or tempo move any voice made heard, in output frames (-1: none yet). [any] */
    std::int64_t getLastMoveLatencyFrames() const noexcept;
    /** The most workers ever seen inside one voice's renderAheadChunk() at once (a test hook:
        the claim makes this 1). [any] */
    int getMostWorkersOnOneVoice() const noexcept { return mostWorkersOnOneVoice.load(); }
    const Settings& getSettings() const noexcept { return settings; } // [message]

    static constexpr int maxChunksPerClaim = 4;         // frames for a low voice in one go, then look again
    static constexpr int overloadStepDownAfterMs = 100; // see the class comment
    // 9 % of each 110 ms at normal priority, below RT throttling
    static constexpr int overloadStepDownMs = 10;

    /** How often a worker stepped down to normal priority, overloaded (a bench figure). [any] */
    std::int64_t getOverloadStepDowns() const noexcept { return stepDowns.load (std::memory_order_relaxed); }

private:
    void runWorker(); // [worker]
    /** Renders for the voice if no other worker holds it; returns whether it did any work, and
        whether the voice still wants frames at once. [worker] */
    bool serve (KeyLockVoice& voice, int index, bool& wantsMore);
    /** The unvisited, unclaimed voice with the least slack, or -1; notes whether any plays. [worker] */
    int pickVoice (const std::vector<char>& visited, bool& anyPlaying) const noexcept;
    void askForRealtimePriority(); // [worker] logs once when refused

    Settings settings;
    std::vector<std::unique_ptr<KeyLockVoice>> voices;
    // Per voice: whether a worker holds it, and how many workers are inside its renderAheadChunk().
    std::unique_ptr<std::atomic<bool>[]> claims;
    std::unique_ptr<std::atomic<int>[]> workersOnVoice;
    std::atomic<int> mostWorkersOnOneVoice{ 0 }, priorityRefusals{ 0 };
    std::atomic<std::int64_t> stepDowns{ 0 };
    std::vector<std::thread> workers;
    std::vector<std::shared_ptr<const KeyLockPrime>> retiredPrimes;
    std::atomic<bool> quit{ false };
};

} // namespace paddeck
