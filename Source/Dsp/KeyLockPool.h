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

    Voice i is served by worker i % numWorkers; the engine should hand out low indices first.
    Workers poll their voices and sleep 1 ms when none needs frames: the audio thread never
    signals them. */
class KeyLockPool
{
public:
    struct Settings
    {
        double sampleRate = 48000.0;
        int maxVoices = 16; // Rubber Band holds 1–3 MB a voice, and two cores run about that many
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
    const Settings& getSettings() const noexcept { return settings; } // [message]

private:
    void runWorker (int workerIndex, int numWorkers);

    Settings settings;
    std::vector<std::unique_ptr<KeyLockVoice>> voices;
    std::vector<std::thread> workers;
    std::vector<std::shared_ptr<const KeyLockPrime>> retiredPrimes;
    std::atomic<bool> quit{ false };
};

} // namespace paddeck
