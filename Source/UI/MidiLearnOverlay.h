#pragma once

#include "Control/MidiController.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** MIDI learn over the performer's screen. While learn is on it lies over the controls and takes
    their clicks, so nothing plays or changes: a click picks the control under the mouse (the first
    component tagged with MidiLearnTag) as the learn target, and the next control moved on the MIDI
    controller binds to it. A right-click removes the control's binding. It outlines every mappable
    control, labels the bound ones with their source ("N36", "CC21", "PB") and highlights the target.
    [message] */
class MidiLearnOverlay : public juce::Component, private juce::ChangeListener, private juce::Timer
{
public:
    /** Finds the mappable controls among `controls`' descendants. */
    MidiLearnOverlay (MidiController& midi, juce::Component& controls);
    ~MidiLearnOverlay() override;

    /** Shows the overlay while the controller is learning (the owner calls it on change). */
    void update();

    /** What a click at `position` (overlay coordinates) does: picks the control there as the learn
        target, or, for removeBindingAt, removes its binding. Both return false where no mappable
        control is. */
    bool selectTargetAt (juce::Point<int> position);
    bool removeBindingAt (juce::Point<int> position);

    std::optional<MidiTarget> targetAt (juce::Point<int> position) const;

    /** The short label a bound control shows, e.g. "N36", "CC21 ch2", "PB"; empty when unbound. */
    juce::String bindingLabelFor (const MidiTarget& target) const;
    static juce::String shortLabel (const MidiSource& source);

    /** Called after MIDI learn made a binding (the main window shows it). */
    std::function<void (const MidiBinding&)> onLearned;

    void paint (juce::Graphics&) override;
    void mouseDown (const juce::MouseEvent&) override;

private:
    struct Mappable
    {
        MidiTarget target;
        juce::Rectangle<int> bounds; // in the overlay
    };

    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    void timerCallback() override;
    std::vector<Mappable> findMappables() const;
    void paintHint (juce::Graphics&, const juce::String& text, bool waiting) const;

    static constexpr int hintHeight = 30; // about the status strip's height

    MidiController& midi;
    juce::Component& controls;
    std::vector<Mappable> shown;       // what was painted, to notice controls that moved
    std::optional<MidiTarget> awaited; // the learn target a binding is expected for
};

} // namespace paddeck
