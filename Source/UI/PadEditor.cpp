#include "UI/PadEditor.h"

#include "Model/ControlRanges.h"
#include "Model/Identifiers.h"
#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

PadEditor::PadEditor (Session& s)
    : session (s)
{
    title.setFont (juce::Font (18.0f, juce::Font::bold));
    fileLabel.setFont (juce::Font (12.0f));
    fileLabel.setColour (juce::Label::textColourId, Palette::textDim);
    addAndMakeVisible (title);
    addAndMakeVisible (fileLabel);
    addChildComponent (locateButton);
    locateButton.setWantsKeyboardFocus (false);
    locateButton.setTooltip ("Find this pad's file; other missing files found near it are relinked too");
    locateButton.onClick = [this]
    {
        if (onLocate)
            onLocate (padIndex);
    };
    for (auto* heading : { &pitchHeading, &eqHeading, &playHeading })
    {
        heading->setFont (juce::Font (11.0f, juce::Font::bold));
        heading->setColour (juce::Label::textColourId, Palette::accent);
        addAndMakeVisible (heading);
    }

    // The knobs travel like the MIDI controls bound to them (Model/ControlRanges.h).
    const auto withStep = [] (juce::NormalisableRange<double> range, double step)
    {
        range.interval = step;
        return range;
    };
    addKnob (IDs::semitones, "PITCH", withStep (ControlRanges::pitchSemitones(), 1), 0, " st");
    addKnob (IDs::cents, "CENTS", { -100, 100, 1 }, 0, " ct");
    addKnob (IDs::gainDb, "GAIN", withStep (ControlRanges::padGainDb(), 0.1), 0, " dB");
    addKnob (IDs::eqLowDb, "LOW", withStep (ControlRanges::eqDb(), 0.1), 0, " dB");
    addKnob (IDs::eqMidDb, "MID", withStep (ControlRanges::eqDb(), 0.1), 0, " dB");
    addKnob (IDs::eqHighDb, "HIGH", withStep (ControlRanges::eqDb(), 0.1), 0, " dB");
    addToggle (IDs::eqLowKill, "KILL");
    addToggle (IDs::eqMidKill, "KILL");
    addToggle (IDs::eqHighKill, "KILL");
    addToggle (IDs::velocity, "Velocity");
    addToggle (IDs::loop, "Loop");

    pitchMode.addItemList ({ "Varispeed", "KeyLock" }, 1);
    pitchMode.onChange = [this]
    {
        if (!isPulling && pad.isValid())
            pad.setProperty (IDs::pitchMode, toString ((PitchMode) (pitchMode.getSelectedId() - 1)), nullptr);
    };
    playMode.addItemList ({ "One-shot", "Loop", "Gate", "Toggle", "Retrigger" }, 1);
    playMode.onChange = [this]
    {
        if (!isPulling && pad.isValid())
            pad.setProperty (IDs::playMode, toString ((PlayMode) (playMode.getSelectedId() - 1)), nullptr);
    };
    chokeGroup.addItem ("No choke", 1);
    for (int g = 1; g <= 8; ++g)
        chokeGroup.addItem ("Choke " + juce::String (g), g + 1);
    chokeGroup.onChange = [this]
    {
        if (!isPulling && pad.isValid())
            pad.setProperty (IDs::chokeGroup, chokeGroup.getSelectedId() - 1, nullptr);
    };
    for (auto* box : { &pitchMode, &playMode, &chokeGroup })
    {
        box->setWantsKeyboardFocus (false);
        addAndMakeVisible (box);
    }
}

PadEditor::~PadEditor() { pad.removeListener (this); }

