#include "UI/CueStrip.h"

#include "Model/ControlRanges.h"
#include "UI/MasterStrip.h"
#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

CueStrip::CueStrip (Session& s)
    : session (s)
{
    for (auto* knob : { &level, &blend })
    {
        knob->setSliderStyle (juce::Slider::RotaryHorizontalVerticalDrag);
        knob->setTextBoxStyle (juce::Slider::TextBoxBelow, false, 64, 16);
        knob->setWantsKeyboardFocus (false);
        knob->setColour (juce::Slider::rotarySliderFillColourId, Palette::cue);
        knob->onDragStart = [this] { session.beginGesture(); }; // a turn is one undo step
        knob->onDragEnd = [this] { session.endGesture(); };
        addAndMakeVisible (knob);
    }

    auto levelRange = ControlRanges::cueDb(); // travels like a MIDI knob bound to it
    levelRange.interval = 0.1;
    level.setNormalisableRange (levelRange);
    level.textFromValueFunction = [] (double v)
    { return v <= -60.0 ? juce::String ("-inf dB") : juce::String (v, 1) + " dB"; };
    level.valueFromTextFunction = [] (const juce::String& text) { return text.getDoubleValue(); };
    level.setDoubleClickReturnValue (true, CueControls::defaultLevelDb);
    level.setTooltip ("The headphones' level");
    level.onValueChange = [this]
    { cue.setLevelDb (level.getValue() <= -60.0 ? ControlRanges::masterOffDb : level.getValue()); };

    blend.setNormalisableRange (ControlRanges::cueBlend());
    blend.textFromValueFunction = [] (double v)
    {
        return v <= 0.0   ? juce::String ("cue")
               : v >= 1.0 ? juce::String ("master")
                          : juce::String (juce::roundToInt (v * 100)) + "% mst";
    };
    blend.setDoubleClickReturnValue (true, 0.5);
    blend.setTooltip ("What the headphones hear: the cued pads alone (left), the master alone (right), "
                      "or both (one pair of headphones for everything)");
    blend.onValueChange = [this] { cue.setBlend (blend.getValue()); };

    click.setClickingTogglesState (true);
    click.setWantsKeyboardFocus (false);
    click.setColour (juce::TextButton::buttonOnColourId, Palette::cue.darker (0.3f));
    click.setTooltip ("The metronome clicks in the headphones, not in the master");
    click.onClick = [this] { cue.setMetronomeOnCue (click.getToggleState()); };
    addAndMakeVisible (click);

    level.updateText(); // the text boxes were made before their formats
    blend.updateText();

    MidiLearnTag::set (level, { MidiTarget::Type::cueLevel });
    MidiLearnTag::set (blend, { MidiTarget::Type::cueBlend });
    MidiLearnTag::set (click, { MidiTarget::Type::metronomeToCue });
    refresh();
}

void CueStrip::setDeviceStatus (const DeviceStatus& status)
{
    const bool on = status.hasCue();
    const auto reason = status.cueOffReason();
    if (on == cueOn && reason == offReason)
        return;
    cueOn = on;
    offReason = reason;
    setTooltip (offReason);
    // Still settable (they are the set's, for the next device), but dimmed: nothing is heard.
    for (auto* c : std::initializer_list<juce::Component*>{ &level, &blend, &click })
        c->setAlpha (cueOn ? 1.0f : 0.45f);
    repaint();
}

