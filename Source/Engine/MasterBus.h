#pragma once

#include "Engine/EngineMeters.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/HeadlessProcessor.h"
#include "Engine/Nonblocking.h"
#include "Engine/RecordingTap.h"
#include "Engine/SnapshotExchange.h"

namespace paddeck
{

/** The master fader (smoothed), a clip guard that keeps the output inside ±1 without a hard
    edge, the master peak/RMS meters, and the recording tap (what is heard is what is recorded). Reads the
   fader from the snapshot PadEngine acquired earlier in the same callback. */
class MasterBus : public HeadlessProcessor
{
public:
    MasterBus (SnapshotExchange<EngineSnapshot>& snapshots, EngineMeters& meters, RecordingTap& recording);

    const juce::String getName() const override { return "MasterBus"; }
    void prepareToPlay (double sampleRate, int maxBlockSize) override;
    /** [message, before the device's first callback at sampleRate] Tells the recording its rate. */
    void prepareRecording (double sampleRate) noexcept { recording.prepare (sampleRate); }
    void processBlock (juce::AudioBuffer<float>&, juce::MidiBuffer&) PADDECK_NONBLOCKING override; // [audio]

    /** The clip guard's curve: unity below the knee, a smooth approach to 1 above it (a tanh). */
    static float clipGuard (float x) noexcept;
    static constexpr float guardKnee = 0.891f; // −1 dBFS
    /** clipGuard over a block, in place. A block whose peak is at or below the knee is left as
        it is (the common case, one vector pass); otherwise every frame goes through the same
        curve, branch-free so the loop runs on vectors. Returns whether any frame was above the
        knee. [any] */
    static bool clipGuardBlock (float* data, int numFrames) noexcept;

private:
    SnapshotExchange<EngineSnapshot>& snapshots;
    EngineMeters& meters;
    RecordingTap& recording; // the master as heard, copied for the recorder
    float currentGain = 1.0f;
};

} // namespace paddeck
