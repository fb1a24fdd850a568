#include "UI/MidiSettingsPanel.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

static constexpr int noOutputId = 1, firstOutputId = 2, missingOutputId = 1000;
static constexpr int rowHeight = 28;

/** One binding in the list: source, target, the CC encoding and a remove button. */
class MidiSettingsPanel::BindingRow : public juce::Component
{
public:
    BindingRow (MidiController& midi, int index, const MidiBinding& binding)
    {
        source.setText (binding.source.describe(), juce::dontSendNotification);
        target.setText (juce::String::fromUTF8 ("\u2192  ") + binding.target.describe(),
                        juce::dontSendNotification);
        for (auto* label : { &source, &target })
        {
            label->setFont (juce::Font (13.0f));
            label->setMinimumHorizontalScale (0.8f);
            addAndMakeVisible (label);
        }

        if (binding.source.type == MidiSource::Type::controller)
        {
            encoding.addItemList ({ "Absolute", "Relative (2's complement)", "Relative (binary offset)",
                                    "Relative (sign-magnitude)" },
                                  1);
            encoding.setSelectedId ((int) binding.source.encoding + 1, juce::dontSendNotification);
            encoding.setTooltip ("How the controller sends this CC: absolute knobs and faders send "
                                 "positions, endless encoders send steps in one of three codings.");
            encoding.onChange = [&midi, index, this]
            { midi.setEncoding (index, (MidiSource::Encoding) (encoding.getSelectedId() - 1)); };
            addAndMakeVisible (encoding);
        }

        remove.setTooltip ("Remove this binding");
        remove.onClick = [&midi, index] { midi.removeBinding (index); };
        addAndMakeVisible (remove);
    }

    void resized() override
    {
        auto area = getLocalBounds().reduced (4, 2);
        remove.setBounds (area.removeFromRight (72));
        area.removeFromRight (6);
        encoding.setBounds (area.removeFromRight (190));
        area.removeFromRight (6);
        source.setBounds (area.removeFromLeft (area.getWidth() / 2));
        target.setBounds (area);
    }

    juce::String getText() const { return source.getText() + "  " + target.getText(); }

    juce::Label source, target;
    juce::ComboBox encoding;
    juce::TextButton remove{ "Remove" };
};

//==============================================================================
MidiSettingsPanel::MidiSettingsPanel (MidiController& m)
    : midi (m)
{
    for (auto* heading : { &inputsHeading, &outputHeading, &presetHeading, &bindingsHeading })
    {
        heading->setFont (juce::Font (11.0f, juce::Font::bold));
        heading->setColour (juce::Label::textColourId, Palette::accent);
        addAndMakeVisible (heading);
    }
    noInputs.setText ("No MIDI inputs found. Plug in a controller: PadDeck picks it up within a few seconds.",
                      juce::dontSendNotification);
    noInputs.setColour (juce::Label::textColourId, Palette::warning);
    addChildComponent (noInputs);
    outputHint.setText ("Lights the controller's pads: loaded, playing, missing.",
                        juce::dontSendNotification);
    outputHint.setColour (juce::Label::textColourId, Palette::textDim);
    addAndMakeVisible (outputHint);

    description.setJustificationType (juce::Justification::topLeft);
    description.setColour (juce::Label::textColourId, Palette::textDim);
    description.setMinimumHorizontalScale (1.0f);
    addAndMakeVisible (description);

    feedbackOutput.onChange = [this]
    {
        const int id = feedbackOutput.getSelectedId();
        if (id == noOutputId)
            midi.setFeedbackOutput ({});
        else if (id >= firstOutputId && id < firstOutputId + outputIds.size())
            midi.setFeedbackOutput (outputIds[id - firstOutputId]);
    };
    addAndMakeVisible (feedbackOutput);

    presetFiles = MidiPresets::list();
    for (int i = 0; i < presetFiles.size(); ++i)
    {
        MidiMapping preset;
        const bool readable = MidiMapping::load (presetFiles[i], preset).wasOk();
        presets.addItem (readable ? preset.name : presetFiles[i].getFileNameWithoutExtension(), i + 1);
        presetDescriptions.add (preset.description);
    }
    presets.setTextWhenNothingSelected (juce::String::fromUTF8 ("Choose a preset\u2026"));
    presets.setTextWhenNoChoicesAvailable ("No presets found");
    presets.onChange = [this] { choosePreset(); };
    addAndMakeVisible (presets);

    importButton.setTooltip ("Use a mapping file (JSON) exported from PadDeck or written by hand");
    exportButton.setTooltip ("Save this mapping as a JSON file, to share it or keep it");
    importButton.onClick = [this] { importMapping(); };
    exportButton.onClick = [this] { exportMapping(); };
    addAndMakeVisible (importButton);
    addAndMakeVisible (exportButton);

    bindingsView.setViewedComponent (&bindingsList, false);
    bindingsView.setScrollBarsShown (true, false);
    addAndMakeVisible (bindingsView);

    setSize (defaultWidth, defaultHeight);
    refresh();
    midi.addChangeListener (this);
}

