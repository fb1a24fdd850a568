#pragma once

#include <juce_core/juce_core.h>

#include <array>
#include <atomic>

namespace paddeck
{

/** What the audio thread tells the UI: written with relaxed atomics by the audio thread, read by
    the UI's 30 Hz timer. [audio-write, any-read] */
struct EngineMeters
{
    static constexpr int maxPads = 8 * 64; // 8 banks of up to 8×8

    std::array<std::atomic<float>, maxPads> padPeak{};     // since the UI last took it
    std::array<std::atomic<float>, maxPads> padPlayhead{}; // 0…1 of the newest voice; < 0 when silent
    std::array<std::atomic<int>, maxPads> padVoices{};
    std::array<std::atomic<int>, maxPads> padQueued{}; // a hit (1) or a stop (2) waits for its beat

    // The beat clock, as of the start of the last block: the UI's tempo display and beat lights.
    std::atomic<double> beat{ 0.0 };
    std::atomic<double> bpm{ 120.0 }; // the clock's tempo, nudges included
    std::atomic<int> beatsPerBar{ 4 };
    std::atomic<juce::int64> blockStartSample{ 0 };
    std::atomic<int> launchesDropped{ 0 }; // quantized hits beyond the launch queue's capacity

    std::atomic<float> masterPeakLeft{ 0.0f }, masterPeakRight{ 0.0f }; // since the UI last took it
    std::atomic<float> masterRmsLeft{ 0.0f }, masterRmsRight{ 0.0f };   // of the last block
    std::atomic<int> masterClips{ 0 };                                  // blocks the clip guard acted in
    std::atomic<float> cuePeakLeft{ 0.0f }, cuePeakRight{ 0.0f };       // the cue output, likewise
    std::atomic<float> cueRmsLeft{ 0.0f }, cueRmsRight{ 0.0f };
    std::atomic<bool> cueLive{ false }; // the last block had a cue bus (a device with outputs 3/4)
    std::atomic<int> activeVoices{ 0 };
    std::atomic<int> voicesStolen{ 0 };
    std::atomic<int> hitsDropped{ 0 };      // no voice free even in the reserve
    std::atomic<int> keyLockFallbacks{ 0 }; // keylocked hits played varispeed: every KeyLock voice busy
    std::atomic<juce::int64> commandsDropped{ 0 };

    // Voices on both cores (VoiceMixer)
    std::atomic<int> voiceThreads{ 1 }; // threads rendering voices: the audio thread + workers
    std::atomic<juce::int64> voiceWorkerStalls{
        0
    }; // banks a worker had not finished by the deadline: dropped from that block
    std::atomic<juce::int64> voiceBanksOnWorkers{
        0
    }; // banks of 8 voices the workers rendered (where the work went)
    std::atomic<juce::int64> controlEventsDropped{ 0 }; // MIDI for the message thread beyond its FIFO

    EngineMeters()
    {
        for (auto& p : padPlayhead)
            p.store (-1.0f);
    }

    /** [audio] Raises a held peak (single writer; the UI resets it with takePeak). */
    static void raisePeak (std::atomic<float>& held, float value) noexcept
    {
        if (value > held.load (std::memory_order_relaxed))
            held.store (value, std::memory_order_relaxed);
    }

    /** [message] Reads a held peak and clears it. */
    static float takePeak (std::atomic<float>& held) noexcept { return held.exchange (0.0f); }
};

} // namespace paddeck
