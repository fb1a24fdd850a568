#pragma once

#include "Engine/EngineMeters.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/HeadlessProcessor.h"
#include "Engine/Nonblocking.h"
#include "Engine/SnapshotExchange.h"

namespace paddeck
{

/** The master fader (smoothed), a clip guard that keeps the output inside ±1 without a hard
    edge, and the master peak/RMS meters. Reads the fader from the snapshot PadEngine acquired
    earlier in the same callback. */
class MasterBus : public HeadlessProcessor
{
public:
    MasterBus (SnapshotExchange<EngineSnapshot>& snapshots, EngineMeters& meters);

    const juce::String getName() const override { return "MasterBus"; }
    void prepareToPlay (double sampleRate, int maxBlockSize) override;
    void processBlock (juce::AudioBuffer<float>&, juce::MidiBuffer&) PADDECK_NONBLOCKING override; // [audio]

    /** The clip guard's curve: unity below the knee, a smooth approach to 1 above it. */
    static float clipGuard (float x) noexcept;
    static constexpr float guardKnee = 0.891f; // −1 dBFS

private:
    SnapshotExchange<EngineSnapshot>& snapshots;
    EngineMeters& meters;
    float currentGain = 1.0f;
};

} // namespace paddeck