PadEditor::Knob& PadEditor::addKnob (const juce::Identifier& property, const juce::String& caption,
                                     juce::NormalisableRange<double> range, double reset,
                                     const juce::String& suffix)
{
    auto* k = knobs.add (new Knob());
    k->property = property;
    auto& slider = k->slider;
    slider.setSliderStyle (juce::Slider::RotaryHorizontalVerticalDrag);
    slider.setTextBoxStyle (juce::Slider::TextBoxBelow, false, 70, 18);
    slider.setNormalisableRange (range);
    slider.setDoubleClickReturnValue (true, reset);
    slider.setTextValueSuffix (suffix);
    slider.setWantsKeyboardFocus (false);
    if (property == IDs::eqLowDb || property == IDs::eqMidDb || property == IDs::eqHighDb)
        slider.textFromValueFunction = [] (double v)
        { return v <= PadSettings::eqMinDb ? juce::String ("KILL") : juce::String (v, 1) + " dB"; };
    slider.onValueChange = [this, k]
    {
        if (!isPulling && pad.isValid())
            pad.setProperty (k->property, k->slider.getValue(), nullptr);
    };
    k->caption.setText (caption, juce::dontSendNotification);
    k->caption.setJustificationType (juce::Justification::centred);
    k->caption.setFont (juce::Font (11.0f, juce::Font::bold));
    k->caption.setColour (juce::Label::textColourId, Palette::textDim);
    addAndMakeVisible (slider);
    addAndMakeVisible (k->caption);
    return *k;
}

PadEditor::Toggle& PadEditor::addToggle (const juce::Identifier& property, const juce::String& text)
{
    auto* t = toggles.add (new Toggle());
    t->property = property;
    t->button.setButtonText (text);
    t->button.setWantsKeyboardFocus (false);
    t->button.onClick = [this, t]
    {
        if (!isPulling && pad.isValid())
            pad.setProperty (t->property, t->button.getToggleState(), nullptr);
    };
    addAndMakeVisible (t->button);
    return *t;
}

juce::Component* PadEditor::getControl (const juce::Identifier& property)
{
    for (auto* k : knobs)
        if (k->property == property)
            return &k->slider;
    for (auto* t : toggles)
        if (t->property == property)
            return &t->button;
    if (property == IDs::pitchMode)
        return &pitchMode;
    if (property == IDs::playMode)
        return &playMode;
    if (property == IDs::chokeGroup)
        return &chokeGroup;
    return nullptr;
}

void PadEditor::setPad (int globalIndex)
{
    pad.removeListener (this);
    padIndex = globalIndex;
    pad = session.getPad (globalIndex);
    pad.addListener (this);
    pullFromModel();
    tagForMidiLearn();
}

void PadEditor::tagForMidiLearn()
{
    // MIDI pad targets name a row and column of the bank that plays: the selected pad's.
    const int columns = juce::jmax (1, (int) session.getSet()[IDs::gridColumns]);
    const int padInBank = padIndex % juce::jmax (1, session.getPadsPerBank());
    const auto tag = [&] (const juce::Identifier& property, MidiTarget::Type type)
    {
        if (auto* control = getControl (property))
            MidiLearnTag::set (*control, { type, padInBank / columns, padInBank % columns });
    };
    tag (IDs::semitones, MidiTarget::Type::padPitch);
    tag (IDs::cents, MidiTarget::Type::padPitch);
    tag (IDs::gainDb, MidiTarget::Type::padGain);
    tag (IDs::eqLowDb, MidiTarget::Type::padEqLow);
    tag (IDs::eqMidDb, MidiTarget::Type::padEqMid);
    tag (IDs::eqHighDb, MidiTarget::Type::padEqHigh);
    tag (IDs::eqLowKill, MidiTarget::Type::padEqLowKill);
    tag (IDs::eqMidKill, MidiTarget::Type::padEqMidKill);
    tag (IDs::eqHighKill, MidiTarget::Type::padEqHighKill);
}

void PadEditor::valueTreePropertyChanged (juce::ValueTree&, const juce::Identifier&) { pullFromModel(); }

