#pragma once

#include "Model/MidiBinding.h"

#include <juce_core/juce_core.h>

#include <vector>

namespace paddeck
{

/** A controller mapping: bindings from MIDI sources to PadDeck's controls, plus how the
    controller's pad LEDs show pad state. Stored as readable JSON (format "PadDeck MIDI mapping"):
    in the user's settings, inside sets, in exported files and in the shipped presets. [message] */
class MidiMapping
{
public:
    static constexpr int currentVersion = 1;
    static constexpr const char* formatName = "PadDeck MIDI mapping";

    /** LED feedback: for every pad binding, the controller receives its note (or CC) with one of
        these values, on `channel`, whenever the pad's state changes. */
    struct Feedback
    {
        bool enabled = true;
        int channel = 1;
        int empty = 0, loaded = 1, playing = 127, missing = 0; // velocities (a colour on most grids)
        // A pad whose start or stop waits for its beat. Controllers that flash an LED by themselves
        // get a flashing colour here; for the others `blink` makes PadDeck flash it, between
        // `queued` and `empty`, lit on the first half of every beat. A mapping written before
        // quantize existed has neither: its queued pads flash their `playing` value.
        int queued = 127;
        bool blink = true;

        bool operator== (const Feedback& o) const noexcept
        {
            return enabled == o.enabled && channel == o.channel && empty == o.empty && loaded == o.loaded
                   && playing == o.playing && missing == o.missing && queued == o.queued && blink == o.blink;
        }
    };

    juce::String name;
    juce::String description; // for presets: what the controller must be set to, what maps where
    std::vector<MidiBinding> bindings;
    Feedback feedback;

    /** Adds a binding made by MIDI learn. A source drives one control and a control listens to one
        source, so bindings sharing either are replaced. */
    void learn (const MidiBinding& binding);
    void remove (int index);

    /** The bindings' index for a target, or -1. */
    int indexOf (const MidiTarget& target) const;

    juce::var toVar() const;
    juce::String toJson() const;
    static juce::Result fromVar (const juce::var& json, MidiMapping& mapping);
    static juce::Result parse (const juce::String& json, MidiMapping& mapping);

    static juce::Result load (const juce::File& file, MidiMapping& mapping);
    juce::Result save (const juce::File& file) const;

    /** A pad controller's notes laid over the grid: `firstNote` at the bottom-left pad, rising to
        the right and then upwards (the MPC layout most note pads use). */
    static MidiMapping noteGrid (const juce::String& name, int firstNote, int rows, int columns);

    /** What a set without a mapping plays with: notes 36–51 on a 4×4 grid ("Generic 4x4 pads"). */
    static MidiMapping standard();

    bool operator== (const MidiMapping& o) const;
    bool operator!= (const MidiMapping& o) const { return !operator== (o); }
};

/** The controller presets shipped in Assets/MidiPresets (installed in share/paddeck/MidiPresets,
    found through AppFolders). [message] */
namespace MidiPresets
{
juce::File folder();
juce::Array<juce::File> list(); // sorted by name
} // namespace MidiPresets

} // namespace paddeck
