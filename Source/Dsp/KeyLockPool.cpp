#include "Dsp/KeyLockPool.h"

#include <algorithm>

#include <juce_audio_basics/juce_audio_basics.h>

#include <chrono>

namespace paddeck
{

KeyLockPool::~KeyLockPool() { release(); }

void KeyLockPool::prepare (const Settings& newSettings)
{
    release();
    settings = newSettings;

    for (int i = 0; i < settings.maxVoices; ++i)
        voices.push_back (std::make_unique<KeyLockVoice> (
            settings.sampleRate, settings.engine, settings.renderAheadFrames, settings.maxBlockFrames));

    const auto cores = (int) std::max (1u, std::thread::hardware_concurrency());
    const auto numWorkers = settings.numWorkers > 0 ? settings.numWorkers : cores;
    quit.store (false);
    for (int w = 0; w < numWorkers; ++w)
        workers.emplace_back ([this, w, numWorkers] { runWorker (w, numWorkers); });
}

void KeyLockPool::release()
{
    quit.store (true);
    for (auto& t : workers)
        t.join();
    workers.clear();
    voices.clear();
}

std::int64_t KeyLockPool::getTotalUnderruns() const noexcept
{
    std::int64_t total = 0;
    for (auto& v : voices)
        total += v->getUnderruns();
    return total;
}

std::int64_t KeyLockPool::getLastMoveLatencyFrames() const noexcept
{
    KeyLockVoice::MoveLatency latest;
    for (auto& v : voices)
    {
        const auto m = v->getLastMoveLatency();
        if (m.serial > latest.serial)
            latest = m;
    }
    return latest.frames;
}

void KeyLockPool::runWorker (int workerIndex, int numWorkers)
{
    juce::ScopedNoDenormals noDenormals;

    while (!quit.load (std::memory_order_relaxed))
    {
        bool worked = false, anyPlaying = false;
        for (auto i = (size_t) workerIndex; i < voices.size(); i += (size_t) numWorkers)
        {
            worked = voices[i]->renderAheadChunk() || worked;
            anyPlaying = anyPlaying || voices[i]->isPlaying();
        }

        // Idle workers nap longer: a new voice plays its prime (0.75 s) while the worker wakes up.
        if (!worked)
            std::this_thread::sleep_for (std::chrono::milliseconds (anyPlaying ? 1 : 5));
    }
}

bool KeyLockPool::isPrimeInUse (const KeyLockPrime* prime) const noexcept
{
    for (auto& v : voices)
        if (v->getPrimeInUse() == prime)
            return true;
    return false;
}

void KeyLockPool::retire (std::shared_ptr<const KeyLockPrime> prime)
{
    if (prime != nullptr)
        retiredPrimes.push_back (std::move (prime));
}

void KeyLockPool::freeRetiredPrimes()
{
    // Held only here, no snapshot can start a voice from it any more; a voice started earlier
    // says so through its prime in use until it has played the prime's frames.
    retiredPrimes.erase (std::remove_if (retiredPrimes.begin(), retiredPrimes.end(),
                                         [this] (const auto& prime)
                                         { return prime.use_count() == 1 && !isPrimeInUse (prime.get()); }),
                         retiredPrimes.end());
}

} // namespace paddeck
