#pragma once

#include "Engine/EngineSnapshot.h"
#include "Tempo/LoopSnap.h"

namespace paddeck
{

/** Compiles the model (the SET ValueTree) and the loaded samples into the immutable snapshot
    the audio thread plays from. [message] */
namespace SnapshotCompiler
{
/** What the session has loaded for one pad. */
struct PadMaterial
{
    Sample::Ptr sample;
    std::shared_ptr<const KeyLockPrime> keyLockPrime;
    RenderedStretch::Ptr renderedStretch; // KeyLock pads: the latest render of their settled stretch
};

/** material[i] is pad i's (bank × padsPerBank + pad); the mapping's triggers are laid over the
    set's grid. */
std::unique_ptr<EngineSnapshot> compile (const juce::ValueTree& set, const std::vector<PadMaterial>& material,
                                         const MidiMapping& mapping);

/** globalQuantize and beatsPerBar: the set's, which a pad following the global quantize takes. */
PadSnapshot compilePad (const PadSettings& settings, Sample::Ptr sample,
                        std::shared_ptr<const KeyLockPrime> keyLockPrime = {},
                        Quantize globalQuantize = Quantize::off, int beatsPerBar = 4);

/** Where and which way a hit on the pad plays its file (a synced pad from its downbeat). */
PlaybackRegion regionOf (const PadSettings& settings) noexcept;

/** Renders a keylocked pad's pitched start from the sample's RAM (null when there is none), at
    the time ratio a synced pad plays at under masterBpm. Slow (Rubber Band): a background
    thread's job. [not audio] */
std::shared_ptr<const KeyLockPrime> makeKeyLockPrime (const Sample& sample, const PadSettings& settings,
                                                      double engineRate, KeyLockEngine engine,
                                                      double masterBpm = 120.0);

/** Whether the pad's loop region (the whole file without one) at `bpm` is a whole number of beats
    within LoopSnap's tolerance, and if so how many and the exact tempo. */
LoopSnap snapLoop (const Sample& sample, const PadSettings& settings, double bpm);

/** Rubber Band's time ratio for a pad under the master tempo: its tempo ÷ the master's when synced. */
double keyLockTimeRatio (const PadSettings& settings, double masterBpm) noexcept;
} // namespace SnapshotCompiler

} // namespace paddeck
