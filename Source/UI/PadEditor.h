#pragma once

#include "Control/Session.h"
#include "UI/PadTempoSection.h"
#include "UI/WaveformEditor.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The selected pad's controls: pitch (semitones, cents, Varispeed/KeyLock), 3-band EQ with
    kills, gain, play mode (looping is one of them), choke group, velocity, CUE, its SHAPE (start and
    end points in seconds of the file, fades in ms, reverse; all of them, and the loop's points, on
    the waveform at the top: WaveformEditor) and its TEMPO (PadTempoSection).
   Every control writes the model at once, so it takes effect while the pad plays; double-click resets a knob.
   A synced Varispeed pad's pitch follows the tempo, so its pitch knobs are off and say why. When the window
   is short the controls scroll. [message] */
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

    /** Shows whether the pad's file is missing, with a Locate button, and what its tempo analysis
        found; the main window calls it at 30 Hz. */
    void refreshStatus();
    std::function<void (int globalIndex)> onLocate;
    std::function<void (const juce::String&)> onMessage; // a refused tempo, and the like
    juce::Button& getLocateButton() noexcept { return locateButton; }
    /** Opens the pad's Slice to pads menu (SliceMenu). */
    juce::Button& getSliceButton() noexcept { return sliceButton; }
    PadTempoSection& getTempoSection() noexcept { return tempo; }
    juce::Viewport& getViewport() noexcept { return viewport; }
    WaveformEditor& getWaveform() noexcept { return waveform; }

    /** Shown under the pitch knobs while they are off: "Varispeed + sync: pitch follows tempo…". */
    juce::String getPitchHint() const { return pitchHint.isVisible() ? pitchHint.getText() : juce::String(); }

private:
    struct Knob
    {
        juce::Identifier property;
        juce::Slider slider;
        juce::Label caption;
        // A knob whose value is not the model's (START and END show seconds; the model holds
        // frames of the file): how one becomes the other. Null: the same.
        std::function<juce::var (double)> toModel;
        std::function<double (const juce::var&)> fromModel;
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
    /** START and END span the loaded file: set again when the pad's sample changes. */
    void updateFileSpan();
    void tagForMidiLearn();
    int layOut (juce::Rectangle<int> area, int knobRowHeight); // returns the height it used
    void valueTreePropertyChanged (juce::ValueTree&, const juce::Identifier&) override;

    Session& session;
    juce::ValueTree pad;
    int padIndex = -1;
    juce::OwnedArray<Knob> knobs;
    juce::OwnedArray<Toggle> toggles;
    juce::ComboBox pitchMode, playMode, chokeGroup;
    juce::TextButton locateButton{ "Locate..." }, sliceButton{ "SLICE..." };
    juce::Label title, fileLabel, pitchHeading{ {}, "PITCH" }, eqHeading{ {}, "EQ" },
        playHeading{ {}, "PLAY" }, shapeHeading{ {}, "SHAPE" }, pitchHint;
    PadTempoSection tempo;
    WaveformEditor waveform;
    juce::Viewport viewport;
    juce::Component content; // everything above, scrolled by the viewport when the editor is short
    bool isPulling = false;
    const Sample* spannedSample = nullptr; // the file START and END span now
    double fileRate = 0.0, fileSeconds = 0.0;
};

} // namespace paddeck
