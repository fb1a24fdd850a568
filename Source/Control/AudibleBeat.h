#pragma once

#include "Engine/EngineMeters.h"

#include <juce_audio_devices/juce_audio_devices.h>

namespace paddeck
{

/** The beat the performer hears, for what the screen and the controller's LEDs show in time with
    the music: the engine's own beat clock (EngineMeters::beat, never a UI timer's guess), moved
    back by the time the audio takes to reach the speakers. [message] */
namespace AudibleBeat
{
/** What the engine renders now is heard this much later: the device's buffer plus its output
    latency, in seconds (0 without a device). */
double latencySeconds (juce::AudioIODevice* device);

/** The beat heard now: the beat at the start of the engine's latest block, less the latency at
    the clock's tempo. Within a block of the truth; below 0 just after the clock started. */
double now (const EngineMeters& meters, double latencySeconds) noexcept;

/** Queued pads and their LEDs flash with the beat: lit for the first half of every beat. */
bool isFlashLit (double beat) noexcept;
} // namespace AudibleBeat

} // namespace paddeck
