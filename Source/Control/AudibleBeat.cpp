#include "Control/AudibleBeat.h"

namespace paddeck
{

double AudibleBeat::latencySeconds (juce::AudioIODevice* device)
{
    if (device == nullptr || device->getCurrentSampleRate() <= 0.0)
        return 0.0;
    return (device->getCurrentBufferSizeSamples() + device->getOutputLatencyInSamples())
           / device->getCurrentSampleRate();
}

double AudibleBeat::now (const EngineMeters& meters, double latency) noexcept
{
    return meters.beat.load (std::memory_order_relaxed)
           - latency * meters.bpm.load (std::memory_order_relaxed) / 60.0;
}

bool AudibleBeat::isFlashLit (double beat) noexcept { return beat - std::floor (beat) < 0.5; }

} // namespace paddeck
