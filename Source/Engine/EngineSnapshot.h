#pragma once

#include "Dsp/KeyLockPrime.h"
#include "Engine/MidiTriggerMap.h"
#include "Model/PadSettings.h"
#include "Streaming/Sample.h"
#include "Stretch/RenderedStretch.h"

#include <vector>

namespace paddeck
{

/** One pad as the audio thread sees it: settings already turned into the numbers voices use. */
struct PadSnapshot
{
    Sample::Ptr sample;                               // null: the pad is empty (or still loading, or failed)
    std::shared_ptr<const KeyLockPrime> keyLockPrime; // KeyLock pads: the pitched start, when ready
    RenderedStretch::Ptr renderedStretch;             // KeyLock pads: the whole sample at a settled stretch
    PadSettings settings;
    PlaybackRegion region; // where and which way a hit plays (file frames), from the settings
    double pitchRatio = 1.0;
    float gain = 1.0f;                               // linear
    float eqLow = 1.0f, eqMid = 1.0f, eqHigh = 1.0f; // linear, 0 = kill
    bool isEqFlat = true;

    // Tempo, resolved for the engine
    double bpm = 0.0;           // the pad's own tempo; 0 = none
    bool synced = false;        // plays at the master tempo (needs bpm > 0)
    double quantizeBeats = 0.0; // a hit waits for the next step of this grid; 0 = at once
    bool quantizeStop = true;
    bool inPhase = false;
    juce::int64 downbeat = 0; // file frame of the pad's beat 0
    int loopBeats = 0;        // a looping pad whose loop is a whole number of beats: how many
};

/** Everything the audio thread needs to play, compiled from the model on the message thread and
    never changed afterwards. Pads are numbered bank × padsPerBank + pad. */
struct EngineSnapshot
{
    std::vector<PadSnapshot> pads;
    int padsPerBank = 16;
    int currentBank = 0;
    float masterGain = 1.0f; // linear
    double tempoBpm = 120.0;
    int beatsPerBar = 4;
    bool metronome = false;
    // The cue bus (when the device has outputs 3/4): its level, how much of the master it blends
    // in (0: the cue mix only, 1: the master only), and whether the click plays there instead.
    float cueGain = 1.0f; // linear
    float cueBlend = 0.0f;
    bool metronomeToCue = false;
    MidiTriggerMap midi; // the mapping's triggers, played on the audio thread

    // The engine changes bank itself when a mapped bank button is hit, and tells the model. It
    // takes `currentBank` from a snapshot only once the model has caught up with all its changes.
    juce::uint32 engineBankChangesSeen = 0;

    int numBanks() const noexcept { return padsPerBank > 0 ? (int) pads.size() / padsPerBank : 0; }

    const PadSnapshot* pad (int index) const noexcept
    {
        return juce::isPositiveAndBelow (index, (int) pads.size()) ? &pads[(size_t) index] : nullptr;
    }
};

} // namespace paddeck