void PadEditor::pullFromModel()
{
    const juce::ScopedValueSetter<bool> pulling (isPulling, true);
    const auto settings = PadSettings::fromValueTree (pad);
    const int perBank = session.getPadsPerBank();

    title.setText (juce::String ("Pad ") + juce::String (padIndex % juce::jmax (1, perBank) + 1) + " · "
                       + (settings.name.isEmpty() ? juce::String ("Empty") : settings.name),
                   juce::dontSendNotification);

    for (auto* k : knobs)
        k->slider.setValue ((double) pad.getProperty (k->property, 0.0), juce::dontSendNotification);
    for (auto* t : toggles)
        t->button.setToggleState (pad.getProperty (t->property, t->property == IDs::velocity),
                                  juce::dontSendNotification);

    pitchMode.setSelectedId ((int) settings.pitchMode + 1, juce::dontSendNotification);
    playMode.setSelectedId ((int) settings.playMode + 1, juce::dontSendNotification);
    chokeGroup.setSelectedId (settings.chokeGroup + 1, juce::dontSendNotification);
    setEnabled (pad.isValid());
    refreshStatus();
}

void PadEditor::refreshStatus()
{
    const bool missing = session.getPadStatus (padIndex).state == Session::PadState::missing;
    const auto file = session.getPadSettings (padIndex).file;
    fileLabel.setText (file.isEmpty() ? juce::String ("Drop a file on a pad to load it")
                                      : (missing ? "Missing: " : "") + juce::File (file).getFileName(),
                       juce::dontSendNotification);
    fileLabel.setColour (juce::Label::textColourId, missing ? Palette::warning : Palette::textDim);
    if (missing != locateButton.isVisible())
    {
        locateButton.setVisible (missing);
        resized();
    }
}

void PadEditor::paint (juce::Graphics& g)
{
    g.setColour (Palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), 8.0f);
}

void PadEditor::resized()
{
    auto area = getLocalBounds().reduced (14, 10);
    title.setBounds (area.removeFromTop (26));
    auto fileRow = area.removeFromTop (22);
    if (locateButton.isVisible())
        locateButton.setBounds (fileRow.removeFromRight (84));
    fileLabel.setBounds (fileRow);
    area.removeFromTop (4);
    pitchHeading.setBounds (area.removeFromTop (16));

    const int knobWidth = area.getWidth() / 3;
    auto placeKnob = [&] (Knob& k, juce::Rectangle<int> r)
    {
        k.caption.setBounds (r.removeFromTop (14));
        k.slider.setBounds (r);
    };

    auto pitchRow = area.removeFromTop (100);
    placeKnob (*knobs[0], pitchRow.removeFromLeft (knobWidth));
    placeKnob (*knobs[1], pitchRow.removeFromLeft (knobWidth));
    placeKnob (*knobs[2], pitchRow);
    pitchMode.setBounds (area.removeFromTop (26).reduced (4, 0));
    area.removeFromTop (10);
    eqHeading.setBounds (area.removeFromTop (16));

    auto eqRow = area.removeFromTop (100);
    auto killRow = area.removeFromTop (26);
    for (int band = 0; band < 3; ++band)
    {
        placeKnob (*knobs[3 + band], eqRow.removeFromLeft (knobWidth));
        toggles[band]->button.setBounds (killRow.removeFromLeft (knobWidth).reduced (14, 0));
    }
    area.removeFromTop (10);
    playHeading.setBounds (area.removeFromTop (16));
    playMode.setBounds (area.removeFromTop (26).reduced (4, 0));
    area.removeFromTop (6);
    chokeGroup.setBounds (area.removeFromTop (26).reduced (4, 0));
    area.removeFromTop (6);
    auto toggleRow = area.removeFromTop (26);
    toggles[3]->button.setBounds (toggleRow.removeFromLeft (toggleRow.getWidth() / 2));
    toggles[4]->button.setBounds (toggleRow);
}

} // namespace paddeck
