#pragma once

#include "Control/Session.h"
#include "Streaming/SampleLoader.h"
#include "Sync/HostClock.h"
#include "Sync/SyncController.h"

#include <gtest/gtest.h>

namespace paddeck::test
{

/** A session whose engine the test renders block by block, with sync on it: the test plays the
    audio thread and says when each block's callback happens (host time), so where the beat falls
    at the output is known exactly; the output latency is the device's stand-in. */
struct SyncRig
{
    explicit SyncRig (double latencySeconds = 0.0125, int blockFrames = 128)
        : block (blockFrames)
        , latency (latencySeconds)
    {
        engine.prepare (rate, block);
        session.setEngineSampleRate (rate);
        t0 = HostClock::micros();
        auto& timer = sync.getEngineSide().getTimer();
        timer.setHostClock ([this] { return callbackMicros; });
        timer.setOutputLatency (latency);
        buffer.setSize (2, block);
    }

    /** When the callback of the block starting at `sample` runs, without jitter. */
    double hostAt (double sample) const { return t0 + sample / rate * 1.0e6; }
    /** When the frame at `sample` is heard. */
    double heardAt (double sample) const { return hostAt (sample) + latency * 1.0e6; }

    juce::int64 nextSample() const { return (juce::int64) blocks * block; }

    /** Renders one block; its callback runs `jitterMicros` off the steady pace. */
    void renderBlock (double jitterMicros = 0.0)
    {
        callbackMicros = hostAt ((double) nextSample()) + jitterMicros;
        juce::MidiBuffer midi;
        engine.renderBlock (buffer, midi);
        ++blocks;
    }

    static void pump (int ms) { juce::MessageManager::getInstance()->runDispatchLoopUntil (ms); }

    /** Pumps the message loop until `done` or the (generous) timeout. */
    static bool waitUntil (const std::function<bool()>& done, int timeoutMs = 20000)
    {
        const auto until = juce::Time::getMillisecondCounter() + (juce::uint32) timeoutMs;
        while (!done())
        {
            if (juce::Time::getMillisecondCounter() > until)
                return false;
            pump (2);
        }
        return true;
    }

    const PadEngine& padEngine() const { return engine.getPadEngine(); }
    double beatAtNextBlock() const
    {
        return padEngine().getClock().beatAt (padEngine().getNextBlockSample());
    }

    const double rate = 48000.0;
    const int block;
    const double latency;
    double t0 = 0.0, callbackMicros = 0.0;
    juce::int64 blocks = 0;
    juce::AudioBuffer<float> buffer;

    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    SyncController sync{ session };
};

/** The distance of two beats' phases in a cycle of `quantum` beats, in ms at `bpm`. */
inline double phaseDistanceMs (double beatA, double beatB, double quantum, double bpm)
{
    auto d = std::fmod (beatA - beatB, quantum);
    if (d > 0.5 * quantum)
        d -= quantum;
    if (d < -0.5 * quantum)
        d += quantum;
    return std::abs (d) * 60000.0 / bpm;
}

} // namespace paddeck::test
