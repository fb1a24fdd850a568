#pragma once

#include "Control/CueControls.h"
#include "Control/Session.h"
#include "Control/SyncSwitches.h"
#include "Model/MidiBinding.h"

#include <map>

namespace paddeck
{

/** What the mapping's message-thread controls do to the session when their MIDI arrives: knobs
    and faders with soft takeover, relative encoders, the kill / sync / cue / metronome toggles, tap,
    the momentary nudges and the quantize selectors. The engine plays triggers, banks and stop-all
    itself; MidiController routes everything else here. [message] only. */
class MidiControls
{
public:
    explicit MidiControls (Session& session);

    /** Where Link, clock source and transport targets go (null: they do nothing). */
    void setSyncSwitches (SyncSwitches* switches) noexcept { sync = switches; }

    /** Acts on a message that matches the binding's source. */
    void apply (const MidiBinding& binding, const juce::MidiMessage& message);

    /** The pad a pad target addresses in the current bank; -1 outside the grid. */
    int padIndexFor (const MidiTarget& target) const;

    /** A selector's choice now (0…numChoices−1): a pad's quantize counts Global as 0. */
    int getChoice (const MidiTarget& target) const;

    /** Whether a toggle target is on now (its LED lit); nothing for a pad outside the grid, a sync
        switch with no sync, or a target that is not a toggle. */
    std::optional<bool> isOn (const MidiTarget& target) const;

private:
    struct Takeover
    {
        bool caught = false;
        double lastHardware = -1.0; // 0…1; < 0: not heard yet
        double lastSet = -1.0;      // what this binding last set, to notice moves made elsewhere
        bool wasPressed = false;    // CC buttons: act on the press edge only
    };

    std::optional<bool> pressOrRelease (const MidiBinding& binding, const juce::MidiMessage& message);
    void press (const MidiTarget& target);
    void hold (const MidiTarget& target, bool down);
    void applyNormalised (const MidiBinding& binding, double position, bool fromAbsolute);
    void step (const MidiTarget& target, int steps);
    void toggle (const MidiTarget& target);
    void setOn (const MidiTarget& target, bool on);
    void setChoice (const MidiTarget& target, int choice);

    double getNormalised (const MidiTarget& target) const;
    /** The length of the pad's file in its own frames (0 until it has loaded): START and END span it. */
    juce::int64 fileFramesOf (int pad) const;
    void setNormalised (const MidiTarget& target, double position, bool quantiseSemitones);

    static juce::String takeoverKey (const MidiBinding& binding);
    /** The moves of one knob on one pad, in a row, are one undo step (see SetHistory). */
    static juce::String continuingKey (const MidiTarget& target, int pad);

    Session& session;
    CueControls cue{ session };
    SyncSwitches* sync = nullptr;
    std::map<juce::String, Takeover> takeovers;
};

} // namespace paddeck