void CueStrip::refresh()
{
    if (!level.isMouseButtonDown())
        level.setValue (juce::jmax (-60.0, cue.getLevelDb()), juce::dontSendNotification);
    if (!blend.isMouseButtonDown())
        blend.setValue (cue.getBlend(), juce::dontSendNotification);
    click.setToggleState (cue.isMetronomeOnCue(), juce::dontSendNotification);

    auto& m = session.getEngine().getMeters();
    const float peaks[2] = { EngineMeters::takePeak (m.cuePeakLeft),
                             EngineMeters::takePeak (m.cuePeakRight) };
    const float rms[2] = { m.cueRmsLeft.load(), m.cueRmsRight.load() };
    for (int ch = 0; ch < 2; ++ch)
    {
        peakDb[ch] = MasterStrip::fallingPeakDb (peakDb[ch], peaks[ch]);
        rmsDb[ch] = juce::Decibels::gainToDecibels (rms[ch], -100.0f);
    }

    // Silence sits at the floor: repaint only while something moves.
    const bool moving =
        peakDb[0] > -100.0f || peakDb[1] > -100.0f || rmsDb[0] > -100.0f || rmsDb[1] > -100.0f;
    if (moving || wasMoving)
        repaint (meterArea);
    wasMoving = moving;
}

void CueStrip::paint (juce::Graphics& g)
{
    g.setColour (Palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), 8.0f);
    g.setColour (Palette::cue.withAlpha (cueOn ? 0.6f : 0.2f));
    g.drawRoundedRectangle (getLocalBounds().toFloat().reduced (0.5f), 8.0f, 1.0f);

    g.setColour (Palette::cue);
    g.setFont (juce::Font (11.0f, juce::Font::bold));
    g.drawText ("CUE", getLocalBounds().removeFromTop (26), juce::Justification::centred);

    // ON / OFF at a glance; when off, why, in words.
    g.setColour (cueOn ? Palette::cue.withAlpha (0.25f) : Palette::danger.withAlpha (0.25f));
    g.fillRoundedRectangle (stateArea.toFloat(), 3.0f);
    g.setColour (cueOn ? Palette::cue : Palette::danger.brighter (0.3f));
    g.setFont (juce::Font (10.5f, juce::Font::bold));
    g.drawText (cueOn ? juce::String (juce::CharPointer_UTF8 ("ON \xc2\xb7 OUT 3/4")) : juce::String ("OFF"),
                stateArea, juce::Justification::centred);

    g.setColour (Palette::textDim);
    g.setFont (juce::Font (10.0f, juce::Font::bold));
    g.drawText ("LEVEL", levelCaption, juce::Justification::centred);
    g.drawText (juce::CharPointer_UTF8 ("CUE \xe2\x97\x80 MIX \xe2\x96\xb6 MST"), blendCaption,
                juce::Justification::centred);

    if (cueOn)
    {
        auto meter = meterArea.toFloat();
        const float w = (meter.getWidth() - 3.0f) / 2.0f;
        MasterStrip::paintLevelMeter (g, meter.removeFromLeft (w), peakDb[0], rmsDb[0]);
        meter.removeFromLeft (3.0f);
        MasterStrip::paintLevelMeter (g, meter, peakDb[1], rmsDb[1]);
        g.setColour (Palette::textDim);
        g.setFont (juce::Font (10.0f));
        g.drawFittedText ("Shift + pad: preview in the cue only", hintArea, juce::Justification::centred, 3);
    }
    else
    {
        g.setColour (Palette::text.withAlpha (0.85f));
        g.setFont (juce::Font (12.0f));
        g.drawFittedText (offReason.fromFirstOccurrenceOf ("Cue off: ", false, false),
                          meterArea.getUnion (hintArea).reduced (2), juce::Justification::centredTop, 8);
    }
}

void CueStrip::resized()
{
    auto area = getLocalBounds().reduced (8);
    area.removeFromTop (18);
    stateArea = area.removeFromTop (20);
    area.removeFromTop (8);
    levelCaption = area.removeFromTop (14);
    level.setBounds (area.removeFromTop (78));
    area.removeFromTop (4);
    blendCaption = area.removeFromTop (14);
    blend.setBounds (area.removeFromTop (78));
    area.removeFromTop (6);
    click.setBounds (area.removeFromTop (28));
    area.removeFromTop (8);
    hintArea = area.removeFromBottom (40);
    area.removeFromBottom (4);
    meterArea = area.withSizeKeepingCentre (juce::jmin (40, area.getWidth()), area.getHeight());
}

} // namespace paddeck
