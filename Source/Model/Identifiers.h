#pragma once

#include <juce_data_structures/juce_data_structures.h>

namespace paddeck::IDs
{
#define PADDECK_ID(name) inline const juce::Identifier name{ #name };

// SET ─ BANK ─ PAD
PADDECK_ID (SET)
PADDECK_ID (BANK)
PADDECK_ID (PAD)

PADDECK_ID (version)
PADDECK_ID (name)
PADDECK_ID (masterGainDb)
PADDECK_ID (gridRows)
PADDECK_ID (gridColumns)
PADDECK_ID (currentBank)
PADDECK_ID (midiMapping) // the set's MIDI mapping, as the mapping's JSON text
PADDECK_ID (tempoBpm)    // the master tempo
PADDECK_ID (beatsPerBar)
PADDECK_ID (quantize) // SET: the global launch quantize; PAD: "global" or its own
PADDECK_ID (metronome)
PADDECK_ID (cueLevelDb)     // the cue bus's level
PADDECK_ID (cueBlend)       // 0 = the cue mix only … 1 = the master only, in the cue output
PADDECK_ID (metronomeToCue) // the click plays in the cue instead of the master

PADDECK_ID (file)
PADDECK_ID (semitones)
PADDECK_ID (cents)
PADDECK_ID (pitchMode)
PADDECK_ID (eqLowDb)
PADDECK_ID (eqMidDb)
PADDECK_ID (eqHighDb)
PADDECK_ID (eqLowKill)
PADDECK_ID (eqMidKill)
PADDECK_ID (eqHighKill)
PADDECK_ID (gainDb)
PADDECK_ID (playMode)
PADDECK_ID (loop) // read from old sets only: looping is a play mode now
PADDECK_ID (chokeGroup)
PADDECK_ID (velocity)
PADDECK_ID (startFrame)
PADDECK_ID (loopStart)
PADDECK_ID (loopEnd)
PADDECK_ID (endFrame) // file frame a one-shot stops at (a reversed pad starts at); -1 = the file's end
PADDECK_ID (reverse)
PADDECK_ID (fadeInMs)  // from each hit
PADDECK_ID (fadeOutMs) // into a one-shot's end
PADDECK_ID (bpm)       // the pad's own tempo: absent = not analysed yet, 0 = no tempo
PADDECK_ID (bpmSource) // where it came from: file, name, detected, typed, tapped
PADDECK_ID (downbeat)  // file frame of the first downbeat
PADDECK_ID (sync)
PADDECK_ID (inPhase)
PADDECK_ID (quantizeStop)
PADDECK_ID (cue) // PAD: heard on the cue bus (absent = off)

#undef PADDECK_ID
} // namespace paddeck::IDs
