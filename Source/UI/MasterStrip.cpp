#include "UI/MasterStrip.h"

#include "Model/ControlRanges.h"
#include "Model/Identifiers.h"
#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

static constexpr float meterFloorDb = -60.0f, meterTopDb = 6.0f;

float MasterStrip::meterPosition (float db) noexcept
{
    return juce::jlimit (0.0f, 1.0f, (db - meterFloorDb) / (meterTopDb - meterFloorDb));
}

MasterStrip::MasterStrip (Session& s)
    : session (s)
{
    fader.setSliderStyle (juce::Slider::LinearVertical);
    fader.setTextBoxStyle (juce::Slider::TextBoxBelow, false, 76, 20);
    fader.textFromValueFunction = [] (double v)
    { return v <= -60.0 ? juce::String ("-inf dB") : juce::String (v, 1) + " dB"; };
    fader.valueFromTextFunction = [] (const juce::String& text) { return text.getDoubleValue(); };
    auto range = ControlRanges::masterDb(); // travels like a MIDI fader bound to it
    range.interval = 0.1;
    fader.setNormalisableRange (range);
    fader.setDoubleClickReturnValue (true, 0.0);
    fader.setWantsKeyboardFocus (false);
    fader.onDragStart = [this] { session.beginGesture(); }; // a drag is one undo step
    fader.onDragEnd = [this] { session.endGesture(); };
    fader.onValueChange = [this]
    { session.setMasterGainDb (fader.getValue() <= -60.0 ? -100.0 : fader.getValue()); };
    addAndMakeVisible (fader);

    stopAll.setColour (juce::TextButton::buttonColourId, Palette::danger.withAlpha (0.8f));
    stopAll.setWantsKeyboardFocus (false);
    stopAll.onClick = [this] { session.stopAll(); };
    addAndMakeVisible (stopAll);
    MidiLearnTag::set (fader, { MidiTarget::Type::masterFader });
    MidiLearnTag::set (stopAll, { MidiTarget::Type::stopAll });
    refresh();
}

void MasterStrip::refresh()
{
    if (!fader.isMouseButtonDown())
        fader.setValue (juce::jmax (-60.0, session.getMasterGainDb()), juce::dontSendNotification);

    auto& m = session.getEngine().getMeters();
    const float peaks[2] = { EngineMeters::takePeak (m.masterPeakLeft),
                             EngineMeters::takePeak (m.masterPeakRight) };
    const float rms[2] = { m.masterRmsLeft.load(), m.masterRmsRight.load() };

    for (int ch = 0; ch < 2; ++ch)
    {
        // Peaks fall back at about 24 dB a second; RMS follows as it is.
        peakDb[ch] = juce::jmax (juce::Decibels::gainToDecibels (peaks[ch], -100.0f), peakDb[ch] - 0.8f);
        rmsDb[ch] = juce::Decibels::gainToDecibels (rms[ch], -100.0f);
    }

    const int clips = m.masterClips.load();
    const bool clipped = clips != lastClips;
    if (clipped)
    {
        lastClips = clips;
        clipLit = true;
    }

    // Silence sits at the floor: repaint only while something moves.
    const bool moving =
        peakDb[0] > -100.0f || peakDb[1] > -100.0f || rmsDb[0] > -100.0f || rmsDb[1] > -100.0f;
    if (moving || clipped || wasMoving)
        repaint (meterArea.getUnion (clipArea));
    wasMoving = moving;
}

void MasterStrip::paintMeter (juce::Graphics& g, juce::Rectangle<float> area, int channel) const
{
    g.setColour (Palette::background);
    g.fillRoundedRectangle (area, 2.0f);

    auto level = [&] (float db) { return area.getHeight() * meterPosition (db); };
    const float rmsH = level (rmsDb[channel]), peakH = level (peakDb[channel]);

    juce::ColourGradient gradient (Palette::danger, area.getX(), area.getY(), Palette::playing, area.getX(),
                                   area.getBottom(), false);
    gradient.addColour (1.0 - meterPosition (-6.0f), Palette::warning);
    g.setGradientFill (gradient);
    g.fillRect (area.withTop (area.getBottom() - rmsH));
    g.setColour (Palette::text.withAlpha (0.85f));
    g.fillRect (area.getX(), area.getBottom() - peakH, area.getWidth(), 2.0f);
}

void MasterStrip::paint (juce::Graphics& g)
{
    g.setColour (Palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), 8.0f);

    g.setColour (Palette::textDim);
    g.setFont (juce::Font (11.0f, juce::Font::bold));
    g.drawText ("MASTER", getLocalBounds().removeFromTop (26), juce::Justification::centred);

    g.setColour (clipLit ? Palette::danger : Palette::panelRaised);
    g.fillRoundedRectangle (clipArea.toFloat(), 3.0f);
    g.setColour (clipLit ? Palette::text : Palette::textDim);
    g.drawText ("CLIP", clipArea, juce::Justification::centred);

    auto meter = meterArea.toFloat();
    const float w = (meter.getWidth() - 3.0f) / 2.0f;
    paintMeter (g, meter.removeFromLeft (w), 0);
    meter.removeFromLeft (3.0f);
    paintMeter (g, meter, 1);

    g.setFont (juce::Font (10.0f));
    for (float db : { 6.0f, 0.0f, -6.0f, -12.0f, -24.0f, -36.0f, -48.0f })
    {
        const float y = (float) meterArea.getBottom() - meterArea.getHeight() * meterPosition (db);
        g.setColour (Palette::textDim);
        g.drawText (juce::String ((int) db), scaleArea.getX(), (int) y - 6, scaleArea.getWidth(), 12,
                    juce::Justification::centredLeft);
        g.setColour (Palette::outline);
        g.drawHorizontalLine ((int) y, (float) meterArea.getX() - 3.0f, (float) meterArea.getX());
    }
}

void MasterStrip::resized()
{
    auto area = getLocalBounds().reduced (10);
    area.removeFromTop (18);
    stopAll.setBounds (area.removeFromBottom (44));
    area.removeFromBottom (10);
    clipArea = area.removeFromTop (20);
    area.removeFromTop (8);

    auto meters = area.removeFromRight (54);
    scaleArea = meters.removeFromRight (24);
    meterArea = meters.withTrimmedBottom (24);
    fader.setBounds (area);
}

void MasterStrip::mouseDown (const juce::MouseEvent& e)
{
    if (clipArea.contains (e.getPosition()))
    {
        clipLit = false;
        repaint (clipArea);
    }
}

} // namespace paddeck
