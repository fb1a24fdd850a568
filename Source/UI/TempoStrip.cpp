#include "UI/TempoStrip.h"

#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"
#include "UI/TempoText.h"

namespace paddeck
{

TempoStrip::TempoStrip (Session& s)
    : session (s)
{
    bpm.setFont (juce::Font (30.0f, juce::Font::bold));
    bpm.setJustificationType (juce::Justification::centredRight);
    bpm.setTooltip ("Master tempo, 20-300 BPM. Double-click to type it; drag up or down, or turn the "
                    "mouse wheel (Shift: by hundredths).");
    bpm.onChange = [this] (double value) { return session.setMasterTempo (value); };
    bpm.onGestureStart = [this] { session.beginGesture(); };
    bpm.onGestureEnd = [this] { session.endGesture(); };
    bpm.onMessage = [this] (const juce::String& text) { showMessage (text); };
    addAndMakeVisible (bpm);
    addAndMakeVisible (beat);

    for (auto* button : { &slower, &faster, &tap, &takePad, &metronome })
    {
        button->setWantsKeyboardFocus (false);
        addAndMakeVisible (button);
    }
    const auto percent = juce::String (juce::roundToInt (PadEngine::nudgeAmount * 100.0)) + " %";
    slower.setTooltip ("Hold to play a little slower (" + percent
                       + "), to line up with music you can't sync to");
    faster.setTooltip ("Hold to play a little faster (" + percent
                       + "), to line up with music you can't sync to");
    holdNudge (slower, -1);
    holdNudge (faster, 1);

    tap.setTooltip ("Tap the beat: from the second tap on, the master tempo follows your taps");
    tap.setTriggeredOnMouseDown (true); // a tap counts when the button goes down, not when it comes up
    tap.onClick = [this] { session.tapMasterTempo(); };

    takePad.onClick = [this]
    {
        if (const auto r = session.takePadTempo (selectedPad); r.failed())
            showMessage (r.getErrorMessage());
    };

    metronome.setClickingTogglesState (true);
    metronome.setTooltip ("A click on every beat, the downbeat higher");
    metronome.onClick = [this] { session.setMetronome (metronome.getToggleState()); };

    for (int beats = 1; beats <= 16; ++beats)
        beatsPerBar.addItem (juce::String (beats) + "/4", beats);
    beatsPerBar.setTooltip ("Beats per bar");
    beatsPerBar.onChange = [this] { session.setBeatsPerBar (beatsPerBar.getSelectedId()); };

    for (int q = 0; q < QuantizeGrid::numChoices; ++q)
        quantize.addItem (QuantizeGrid::describe ((Quantize) q), q + 1);
    quantize.setTooltip ("Where a hit on a pad with a tempo waits for (pads can choose their own in the "
                         "editor): off, the next 1/16, 1/8, beat, bar, 2 or 4 bars");
    quantize.onChange = [this] { session.setGlobalQuantize ((Quantize) (quantize.getSelectedId() - 1)); };

    for (auto* box : { &beatsPerBar, &quantize })
    {
        box->setWantsKeyboardFocus (false);
        addAndMakeVisible (box);
    }

    MidiLearnTag::set (bpm, { MidiTarget::Type::masterTempo });
    MidiLearnTag::set (slower, { MidiTarget::Type::nudgeSlower });
    MidiLearnTag::set (faster, { MidiTarget::Type::nudgeFaster });
    MidiLearnTag::set (tap, { MidiTarget::Type::tapTempo });
    MidiLearnTag::set (quantize, { MidiTarget::Type::globalQuantize });
    MidiLearnTag::set (metronome, { MidiTarget::Type::metronome });

    launchesDropped = session.getEngine().getMeters().launchesDropped.load();
    refreshControls();
}

TempoStrip::~TempoStrip()
{
    if (nudging != 0)
        session.nudge (0);
}

void TempoStrip::holdNudge (juce::Button& button, int direction)
{
    // Momentary: the clock runs off tempo exactly while the button is held.
    button.onStateChange = [this, &button, direction]
    {
        const bool down = button.isDown();
        if (down && nudging != direction)
        {
            nudging = direction;
            session.nudge (direction);
        }
        else if (!down && nudging == direction)
        {
            nudging = 0;
            session.nudge (0);
        }
    };
}

void TempoStrip::setSelectedPad (int globalIndex)
{
    selectedPad = globalIndex;
    refreshControls();
}

void TempoStrip::showMessage (const juce::String& text)
{
    if (onMessage)
        onMessage (text);
}

void TempoStrip::refresh (double audibleBeat)
{
    const auto& meters = session.getEngine().getMeters();
    beat.setBeat (audibleBeat, meters.beatsPerBar.load());
    refreshControls();

    if (const int dropped = meters.launchesDropped.load(); dropped != launchesDropped)
    {
        launchesDropped = dropped;
        showMessage ("Too many pads waiting for their beat at once: a quantized hit was dropped.");
    }
    countQueued();
}

void TempoStrip::refreshControls()
{
    const auto& meters = session.getEngine().getMeters();
    const auto tempo = session.getMasterTempo();
    bpm.setValue (tempo, TempoText::bpm (tempo));

    // While a nudge is held the clock runs 2 % off the set's tempo: the BPM says so in amber.
    const auto offBy = meters.bpm.load() / tempo - 1.0;
    const bool isNudged = std::abs (std::abs (offBy) - PadEngine::nudgeAmount) < 1.0e-6;
    if (isNudged != nudged)
    {
        nudged = isNudged;
        bpm.setColour (juce::Label::textColourId, nudged ? Palette::warning : Palette::text);
    }

    if (!beatsPerBar.isPopupActive())
        beatsPerBar.setSelectedId (session.getBeatsPerBar(), juce::dontSendNotification);
    if (!quantize.isPopupActive())
        quantize.setSelectedId ((int) session.getGlobalQuantize() + 1, juce::dontSendNotification);
    metronome.setToggleState (session.isMetronomeOn(), juce::dontSendNotification);

    const auto pad = session.getPadSettings (selectedPad);
    takePad.setEnabled (pad.hasTempo());
    takePad.setTooltip (pad.hasTempo()
                            ? "Master tempo = the selected pad's tempo (" + TempoText::bpm (pad.bpm) + " BPM)"
                            : juce::String ("The selected pad has no tempo to take"));
}

void TempoStrip::countQueued()
{
    const auto& meters = session.getEngine().getMeters();
    int starts = 0, stops = 0;
    for (int i = 0; i < juce::jmin (session.getNumPads(), EngineMeters::maxPads); ++i)
    {
        const int queued = meters.padQueued[(size_t) i].load (std::memory_order_relaxed);
        starts += queued == 1 ? 1 : 0;
        stops += queued == 2 ? 1 : 0;
    }

    juce::StringArray parts;
    if (starts > 0)
        parts.add (juce::String (starts) + " QUEUED");
    if (stops > 0)
        parts.add (juce::String (stops) + (stops == 1 ? " STOP" : " STOPS") + " QUEUED");
    const auto text = parts.joinIntoString (juce::String::fromUTF8 ("  \u00b7  "));
    if (text != queuedText)
    {
        queuedText = text;
        repaint (queuedArea);
    }
}

void TempoStrip::paint (juce::Graphics& g)
{
    g.setColour (Palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), 8.0f);

