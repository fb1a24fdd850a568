#pragma once

#include "Engine/EngineMeters.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/Nonblocking.h"
#include "Engine/SnapshotExchange.h"

#include <juce_audio_basics/juce_audio_basics.h>

namespace paddeck
{

/** The cue (pre-listen) output, outputs 3/4 of a device that has them: what the performer hears in
    headphones. Its input is the cue mix PadEngine wrote into channels 2/3 (cued pads, previews,
    the click if sent there) and, in channels 0/1, the master as the audience hears it (after its
    fader and clip guard). Out goes level × ((1 − blend) × cue mix + blend × master): blend 0 is
    the cue alone, 1 the master alone, ½ half of each — one pair of headphones can follow both.
    Level and blend ramp across the block (no zipper noise), the same clip guard as the master
    keeps it inside ±1, and it is metered. Reads the snapshot PadEngine acquired in the same
    callback. A buffer of two channels (a 2-output device, an offline render) passes untouched. */
class CueBus
{
public:
    CueBus (SnapshotExchange<EngineSnapshot>& snapshots, EngineMeters& meters);

    void prepare();                                                               // [message]
    void process (juce::AudioBuffer<float>& buffer) noexcept PADDECK_NONBLOCKING; // [audio]

private:
    SnapshotExchange<EngineSnapshot>& snapshots;
    EngineMeters& meters;
    float currentGain = 1.0f, currentBlend = 0.0f; // audio only after prepare
};

} // namespace paddeck
