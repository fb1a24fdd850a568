#pragma once

#include "BenchSupport.h"

namespace paddeck::bench
{

/** One voice-capacity trial on the real AudioEngine: `count` pads, pad i streaming long file
    i % 64 from its own primed start frame (pitch and EQ from voicePad), started over a ramp and
    then held, 128-frame blocks at a device's pace. With keyLock, every pad is keylocked (Rubber
    Band on the engine's KeyLockPool workers, one per core, with the pad's pitched prime).

    Passes with no stream underrun, no KeyLock underrun or fallback, every voice still playing at
    the end and p99.9 block time under half the period. */
CountSearch::Trial runEngineVoiceTrial (const BenchContext& context, const juce::Array<juce::File>& files,
                                        int count, bool keyLock);

double engineTrialRampSeconds (const BenchContext& context);
double engineTrialHoldSeconds (const BenchContext& context);

} // namespace paddeck::bench
