#include "Dsp/KeyLockPool.h"

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
        voices.push_back (std::make_unique<KeyLockVoice> (settings.sampleRate, settings.engine,
                                                          settings.renderAheadFrames));

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

void KeyLockPool::runWorker()
{
    juce::ScopedNoDenormals noDenormals;

    while (!quit.load (std::memory_order_relaxed))
    {
        // The neediest voice next (fewest frames ready past its playhead), whichever worker is
        // free: no voice waits on a busy worker while another idles, and a voice close to a miss
        // gets chunk after chunk while the comfortable ones wait.
        KeyLockVoice* neediest = nullptr;
        auto least = std::numeric_limits<std::int64_t>::max();
        bool anyPlaying = false;
        for (auto& v : voices)
        {
            anyPlaying = anyPlaying || v->isPlaying();
            if (const auto need = v->getNeed(); need.has_value() && *need < least && v->tryClaim())
            {
                if (neediest != nullptr)
                    neediest->unclaim();
                neediest = v.get();
                least = *need;
            }
        }

        if (neediest != nullptr)
        {
            neediest->renderAheadChunk();
            neediest->unclaim();
            continue;
        }

        // Idle workers nap longer: a new voice plays its prime (0.75 s) while the worker wakes up.
        std::this_thread::sleep_for (std::chrono::milliseconds (anyPlaying ? 1 : 5));
    }
}

} // namespace paddeck
