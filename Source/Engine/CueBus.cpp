#include "Engine/CueBus.h"

#include "Engine/MasterBus.h"

namespace paddeck
{

CueBus::CueBus (SnapshotExchange<EngineSnapshot>& s, EngineMeters& m)
    : snapshots (s)
    , meters (m)
{
}

void CueBus::prepare()
{
    const auto* snapshot = snapshots.get();
    currentGain = snapshot != nullptr ? snapshot->cueGain : 1.0f;
    currentBlend = snapshot != nullptr ? snapshot->cueBlend : 0.0f;
}

void CueBus::process (juce::AudioBuffer<float>& buffer) noexcept PADDECK_NONBLOCKING
{
    if (buffer.getNumChannels() < 4)
        return;

    juce::ScopedNoDenormals noDenormals;
    const int numFrames = buffer.getNumSamples();
    const auto* snapshot = snapshots.get();
    const float targetGain = snapshot != nullptr ? snapshot->cueGain : 1.0f;
    const float targetBlend = snapshot != nullptr ? snapshot->cueBlend : 0.0f;
    const float step = numFrames > 0 ? 1.0f / (float) numFrames : 0.0f;

    for (int ch = 0; ch < 2; ++ch)
    {
        const auto* master = buffer.getReadPointer (ch);
        auto* cue = buffer.getWritePointer (ch + 2);
        float peak = 0.0f;
        double sumSquares = 0.0;

        for (int i = 0; i < numFrames; ++i)
        {
            // Ramps reach the targets on the block's last frame.
            const float t = (float) (i + 1) * step;
            const float gain = currentGain + (targetGain - currentGain) * t;
            const float blend = currentBlend + (targetBlend - currentBlend) * t;
            const float out = MasterBus::clipGuard (gain * ((1.0f - blend) * cue[i] + blend * master[i]));
            cue[i] = out;
            peak = juce::jmax (peak, std::abs (out));
            sumSquares += (double) out * out;
        }

        const auto rms = numFrames > 0 ? (float) std::sqrt (sumSquares / numFrames) : 0.0f;
        EngineMeters::raisePeak (ch == 0 ? meters.cuePeakLeft : meters.cuePeakRight, peak);
        (ch == 0 ? meters.cueRmsLeft : meters.cueRmsRight).store (rms, std::memory_order_relaxed);
    }

    currentGain = targetGain;
    currentBlend = targetBlend;
}

} // namespace paddeck
