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
        KeyLockEngine engine = KeyLockEngine::faster;
        int renderAheadFrames = 4096; // FIFO fill target; also the delay before a pitch change is heard
    };

    KeyLockPool() = default;
    ~KeyLockPool();

    /** Stops the workers, builds the voices, starts the workers. No voice may be playing. [message] */
    void prepare (const Settings& settings);
    void release(); // [message] stops the workers and frees the voices

    int getNumVoices() const noexcept { return (int) voices.size(); }               // [any]
    KeyLockVoice& getVoice (int index) noexcept { return *voices[(size_t) index]; } // [any]
    std::int64_t getTotalUnderruns() const noexcept;                                // [any]
    const Settings& getSettings() const noexcept { return settings; }               // [message]

private:
    void runWorker (int workerIndex, int numWorkers);

    Settings settings;
    std::vector<std::unique_ptr<KeyLockVoice>> voices;
    std::vector<std::thread> workers;
    std::atomic<bool> quit{ false };
};

} // namespace paddeck
