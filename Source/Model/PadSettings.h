#pragma once

#include <juce_audio_basics/juce_audio_basics.h>
#include <juce_data_structures/juce_data_structures.h>

#include "Tempo/Quantize.h"

namespace paddeck
{

enum class PitchMode
{
    varispeed,
    keyLock
};

/** How a pad answers its hits. Looping is part of the mode, never a switch beside it: only a pad the
    performer can stop with its own next hit (loop) or by letting go (gate loop) loops, so no hit
    ever leaves a voice that only STOP ALL could end. */
enum class PlayMode
{
    oneShot,   // plays once to the end; a new hit layers another voice
    loop,      // a hit starts it looping, the next hit stops it
    gate,      // plays once while held; letting go stops it
    toggle,    // a hit plays it once, a hit while it plays stops it
    retrigger, // a hit restarts it from the top, playing once
    gateLoop,  // loops while held; letting go stops it
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
    int chokeGroup = 0; // 0 = none
    bool velocitySensitive = true;
    juce::int64 startFrame = 0, loopStart = 0, loopEnd = -1; // frames of the file; loopEnd -1 = end

    // Shaping. endFrame: where a one-shot stops, in frames of the file (-1 = its end). Reversed, a
    // hit plays from the end point (a loop: from it down to the loop start, then the loop backwards)
    // down to the start point. Fades are in milliseconds of the sample (a varispeed pad pitched up
    // hears them shorter): the fade-in from each hit's first frame, the fade-out ending exactly on
    // a one-shot's last frame. A loop's wraps keep their own short seam fades.
    juce::int64 endFrame = -1;
    bool reverse = false;
    float fadeInMs = 0.0f, fadeOutMs = 0.0f;

    // Tempo. bpm: unknownBpm until the file is analysed, 0 for no tempo (a one-shot), else the
    // pad's tempo, exact for a loop (taken from its length in whole beats).
    double bpm = unknownBpm;
    juce::String bpmSource;      // "file", "name", "detected", "typed", "tapped", "" for none
    juce::int64 downbeat = 0;    // file frame of the first downbeat: the pad's beat 0
    bool sync = false;           // plays at the master tempo (loops with a tempo: on when found)
    int quantize = followGlobal; // followGlobal, or a Quantize value
    bool inPhase = false;        // a launch after the boundary starts where it would be from the bar
    bool quantizeStop = true;    // stopping a quantized pad waits for the boundary too
    bool cue = false;            // heard on the cue bus too (pre-listen), whether or not in the master

    static constexpr int minSemitones = -24, maxSemitones = 24;
    static constexpr float eqMinDb = -40.0f, eqMaxDb = 6.0f, gainMinDb = -60.0f, gainMaxDb = 6.0f;
    static constexpr double unknownBpm = -1.0, minBpm = 20.0, maxBpm = 300.0;
    static constexpr int followGlobal = -1;
    static constexpr float maxFadeMs = 10000.0f;

    bool hasTempo() const noexcept { return bpm > 0.0; }
    /** Played otherwise than the whole file forwards from its start point: reversed, faded, or a
        one-shot stopped by an end point. A rendered stretch is of the whole file, forwards, so
        such a pad plays the realtime stretch instead (and none is rendered for it). */
    bool isShaped() const noexcept
    {
        return reverse || fadeInMs > 0.0f || (!shouldLoop() && (endFrame >= 0 || fadeOutMs > 0.0f));
    }
    bool isSynced() const noexcept { return sync && hasTempo(); }

    /** Where a hit starts playing, in file frames: a synced pad from its first downbeat (its beat 0)
        unless the performer gave it a start of its own. */
    juce::int64 playStartFrame() const noexcept
    {
        return isSynced() && startFrame == 0 ? downbeat : startFrame;
    }

    /** The grid a hit on this pad waits for: its own choice, or the set's for a pad with a tempo
        (a one-shot without one plays at once unless it is given a grid of its own). */
    Quantize launchQuantize (Quantize global) const noexcept
    {
        return quantize != followGlobal ? (Quantize) quantize : hasTempo() ? global : Quantize::off;
    }

    double pitchRatio() const noexcept { return std::pow (2.0, (semitones + cents / 100.0) / 12.0); }
    bool shouldLoop() const noexcept { return playMode == PlayMode::loop || playMode == PlayMode::gateLoop; }
    /** Letting go of the pad stops it. */
    bool isGate() const noexcept { return playMode == PlayMode::gate || playMode == PlayMode::gateLoop; }
    /** A hit while the pad sounds stops it instead of starting it again. */
    bool stopsOnHit() const noexcept { return playMode == PlayMode::loop || playMode == PlayMode::toggle; }

    /** Linear band gains (0 = kill) for the DJ EQ. */
    static float bandGain (float db, bool kill) noexcept
    {
        return kill || db <= eqMinDb ? 0.0f : juce::Decibels::decibelsToGain (db);
    }

    juce::ValueTree toValueTree() const;
    /** Reads a pad; an old set's "loop" flag beside its play mode becomes a looping mode. */
    static PadSettings fromValueTree (const juce::ValueTree& pad);
    /** The looping mode an old set's play mode with "loop" ticked becomes. */
    static PlayMode migrateLoopFlag (PlayMode mode) noexcept;

    bool operator== (const PadSettings&) const;
    bool operator!= (const PadSettings& other) const { return !operator== (other); }
};

juce::String toString (PlayMode);
juce::String toString (PitchMode);
/** A play mode as the performer reads it ("Gate loop"), and what it does, in a sentence. */
juce::String describe (PlayMode);
juce::String explain (PlayMode);
bool parsePlayMode (const juce::String&, PlayMode&);
bool parsePitchMode (const juce::String&, PitchMode&);

} // namespace paddeck