    g.setColour (Palette::textDim);
    g.setFont (juce::Font (12.0f, juce::Font::bold));
    g.drawText ("BPM", unitArea, juce::Justification::centredLeft, false);
    g.setFont (juce::Font (11.0f, juce::Font::bold));
    g.drawText ("QUANTIZE", quantizeCaption, juce::Justification::centredRight, false);

    if (queuedText.isNotEmpty())
    {
        g.setColour (Palette::queued);
        g.setFont (juce::Font (14.0f, juce::Font::bold));
        g.drawFittedText (queuedText, queuedArea, juce::Justification::centredRight, 1, 0.8f);
    }
}

void TempoStrip::resized()
{
    auto area = getLocalBounds().reduced (10, 0);
    const auto controlHeight = 30;
    const auto place = [&] (juce::Component& c, int width, int gapAfter)
    {
        c.setBounds (area.removeFromLeft (width).withSizeKeepingCentre (width, controlHeight));
        area.removeFromLeft (gapAfter);
    };

    bpm.setBounds (area.removeFromLeft (124));
    unitArea = area.removeFromLeft (34);
    area.removeFromLeft (4);

    // What the buttons and boxes leave goes to the beat lights first, then to the queued count; on
    // a narrow window the QUANTIZE caption goes (the box says what it is in its tooltip).
    constexpr int buttonsWidth = 12 + 38 + 4 + 38 + 8 + 56 + 6 + 82 + 18 + 64 + 12 + 88 + 12 + 104;
    constexpr int minBeatWidth = 110, maxBeatWidth = 250, queuedWidth = 150, captionWidth = 70;
    const int spare = area.getWidth() - buttonsWidth;
    const bool caption = spare >= minBeatWidth + captionWidth + queuedWidth / 2;
    const int beatWidth =
        juce::jlimit (minBeatWidth, maxBeatWidth, spare - (caption ? captionWidth : 0) - queuedWidth);
    beat.setBounds (area.removeFromLeft (beatWidth).reduced (0, 6));
    area.removeFromLeft (12);

    place (slower, 38, 4);
    place (faster, 38, 8);
    place (tap, 56, 6);
    place (takePad, 82, 18);
    place (beatsPerBar, 64, 12);
    quantizeCaption = area.removeFromLeft (caption ? captionWidth - 4 : 0);
    area.removeFromLeft (caption ? 4 : 0);
    place (quantize, 88, 12);
    place (metronome, 104, 12);
    queuedArea = area;
}

} // namespace paddeck
