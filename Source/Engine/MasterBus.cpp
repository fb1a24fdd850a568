#include "Engine/MasterBus.h"

namespace paddeck
{

MasterBus::MasterBus (SnapshotExchange<EngineSnapshot>& s, EngineMeters& m, RecordingTap& r)
    : HeadlessProcessor (BusesProperties()
                             .withInput ("Input", juce::AudioChannelSet::stereo(), true)
                             .withOutput ("Output", juce::AudioChannelSet::stereo(), true))
    , snapshots (s)
    , meters (m)
    , recording (r)
{
}

void MasterBus::prepareToPlay (double, int)
{
    const auto* snapshot = snapshots.get();
    currentGain = snapshot != nullptr ? snapshot->masterGain : 1.0f;
}

float MasterBus::clipGuard (float x) noexcept
{
    const float magnitude = std::abs (x);
    if (magnitude <= guardKnee)
        return x;

    const float range = 1.0f - guardKnee;
    const float shaped = guardKnee + range * std::tanh ((magnitude - guardKnee) / range);
    return std::copysign (shaped, x);
}

void MasterBus::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&) PADDECK_NONBLOCKING
{
    juce::ScopedNoDenormals noDenormals;
    const int numFrames = buffer.getNumSamples();
    const auto* snapshot = snapshots.get();
    const float targetGain = snapshot != nullptr ? snapshot->masterGain : 1.0f;

    bool guarded = false;
    for (int ch = 0; ch < juce::jmin (2, buffer.getNumChannels()); ++ch)
    {
        auto* data = buffer.getWritePointer (ch);
        buffer.applyGainRamp (ch, 0, numFrames, currentGain, targetGain);

        float peak = 0.0f;
        double sumSquares = 0.0;
        for (int i = 0; i < numFrames; ++i)
        {
            if (std::abs (data[i]) > guardKnee)
            {
                data[i] = clipGuard (data[i]);
                guarded = true;
            }
            peak = juce::jmax (peak, std::abs (data[i]));
            sumSquares += (double) data[i] * data[i];
        }

        const auto rms = numFrames > 0 ? (float) std::sqrt (sumSquares / numFrames) : 0.0f;
        EngineMeters::raisePeak (ch == 0 ? meters.masterPeakLeft : meters.masterPeakRight, peak);
        (ch == 0 ? meters.masterRmsLeft : meters.masterRmsRight).store (rms, std::memory_order_relaxed);
    }

    currentGain = targetGain;
    if (guarded)
        meters.masterClips.fetch_add (1, std::memory_order_relaxed);

    if (buffer.getNumChannels() >= 2)
        recording.capture (buffer.getReadPointer (0), buffer.getReadPointer (1), numFrames,
                           meters.activeVoices.load (std::memory_order_relaxed) > 0);
}

} // namespace paddeck
