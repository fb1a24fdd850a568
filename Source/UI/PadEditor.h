#pragma once

#include "Control/Session.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The selected pad's controls: pitch (semitones, cents, Varispeed/KeyLock), 3-band EQ with
    kills, gain, play mode, choke group, velocity and loop. Every control writes the model at
    once, so it takes effect while the pad plays; double-click resets a knob. [message] */
class PadEditor : public juce::Component, private juce::ValueTree::Listener
{
public:
    explicit PadEditor (Session& session);
    ~PadEditor() override;

    void setPad (int globalIndex);
    int getPad() const noexcept { return padIndex; }

    void paint (juce::Graphics&) override;
    void resized() override;

    /** For tests and MIDI learn: the control bound to a property of the pad. */
    juce::Component* getControl (const juce::Identifier& property);

private:
    struct Knob
    {
        juce::Identifier property;
        juce::Slider slider;
        juce::Label caption;
    };
    struct Toggle
    {
        juce::Identifier property;
        juce::ToggleButton button;
    };

    Knob& addKnob (const juce::Identifier&, const juce::String& caption,
                   juce::NormalisableRange<double> range, double reset, const juce::String& suffix);
    Toggle& addToggle (const juce::Identifier&, const juce::String& text);
    void pullFromModel();
    void tagForMidiLearn();
    void valueTreePropertyChanged (juce::ValueTree&, const juce::Identifier&) override;

    Session& session;
    juce::ValueTree pad;
    int padIndex = -1;
    juce::OwnedArray<Knob> knobs;
    juce::OwnedArray<Toggle> toggles;
    juce::ComboBox pitchMode, playMode, chokeGroup;
    juce::Label title, fileLabel, pitchHeading{ {}, "PITCH" }, eqHeading{ {}, "EQ" },
        playHeading{ {}, "PLAY" };
    bool isPulling = false;
};

} // namespace paddeck