MidiSettingsPanel::~MidiSettingsPanel() { midi.removeChangeListener (this); }

void MidiSettingsPanel::refresh()
{
    refreshInputs();
    refreshOutputs();
    refreshMapping();
}

void MidiSettingsPanel::refreshInputs()
{
    const auto inputs = midi.getInputs();
    juce::StringArray ids;
    for (const auto& input : inputs)
        ids.add (input.identifier);

    if (ids != inputIds)
    {
        inputIds = ids;
        inputToggles.clear();
        for (const auto& input : inputs)
        {
            auto* toggle = inputToggles.add (new juce::ToggleButton (input.name));
            const auto id = input.identifier;
            toggle->onClick = [this, toggle, id] { midi.setInputEnabled (id, toggle->getToggleState()); };
            addAndMakeVisible (toggle);
        }
        resized();
    }
    noInputs.setVisible (inputs.isEmpty());
    for (int i = 0; i < inputToggles.size(); ++i)
        inputToggles[i]->setToggleState (midi.isInputEnabled (inputIds[i]), juce::dontSendNotification);
}

void MidiSettingsPanel::refreshOutputs()
{
    const auto outputs = midi.getOutputs();
    juce::StringArray ids;
    for (const auto& output : outputs)
        ids.add (output.identifier);

    const auto chosen = midi.getFeedbackOutput();
    feedbackOutput.clear (juce::dontSendNotification);
    outputIds = ids;
    feedbackOutput.addItem (outputs.isEmpty() ? "None (no MIDI outputs found)" : "None", noOutputId);
    for (int i = 0; i < outputs.size(); ++i)
        feedbackOutput.addItem (outputs[i].name, firstOutputId + i);

    if (chosen.isEmpty())
        feedbackOutput.setSelectedId (noOutputId, juce::dontSendNotification);
    else if (const int index = ids.indexOf (chosen); index >= 0)
        feedbackOutput.setSelectedId (firstOutputId + index, juce::dontSendNotification);
    else
    {
        // Remembered, but unplugged: it lights up again when it comes back.
        feedbackOutput.addItem (chosen + " (not connected)", missingOutputId);
        feedbackOutput.setSelectedId (missingOutputId, juce::dontSendNotification);
    }
}

void MidiSettingsPanel::refreshMapping()
{
    const auto& mapping = midi.getMapping();

    int preset = 0;
    for (int i = 0; i < presets.getNumItems(); ++i)
        if (presets.getItemText (i) == mapping.name)
            preset = presets.getItemId (i);
    presets.setSelectedId (preset, juce::dontSendNotification);

    if (mappingShown && mapping == shownMapping)
        return;
    shownMapping = mapping;
    mappingShown = true;

    description.setColour (juce::Label::textColourId, Palette::textDim);
    // A set's own copy of a preset may have lost its description: the preset still has it.
    auto text = mapping.description;
    if (text.isEmpty() && preset > 0)
        text = presetDescriptions[preset - 1];
    if (text.isEmpty())
        text = "Your own mapping: click Learn in the header to bind more controls.";
    description.setText (text, juce::dontSendNotification);
    const auto count = (int) mapping.bindings.size();
    bindingsHeading.setText (juce::String::fromUTF8 ("BINDINGS \u2014 ")
                                 + (mapping.name.isNotEmpty() ? mapping.name : "Untitled") + ", "
                                 + juce::String (count) + (count == 1 ? " binding" : " bindings"),
                             juce::dontSendNotification);

    rows.clear();
    for (int i = 0; i < count; ++i)
        bindingsList.addAndMakeVisible (rows.add (new BindingRow (midi, i, mapping.bindings[(size_t) i])));
    resized();
}

juce::String MidiSettingsPanel::getBindingRowText (int row) const
{
    return juce::isPositiveAndBelow (row, rows.size()) ? rows[row]->getText() : juce::String();
}

juce::Button* MidiSettingsPanel::getRemoveButton (int row)
{
    return juce::isPositiveAndBelow (row, rows.size()) ? &rows[row]->remove : nullptr;
}

