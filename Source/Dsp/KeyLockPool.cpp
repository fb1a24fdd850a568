#include "Dsp/KeyLockPool.h"

#include <algorithm>

#include <juce_audio_basics/juce_audio_basics.h>

#include <chrono>
#include <cstring>
#include <pthread.h>
#include <sched.h>

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
    claims = std::make_unique<std::atomic<bool>[]> (voices.size());
    workersOnVoice = std::make_unique<std::atomic<int>[]> (voices.size());
    for (size_t i = 0; i < voices.size(); ++i)
    {
        claims[i].store (false);
        workersOnVoice[i].store (0);
    }
    mostWorkersOnOneVoice.store (0);
    priorityRefusals.store (0);

    const auto cores = (int) std::max (1u, std::thread::hardware_concurrency());
    const auto numWorkers = settings.numWorkers > 0 ? settings.numWorkers : cores;
    quit.store (false);
    for (int w = 0; w < numWorkers; ++w)
        workers.emplace_back ([this] { runWorker(); });
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

void KeyLockPool::askForRealtimePriority()
{
    sched_param param{};
    param.sched_priority = 1;
    const auto error = pthread_setschedparam (pthread_self(), SCHED_FIFO, &param);
    if (error != 0 && priorityRefusals.fetch_add (1) == 0)
        juce::Logger::writeToLog ("KeyLock workers run at normal priority: SCHED_FIFO 1 was refused ("
                                  + juce::String (std::strerror (error)) + ")");
}

int KeyLockPool::pickVoice (const std::vector<char>& visited, bool& anyPlaying) const noexcept
{
    int best = -1;
    auto bestSlack = KeyLockVoice::noWorkerNeeded;
    for (size_t i = 0; i < voices.size(); ++i)
    {
        const auto slack = voices[i]->getWorkerSlack();
        if (slack == KeyLockVoice::noWorkerNeeded)
            continue;
        anyPlaying = true;
        if (visited[i] == 0 && !claims[i].load (std::memory_order_relaxed) && (best < 0 || slack < bestSlack))
        {
            best = (int) i;
            bestSlack = slack;
        }
    }
    return best;
}

bool KeyLockPool::serve (KeyLockVoice& voice, int index, bool& wantsMore)
{
    wantsMore = false;
    // The claim's acquire and release hand the voice's worker-side state from one worker to the next.
    auto& claim = claims[(size_t) index];
    if (claim.exchange (true, std::memory_order_acquire))
        return false;

    auto& inside = workersOnVoice[(size_t) index];
    const auto together = inside.fetch_add (1) + 1;
    for (auto most = mostWorkersOnOneVoice.load(); together > most;)
        if (mostWorkersOnOneVoice.compare_exchange_weak (most, together))
            break;

    auto worked = false;
    wantsMore = true;
    for (int chunk = 0; chunk < maxChunksPerClaim && wantsMore; ++chunk)
    {
        wantsMore = voice.renderAheadChunk();
        worked = worked || wantsMore;
    }

    inside.fetch_sub (1);
    claim.store (false, std::memory_order_release);
    return worked;
}

void KeyLockPool::runWorker()
{
    juce::ScopedNoDenormals noDenormals;
    askForRealtimePriority();
    // Only a real-time worker can starve normal threads; one at normal priority shares fairly.
    const auto realtime = priorityRefusals.load() == 0;

    std::vector<char> visited (voices.size(), 0);
    auto lastIdle = std::chrono::steady_clock::now();
    auto stepUpAt = lastIdle;
    auto steppedDown = false;
    auto stepUpWhenDue = [&] (bool now)
    {
        if (steppedDown && (now || std::chrono::steady_clock::now() >= stepUpAt))
        {
            askForRealtimePriority();
            steppedDown = false;
            lastIdle = std::chrono::steady_clock::now();
        }
    };

    while (!quit.load (std::memory_order_relaxed))
    {
        // One pass: the voice nearest to running dry first, again while it still wants frames,
        // until every playing voice has been seen with nothing to do (or held by another worker).
        std::fill (visited.begin(), visited.end(), 0);
        bool worked = false, anyPlaying = false;
        for (int index;
             !quit.load (std::memory_order_relaxed) && (index = pickVoice (visited, anyPlaying)) >= 0;)
        {
            auto wantsMore = false;
            if (serve (*voices[(size_t) index], index, wantsMore))
            {
                worked = true;
                // A worker at SCHED_FIFO 1 shares that priority with the streaming thread: let it in.
                sched_yield();
            }
            if (!wantsMore)
                visited[(size_t) index] = 1;
            stepUpWhenDue (false); // an overloaded pass can be long
        }

        stepUpWhenDue (!worked);
        const auto now = std::chrono::steady_clock::now();
        if (!worked)
        {
            lastIdle = now;
            // Idle workers nap longer: a new voice plays its prime (0.75 s) while the worker wakes up.
            std::this_thread::sleep_for (std::chrono::milliseconds (anyPlaying ? 1 : 5));
        }
        else if (realtime && !steppedDown
                 && now - lastIdle > std::chrono::milliseconds (overloadStepDownAfterMs))
        {
            // Overloaded: for overloadStepDownMs the worker runs at normal priority. The message
            // thread and the rest get their turn (and Linux never has to throttle the audio thread
            // with it), but whatever CPU they leave is still rendered on; a nap left it idle.
            sched_param param{};
            pthread_setschedparam (pthread_self(), SCHED_OTHER, &param);
            steppedDown = true;
            stepUpAt = now + std::chrono::milliseconds (overloadStepDownMs);
            stepDowns.fetch_add (1, std::memory_order_relaxed);
        }
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
