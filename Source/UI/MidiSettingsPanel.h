#pragma once

#include "Control/MidiController.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The MIDI settings dialog's content: which MIDI inputs play, the output that lights the
    controller's pads, the controller presets, import and export of the mapping, and the list of
    bindings (each with its CC encoding and a remove button). Follows the controller's change
    messages, so learn, plugged-in devices and imports show at once. [message] */
class MidiSettingsPanel : public juce::Component, private juce::ChangeListener
{
public:
    explicit MidiSettingsPanel (MidiController& midi);
    ~MidiSettingsPanel() override;

    /** Reads devices and the mapping from the controller again (change messages call it). */
    void refresh();

    void paint (juce::Graphics&) override;
    void resized() override;

    // For tests
    juce::ComboBox& getPresetChooser() noexcept { return presets; }
    juce::ComboBox& getFeedbackOutputChooser() noexcept { return feedbackOutput; }
    int getNumBindingRows() const noexcept { return rows.size(); }
    juce::String getBindingRowText (int row) const;
    juce::Button* getRemoveButton (int row);
    juce::ComboBox* getEncodingChooser (int row); // null for notes and pitch bend
    juce::String getInputsText() const;           // the inputs as listed, or the "no inputs" line
    juce::String getDescriptionText() const { return description.getText(); }

    static constexpr int defaultWidth = 660, defaultHeight = 580;

private:
    class BindingRow;

    void changeListenerCallback (juce::ChangeBroadcaster*) override { refresh(); }
    void refreshInputs();
    void refreshOutputs();
    void refreshMapping();
    void choosePreset();
    void importMapping();
    void exportMapping();
    void showStatus (const juce::String& text, bool isError);

    MidiController& midi;
    juce::Label inputsHeading{ {}, "MIDI INPUTS" }, outputHeading{ {}, "LED FEEDBACK OUTPUT" },
        presetHeading{ {}, "CONTROLLER PRESET" }, bindingsHeading, noInputs, outputHint, description;
    juce::OwnedArray<juce::ToggleButton> inputToggles;
    juce::StringArray inputIds, outputIds;
    juce::ComboBox feedbackOutput, presets;
    juce::Array<juce::File> presetFiles;
    juce::StringArray presetDescriptions;
    juce::TextButton importButton{ juce::String::fromUTF8 ("Import\u2026") },
        exportButton{ juce::String::fromUTF8 ("Export\u2026") };
    juce::Viewport bindingsView;
    juce::Component bindingsList;
    juce::OwnedArray<BindingRow> rows;
    std::unique_ptr<juce::FileChooser> chooser;
    MidiMapping shownMapping;
    bool mappingShown = false;
};

} // namespace paddeck