juce::ComboBox* MidiSettingsPanel::getEncodingChooser (int row)
{
    return juce::isPositiveAndBelow (row, rows.size()) && rows[row]->encoding.isVisible()
               ? &rows[row]->encoding
               : nullptr;
}

juce::String MidiSettingsPanel::getInputsText() const
{
    if (inputToggles.isEmpty())
        return noInputs.getText();
    juce::StringArray names;
    for (auto* toggle : inputToggles)
        names.add (toggle->getButtonText() + (toggle->getToggleState() ? " (on)" : " (off)"));
    return names.joinIntoString (", ");
}

void MidiSettingsPanel::choosePreset()
{
    const int index = presets.getSelectedId() - 1;
    if (!juce::isPositiveAndBelow (index, presetFiles.size()))
        return;
    if (const auto r = midi.importMapping (presetFiles[index]); r.failed())
        showStatus (r.getErrorMessage(), true);
    else
        refreshMapping(); // at once, not on the change message: the description belongs to this choice
}

void MidiSettingsPanel::importMapping()
{
    chooser = std::make_unique<juce::FileChooser> ("Import a MIDI mapping", MidiPresets::folder(), "*.json");
    chooser->launchAsync (juce::FileBrowserComponent::openMode | juce::FileBrowserComponent::canSelectFiles,
                          [this] (const juce::FileChooser& fc)
                          {
                              const auto file = fc.getResult();
                              if (file == juce::File())
                                  return;
                              if (const auto r = midi.importMapping (file); r.failed())
                                  showStatus (r.getErrorMessage(), true);
                              else
                                  refreshMapping();
                          });
}

void MidiSettingsPanel::exportMapping()
{
    const auto name = midi.getMapping().name.isNotEmpty() ? midi.getMapping().name : "MIDI mapping";
    const auto start = juce::File::getSpecialLocation (juce::File::userDocumentsDirectory)
                           .getChildFile (juce::File::createLegalFileName (name) + ".json");
    chooser = std::make_unique<juce::FileChooser> ("Export the MIDI mapping", start, "*.json");
    chooser->launchAsync (
        juce::FileBrowserComponent::saveMode | juce::FileBrowserComponent::warnAboutOverwriting,
        [this] (const juce::FileChooser& fc)
        {
            if (fc.getResult() == juce::File())
                return;
            const auto file = fc.getResult().withFileExtension ("json");
            const auto r = midi.exportMapping (file);
            showStatus (r.wasOk() ? "Exported to " + file.getFullPathName() : r.getErrorMessage(),
                        r.failed());
        });
}

void MidiSettingsPanel::showStatus (const juce::String& text, bool isError)
{
    description.setColour (juce::Label::textColourId, isError ? Palette::danger : Palette::text);
    description.setText (text, juce::dontSendNotification);
}

void MidiSettingsPanel::paint (juce::Graphics& g)
{
    g.fillAll (Palette::panel);
    g.setColour (Palette::background);
    g.fillRoundedRectangle (bindingsView.getBounds().toFloat().expanded (2.0f), 4.0f);
}

void MidiSettingsPanel::resized()
{
    auto area = getLocalBounds().reduced (16, 12);

    inputsHeading.setBounds (area.removeFromTop (18));
    if (inputToggles.isEmpty())
        noInputs.setBounds (area.removeFromTop (24));
    for (auto* toggle : inputToggles)
        toggle->setBounds (area.removeFromTop (24));
    area.removeFromTop (10);

    outputHeading.setBounds (area.removeFromTop (18));
    auto outputRow = area.removeFromTop (26);
    feedbackOutput.setBounds (outputRow.removeFromLeft (juce::jmin (300, outputRow.getWidth())));
    outputHint.setBounds (outputRow.withTrimmedLeft (8));
    area.removeFromTop (10);

    presetHeading.setBounds (area.removeFromTop (18));
    auto presetRow = area.removeFromTop (26);
    exportButton.setBounds (presetRow.removeFromRight (90));
    presetRow.removeFromRight (6);
    importButton.setBounds (presetRow.removeFromRight (90));
    presetRow.removeFromRight (12);
    presets.setBounds (presetRow);
    area.removeFromTop (4);
    description.setBounds (area.removeFromTop (52));
    area.removeFromTop (6);

    bindingsHeading.setBounds (area.removeFromTop (18));
    area.removeFromTop (4);
    bindingsView.setBounds (area);

    const int width = bindingsView.getMaximumVisibleWidth();
    bindingsList.setSize (width, rows.size() * rowHeight);
    for (int i = 0; i < rows.size(); ++i)
        rows[i]->setBounds (0, i * rowHeight, width, rowHeight);
}

} // namespace paddeck
