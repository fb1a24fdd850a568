#pragma once

#include "Engine/EngineSnapshot.h"

namespace paddeck
{

/** Compiles the model (the SET ValueTree) and the loaded samples into the immutable snapshot
    the audio thread plays from. [message] */
namespace SnapshotCompiler
{
/** samples[i] is pad i's sample (bank × padsPerBank + pad), or null. */
std::unique_ptr<EngineSnapshot> compile (const juce::ValueTree& set, const std::vector<Sample::Ptr>& samples);

PadSnapshot compilePad (const PadSettings& settings, Sample::Ptr sample);
} // namespace SnapshotCompiler

} // namespace paddeck
