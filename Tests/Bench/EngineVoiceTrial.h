#pragma once

#include "BenchSupport.h"

#include "Dsp/KeyLockPrime.h"
#include "Streaming/Sample.h"
#include "Streaming/SampleLoader.h"
#include "Stretch/RenderedStretch.h"

namespace paddeck::bench
{

/** A pad for a voice trial: its sample (RAM or streamed), its settings and, keylocked, its prime. */
struct TrialPad
{
    Sample::Ptr sample;
    PadSettings settings;
    std::shared_ptr<const KeyLockPrime> prime;
    RenderedStretch::Ptr stretch; // keylocked: its rendered stretch, played by a plain voice
};

/** One voice-capacity trial on the real AudioEngine: each pad played once by its own voice, the
    presses spread over a ramp and then held, 128-frame blocks at a device's pace. With keyLock
    the engine's KeyLockPool gets a voice per pad (Rubber Band workers, one per core).

    Passes with no stream underrun, no KeyLock underrun or fallback, no voice-worker stall (a bank
    dropped from a block at the join's deadline), every voice still playing at the end (pads with a
    render: on it) and p99.9 block time under half the period. */
CountSearch::Trial runEnginePads (const BenchContext& context, const std::vector<TrialPad>& pads,
                                  bool keyLock);

/** How the voice figures load their pads: streamed, as the app streams long files (the quick files
    are short, so their threshold is lowered to make them stream too). A figure makes one
    SampleLoader with these, so its loader thread starts and stops once, not per trial. */
LoadOptions streamingLoadOptions (const BenchContext& context);

/** runEnginePads with `count` pads, pad i streaming long file i % 64 from its own primed start
    frame (pitch and EQ from voicePad); keylocked, each with its pitched prime. */
CountSearch::Trial runEngineVoiceTrial (const BenchContext& context, const SampleLoader& loader,
                                        const juce::Array<juce::File>& files, int count, bool keyLock);

double engineTrialRampSeconds (const BenchContext& context);
double engineTrialHoldSeconds (const BenchContext& context);

} // namespace paddeck::bench
