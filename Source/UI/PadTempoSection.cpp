#include "UI/PadTempoSection.h"

#include "Model/Identifiers.h"
#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"
#include "UI/TempoText.h"

namespace paddeck
{

static constexpr int globalId = 1; // the quantize box: Global, then Off … 4 bars from 2 on

PadTempoSection::PadTempoSection (Session& s)
    : session (s)
{
    heading.setFont (juce::Font (11.0f, juce::Font::bold));
    heading.setColour (juce::Label::textColourId, Palette::accent);
    for (auto* label : { &info, &analysis, &quantizeCaption })
    {
        label->setFont (juce::Font (12.0f));
        label->setColour (juce::Label::textColourId, Palette::textDim);
        label->setMinimumHorizontalScale (0.85f);
    }
    analysis.setJustificationType (juce::Justification::topLeft);
    for (auto* label : { &heading, &info, &analysis, &quantizeCaption })
        addAndMakeVisible (label);

    bpm.setFont (juce::Font (20.0f, juce::Font::bold));
    bpm.setJustificationType (juce::Justification::centredLeft);
    bpm.setColour (juce::Label::outlineColourId, Palette::outline);
    bpm.setTooltip ("The pad's tempo. Double-click to type it (20-300 BPM); drag or turn the wheel to "
                    "change it.");
    bpm.onChange = [this] (double value) { return session.setPadTempo (padIndex, value, "typed"); };
    bpm.onMessage = [this] (const juce::String& text) { showMessage (text); };
    bpm.onGestureStart = [this] { session.beginGesture(); };
    bpm.onGestureEnd = [this] { session.endGesture(); };
    addAndMakeVisible (bpm);

    twice.setTooltip ("Double the tempo (detection heard half time)");
    half.setTooltip ("Halve the tempo (detection heard double time)");
    tap.setTooltip ("Tap the pad's beat: from the second tap on, its tempo follows your taps");
    none.setTooltip ("No tempo: a one-shot that plays at its own speed, never synced");
    twice.onClick = [this]
    {
        if (const auto r = scaleTempo (2.0); r.failed())
            showMessage (r.getErrorMessage());
    };
    half.onClick = [this]
    {
        if (const auto r = scaleTempo (0.5); r.failed())
            showMessage (r.getErrorMessage());
    };
    tap.setTriggeredOnMouseDown (true); // the tap is when the button goes down
    tap.onClick = [this] { session.tapPadTempo (padIndex); };
    none.onClick = [this] { session.setPadTempo (padIndex, 0.0); };

    inPhase.setTooltip ("A launch after the bar has begun starts where the loop would be had it "
                        "started on the bar");
    quantizeStop.setTooltip ("Stopping the pad waits for its quantize step too");
    const auto toggleProperty = [this] (juce::ToggleButton& button, const juce::Identifier& property)
    {
        button.onClick = [this, &button, property]
        {
            if (!isPulling)
                session.setPadProperty (padIndex, property, button.getToggleState());
        };
    };
    toggleProperty (sync, IDs::sync);
    toggleProperty (inPhase, IDs::inPhase);
    toggleProperty (quantizeStop, IDs::quantizeStop);

    quantize.addItem ("Global", globalId);
    for (int q = 0; q < QuantizeGrid::numChoices; ++q)
        quantize.addItem (QuantizeGrid::describe ((Quantize) q), globalId + 1 + q);
    quantize.setTooltip ("Where a hit on this pad waits for: the set's quantize (in the header), or its own");
    quantize.onChange = [this]
    {
        if (isPulling)
            return;
        const int id = quantize.getSelectedId();
        session.setPadProperty (padIndex, IDs::quantize,
                                id == globalId ? juce::String ("global")
                                               : QuantizeGrid::toString ((Quantize) (id - globalId - 1)));
    };

    for (auto* c : std::initializer_list<juce::Component*>{ &twice, &half, &tap, &none, &sync, &inPhase,
                                                            &quantizeStop, &quantize })
    {
        c->setWantsKeyboardFocus (false);
        addAndMakeVisible (c);
    }
}

juce::Result PadTempoSection::scaleTempo (double factor)
{
    const auto settings = session.getPadSettings (padIndex);
    if (!settings.hasTempo())
        return juce::Result::fail ("This pad has no tempo to double or halve: type or tap one.");
    return session.setPadTempo (padIndex, settings.bpm * factor, "typed");
}

void PadTempoSection::showMessage (const juce::String& text)
{
    if (onMessage)
        onMessage (text);
}

void PadTempoSection::setPad (int globalIndex)
{
    padIndex = globalIndex;

    // MIDI pad targets name a row and column of the bank that plays: the selected pad's.
    const int columns = juce::jmax (1, (int) session.getSet()[IDs::gridColumns]);
    const int padInBank = padIndex % juce::jmax (1, session.getPadsPerBank());
    MidiLearnTag::set (sync, { MidiTarget::Type::padSync, padInBank / columns, padInBank % columns });
    MidiLearnTag::set (quantize, { MidiTarget::Type::padQuantize, padInBank / columns, padInBank % columns });
    pullFromModel();
}

void PadTempoSection::pullFromModel()
{
    const juce::ScopedValueSetter<bool> pulling (isPulling, true);
    const auto settings = session.getPadSettings (padIndex);

    bpm.setValue (settings.bpm, settings.hasTempo()   ? TempoText::bpm (settings.bpm)
                                : settings.bpm == 0.0 ? juce::String ("none")
                                                      : juce::String::fromUTF8 ("\u2014"));
    for (auto* button : { &twice, &half })
        button->setEnabled (settings.hasTempo());

    sync.setToggleState (settings.sync, juce::dontSendNotification);
    sync.setEnabled (settings.hasTempo());
    sync.setTooltip (
        settings.hasTempo()
            ? "Play at the master tempo: KeyLock pads are stretched with their key kept, Varispeed "
              "pads change speed and pitch together, like a turntable"
            : "Sync needs the pad's tempo: type or tap it (or wait for the analysis)");
    inPhase.setToggleState (settings.inPhase, juce::dontSendNotification);
    quantizeStop.setToggleState (settings.quantizeStop, juce::dontSendNotification);
    quantize.setSelectedId (settings.quantize == PadSettings::followGlobal ? globalId
                                                                           : globalId + 1 + settings.quantize,
                            juce::dontSendNotification);
    refreshStatus();
}

void PadTempoSection::setText (juce::Label& label, const juce::String& text, juce::Colour colour)
{
    if (label.getText() != text)
        label.setText (text, juce::dontSendNotification);
    label.setColour (juce::Label::textColourId, colour);
}

void PadTempoSection::refreshStatus()
{
    const auto settings = session.getPadSettings (padIndex);
    const auto& status = session.getPadStatus (padIndex);
    setText (info, TempoText::padSummary (settings, status, session.getBeatsPerBar()), Palette::textDim);
    bool disagrees = false;
    const auto found = TempoText::analysis (settings, status, disagrees);
    setText (analysis, found, disagrees ? Palette::warning : Palette::textDim);

    // "Global" says what the set's quantize is now.
    const auto global = "Global (" + QuantizeGrid::describe (session.getGlobalQuantize()) + ")";
    if (quantize.getItemText (0) != global)
    {
        // (A combo box reports no selection once its item's text differs from what it shows.)
        const int selected = quantize.getSelectedId();
        quantize.changeItemText (globalId, global);
        quantize.setSelectedId (selected, juce::dontSendNotification); // shows the new text
    }
}

void PadTempoSection::resized()
{
    auto area = getLocalBounds();
    heading.setBounds (area.removeFromTop (16));

    auto row = area.removeFromTop (28);
    bpm.setBounds (row.removeFromLeft (juce::jmax (80, row.getWidth() - 4 * 52)).reduced (2, 1));
    for (auto* button : { &twice, &half, &tap, &none })
        button->setBounds (row.removeFromLeft (52).reduced (3, 1));
    area.removeFromTop (2);
    info.setBounds (area.removeFromTop (18));

    auto toggles = area.removeFromTop (24);
    sync.setBounds (toggles.removeFromLeft (toggles.getWidth() * 22 / 100));
    inPhase.setBounds (toggles.removeFromLeft (toggles.getWidth() * 40 / 100));
    quantizeStop.setBounds (toggles);
    area.removeFromTop (4);

    auto quantizeRow = area.removeFromTop (26);
    quantizeCaption.setBounds (quantizeRow.removeFromLeft (70));
    quantize.setBounds (quantizeRow.reduced (4, 0));

    // Last, so an empty line leaves no gap between the controls.
    area.removeFromTop (2);
    analysis.setBounds (area.removeFromTop (32));
}

} // namespace paddeck
