#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <optional>

namespace paddeck
{

/** What a controller sends: a note, a CC (absolute or one of the relative-encoder codings) or the
    pitch bend wheel, on one MIDI channel or on any (omni). */
struct MidiSource
{
    enum class Type
    {
        note,
        controller,
        pitchBend,
    };

    /** How a CC's value is read. Relative encoders send steps, not positions. */
    enum class Encoding
    {
        absolute,
        relativeTwosComplement, // 1…63 up, 127…65 down (127 = −1)
        relativeBinaryOffset,   // 65… up, 63… down (64 = no move)
        relativeSignMagnitude,  // 1…63 up, 65…127 down (65 = −1)
    };

    Type type = Type::note;
    int channel = 0; // 1…16, or 0 for any channel
    int number = 0;  // note or CC number; unused for pitch bend
    Encoding encoding = Encoding::absolute;

    bool matches (const juce::MidiMessage&) const noexcept;
    bool sameInput (const MidiSource& other) const noexcept; // same type, number and overlapping channel

    /** The source a learned message comes from (channel kept); none for messages that can't bind. */
    static std::optional<MidiSource> fromMessage (const juce::MidiMessage&);

    bool isRelative() const noexcept { return type == Type::controller && encoding != Encoding::absolute; }

    /** A relative encoder's step (…, −1, +1, …) from a CC value. */
    int relativeStep (int value) const noexcept;

    juce::String describe() const; // "Note 36 (C1) ch 10", "CC 7 any ch", "Pitch bend ch 1"

    bool operator== (const MidiSource& o) const noexcept
    {
        return type == o.type && channel == o.channel && number == o.number && encoding == o.encoding;
    }
};

/** What a binding drives. Pad targets address a grid position (row, column) of the bank that is
    playing, so a controller's grid follows bank changes and fits any grid size. */
struct MidiTarget
{
    enum class Type
    {
        padTrigger,
        padPitch,
        padEqLow,
        padEqMid,
        padEqHigh,
        padEqLowKill,
        padEqMidKill,
        padEqHighKill,
        padGain,
        bankNext,
        bankPrevious,
        bankSelect,
        masterFader,
        stopAll,
        tapTempo,       // each press is a tap
        nudgeSlower,    // momentary: the clock runs slower while held
        nudgeFaster,    // momentary: faster while held
        masterTempo,    // a knob over [minBpm, maxBpm] with soft takeover, or an encoder
        padSync,        // toggle
        padQuantize,    // selector: Global, Off, 1/16 … 4 bars
        globalQuantize, // selector: Off, 1/16 … 4 bars
        metronome,      // toggle
        link,           // toggle: Ableton Link on or off
        clockSource,    // selector: internal, MIDI clock, Link
        syncPlay,       // toggle: the shared transport's start and stop
        padCue,         // toggle: the pad is heard on the cue bus
        cueLevel,       // a knob like the master fader
        cueBlend,       // a knob: the cue output from the cue mix only to the master only
        metronomeToCue, // toggle: the click plays in the cue
        cuePreview,     // momentary: while held, mapped pad triggers preview in the cue only
        padStart,       // a knob over the pad's file: where a hit starts
        padEnd,         // a knob over the pad's file: where a one-shot stops (the top is the file's end)
        padFadeIn,      // a knob like the editor's FADE IN
        padFadeOut,     // a knob like the editor's FADE OUT
        padReverse,     // toggle
    };

    Type type = Type::padTrigger;
    int row = 0, column = 0; // pad targets
    int bank = 0;            // bankSelect

    // masterTempo: the tempo range an absolute knob (or the pitch bend wheel) sweeps. Not part of
    // the target's identity: a knob bound to the master tempo is the same control whatever range
    // it was given.
    double minBpm = defaultMinBpm, maxBpm = defaultMaxBpm;
    static constexpr double defaultMinBpm = 60.0, defaultMaxBpm = 180.0;
    static constexpr double bpmPerEncoderStep = 0.1;

    bool isPadTarget() const noexcept;
    bool isContinuous() const noexcept; // pitch, EQ bands, gain, shape, master, tempo: soft takeover applies
    bool isToggle()
        const noexcept; // the kills, sync, cue, reverse, metronome, Link, transport: each press flips them
    bool isMomentary() const noexcept; // nudges: act while held, let go on release
    bool isButton() const noexcept;    // tap: acts on each press
    bool isSelector()
        const noexcept; // quantize, clock source: a knob picks a choice, a press steps to the next
    bool firesInEngine() const noexcept; // triggers, banks, stop-all: handled on the audio thread

    /** How many choices a selector steps through: a pad's quantize has Global before Off … 4 bars. */
    int numChoices() const noexcept;

    juce::String describe() const; // "Pad 2·3 pitch", "Master fader"
    juce::String toString() const; // stable key, e.g. "padPitch:1:2" (component tags, JSON)
    static std::optional<MidiTarget> fromString (const juce::String&);

    bool operator== (const MidiTarget& o) const noexcept
    {
        return type == o.type && (!isPadTarget() || (row == o.row && column == o.column))
               && (type != Type::bankSelect || bank == o.bank);
    }
    bool operator!= (const MidiTarget& o) const noexcept { return !operator== (o); }
};

struct MidiBinding
{
    MidiSource source;
    MidiTarget target;

    juce::String describe() const { return source.describe() + "  \u2192  " + target.describe(); }
};

juce::String toString (MidiSource::Type);
juce::String toString (MidiSource::Encoding);
juce::String toString (MidiTarget::Type);
std::optional<MidiSource::Type> parseSourceType (const juce::String&);
std::optional<MidiSource::Encoding> parseEncoding (const juce::String&);
std::optional<MidiTarget::Type> parseTargetType (const juce::String&);

} // namespace paddeck
