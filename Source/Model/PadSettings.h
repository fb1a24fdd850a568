#pragma once

#include <juce_audio_basics/juce_audio_basics.h>
#include <juce_data_structures/juce_data_structures.h>

namespace paddeck
{

enum class PitchMode
{
    varispeed,
    keyLock
};

enum class PlayMode
{
    oneShot,   // plays to the end; a new hit layers another voice
    loop,      // a hit starts it looping, the next hit stops it
    gate,      // sounds while held
    toggle,    // a hit starts it, the next hit stops it
    retrigger, // a hit restarts it from the top
};

/** Everything a performer sets on one pad, as plain values. The model keeps it in a ValueTree
    (see PadModel); the engine's snapshot is compiled from this. */
struct PadSettings
{
    juce::String name;
    juce::String file; // absolute, or relative to the set's folder
    int semitones = 0;
    float cents = 0.0f;
    PitchMode pitchMode = PitchMode::varispeed;
    float eqLowDb = 0.0f, eqMidDb = 0.0f, eqHighDb = 0.0f;
    bool eqLowKill = false, eqMidKill = false, eqHighKill = false;
    float gainDb = 0.0f;
    PlayMode playMode = PlayMode::oneShot;
    bool loop = false;
    int chokeGroup = 0; // 0 = none
    bool velocitySensitive = true;
    juce::int64 startFrame = 0, loopStart = 0, loopEnd = -1; // frames of the file; loopEnd -1 = end

    static constexpr int minSemitones = -24, maxSemitones = 24;
    static constexpr float eqMinDb = -40.0f, eqMaxDb = 6.0f, gainMinDb = -60.0f, gainMaxDb = 6.0f;

    double pitchRatio() const noexcept { return std::pow (2.0, (semitones + cents / 100.0) / 12.0); }
    bool shouldLoop() const noexcept { return loop || playMode == PlayMode::loop; }

    /** Linear band gains (0 = kill) for the DJ EQ. */
    static float bandGain (float db, bool kill) noexcept
    {
        return kill || db <= eqMinDb ? 0.0f : juce::Decibels::decibelsToGain (db);
    }

    juce::ValueTree toValueTree() const;
    static PadSettings fromValueTree (const juce::ValueTree& pad);

    bool operator== (const PadSettings&) const;
    bool operator!= (const PadSettings& other) const { return !operator== (other); }
};

juce::String toString (PlayMode);
juce::String toString (PitchMode);
bool parsePlayMode (const juce::String&, PlayMode&);
bool parsePitchMode (const juce::String&, PitchMode&);

} // namespace paddeck
