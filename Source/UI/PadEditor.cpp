#include "UI/PadEditor.h"

#include "Model/ControlRanges.h"
#include "Model/Identifiers.h"
#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"
#include "UI/SliceMenu.h"

namespace paddeck
{

PadEditor::PadEditor (Session& s)
    : session (s)
    , tempo (s)
    , waveform (s)
{
    addAndMakeVisible (viewport);
    viewport.setViewedComponent (&content, false);
    viewport.setScrollBarsShown (true, false);
    viewport.setScrollBarThickness (8);

    title.setFont (juce::Font (18.0f, juce::Font::bold));
    fileLabel.setFont (juce::Font (12.0f));
    fileLabel.setColour (juce::Label::textColourId, Palette::textDim);
    content.addAndMakeVisible (title);
    content.addAndMakeVisible (fileLabel);
    content.addChildComponent (locateButton);
    locateButton.setWantsKeyboardFocus (false);
    locateButton.setTooltip ("Find this pad's file; other missing files found near it are relinked too");
    locateButton.onClick = [this]
    {
        if (onLocate)
            onLocate (padIndex);
    };
    for (auto* heading : { &pitchHeading, &eqHeading, &playHeading, &shapeHeading })
    {
        heading->setFont (juce::Font (11.0f, juce::Font::bold));
        heading->setColour (juce::Label::textColourId, Palette::accent);
        content.addAndMakeVisible (heading);
    }
    pitchHint.setText (juce::String::fromUTF8 ("Varispeed + sync: pitch follows tempo \u2014 use KeyLock to "
                                               "set pitch"),
                       juce::dontSendNotification);
    pitchHint.setFont (juce::Font (11.5f));
    pitchHint.setColour (juce::Label::textColourId, Palette::warning);
    pitchHint.setMinimumHorizontalScale (0.75f);
    content.addChildComponent (pitchHint);
    tempo.onMessage = [this] (const juce::String& text)
    {
        if (onMessage)
            onMessage (text);
    };
    content.addAndMakeVisible (tempo);
    content.addAndMakeVisible (waveform);

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
    addToggle (IDs::cue, "CUE")
        .button.setTooltip (
            "Heard in the headphones (the cue bus, outputs 3/4) too, whether or not it is in the master");

    // SHAPE: the fades in ms; the start and end points in seconds of the file (the model's frames
    // of it, converted at the file's rate); END at the file's end is "the end" (-1), wherever the
    // file ends.
    addKnob (IDs::fadeInMs, "FADE IN", withStep (ControlRanges::fadeMs(), 0.1), 0, " ms");
    addKnob (IDs::fadeOutMs, "FADE OUT", withStep (ControlRanges::fadeMs(), 0.1), 0, " ms");
    auto& start = addKnob (IDs::startFrame, "START", { 0.0, 1.0 }, 0, " s");
    start.toModel = [this] (double seconds)
    { return juce::var ((juce::int64) std::llround (seconds * fileRate)); };
    start.fromModel = [this] (const juce::var& frames)
    { return fileRate > 0.0 ? (double) (juce::int64) frames / fileRate : 0.0; };
    auto& end = addKnob (IDs::endFrame, "END", { 0.0, 1.0 }, 1.0, " s");
    end.toModel = [this] (double seconds)
    {
        const auto frames = (juce::int64) std::llround (seconds * fileRate);
        return juce::var (frames >= (juce::int64) std::llround (fileSeconds * fileRate) ? (juce::int64) -1
                                                                                        : frames);
    };
    end.fromModel = [this] (const juce::var& frames)
    {
        const auto f = (juce::int64) frames;
        return f < 0 || fileRate <= 0.0 ? fileSeconds : juce::jmin (fileSeconds, (double) f / fileRate);
    };
    end.slider.setTextValueSuffix ({});
    end.slider.textFromValueFunction = [this] (double seconds)
    { return seconds >= fileSeconds ? juce::String ("END") : juce::String (seconds, 3) + " s"; };
    end.slider.valueFromTextFunction = [this] (const juce::String& text)
    { return text.trim().equalsIgnoreCase ("END") ? fileSeconds : text.getDoubleValue(); };
    for (auto* k : { &start, &end })
    {
        k->slider.setNumDecimalPlacesToDisplay (3);
        k->slider.setTooltip ("Seconds into the file; the waveform's handles set it to the sample");
    }
    addToggle (IDs::reverse, "Reverse");
    sliceButton.setWantsKeyboardFocus (false);
    sliceButton.setTooltip (
        "Cut this pad's file into slices on the pads after it: equal parts, beats or onsets");
    sliceButton.onClick = [this]
    {
        SliceMenu::create (session, padIndex, onMessage)
            .showMenuAsync (juce::PopupMenu::Options().withTargetComponent (&sliceButton));
    };
    content.addAndMakeVisible (sliceButton);

    pitchMode.addItemList ({ "Varispeed", "KeyLock" }, 1);
    pitchMode.onChange = [this]
    {
        if (!isPulling)
            session.setPadProperty (padIndex, IDs::pitchMode,
                                    toString ((PitchMode) (pitchMode.getSelectedId() - 1)));
    };

    // Looping is part of the mode: the modes that play once, then the two that loop, each of which
    // the pad itself stops (its next hit, or letting go).
    playMode.addSectionHeading ("Plays once");
    for (const auto mode : { PlayMode::oneShot, PlayMode::retrigger, PlayMode::toggle, PlayMode::gate })
        playMode.addItem (describe (mode), (int) mode + 1);
    playMode.addSectionHeading ("Loops");
    for (const auto mode : { PlayMode::loop, PlayMode::gateLoop })
        playMode.addItem (describe (mode), (int) mode + 1);
    playMode.onChange = [this]
    {
        if (!isPulling)
            session.setPadProperty (padIndex, IDs::playMode,
                                    toString ((PlayMode) (playMode.getSelectedId() - 1)));
    };
    chokeGroup.addItem ("No choke", 1);
    for (int g = 1; g <= 8; ++g)
        chokeGroup.addItem ("Choke " + juce::String (g), g + 1);
    chokeGroup.onChange = [this]
    {
        if (!isPulling)
            session.setPadProperty (padIndex, IDs::chokeGroup, chokeGroup.getSelectedId() - 1);
    };
    for (auto* box : { &pitchMode, &playMode, &chokeGroup })
    {
        box->setWantsKeyboardFocus (false);
        content.addAndMakeVisible (box);
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
    // A drag is one undo step; so are the wheel's notches in a row (the same knob, within a second).
    slider.onDragStart = [this] { session.beginGesture(); };
    slider.onDragEnd = [this] { session.endGesture(); };
    slider.onValueChange = [this, k]
    {
        if (!isPulling)
            session.setPadProperty (padIndex, k->property,
                                    k->toModel ? k->toModel (k->slider.getValue())
                                               : juce::var (k->slider.getValue()),
                                    "editor " + k->property.toString() + " " + juce::String (padIndex));
    };
    k->caption.setText (caption, juce::dontSendNotification);
    k->caption.setJustificationType (juce::Justification::centred);
    k->caption.setFont (juce::Font (11.0f, juce::Font::bold));
    k->caption.setColour (juce::Label::textColourId, Palette::textDim);
    content.addAndMakeVisible (slider);
    content.addAndMakeVisible (k->caption);
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
        if (!isPulling)
            session.setPadProperty (padIndex, t->property, t->button.getToggleState());
    };
    content.addAndMakeVisible (t->button);
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
    if (property == IDs::bpm)
        return &tempo.getBpmField();
    if (property == IDs::sync)
        return &tempo.getSyncToggle();
    if (property == IDs::inPhase)
        return &tempo.getInPhaseToggle();
    if (property == IDs::quantizeStop)
        return &tempo.getQuantizeStopToggle();
    if (property == IDs::quantize)
        return &tempo.getQuantizeBox();
    return nullptr;
}

void PadEditor::setPad (int globalIndex)
{
    pad.removeListener (this);
    padIndex = globalIndex;
    pad = session.getPad (globalIndex);
    pad.addListener (this);
    tempo.setPad (globalIndex);
    waveform.setPad (globalIndex);
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
    tag (IDs::cue, MidiTarget::Type::padCue);
    tag (IDs::startFrame, MidiTarget::Type::padStart);
    tag (IDs::endFrame, MidiTarget::Type::padEnd);
    tag (IDs::fadeInMs, MidiTarget::Type::padFadeIn);
    tag (IDs::fadeOutMs, MidiTarget::Type::padFadeOut);
    tag (IDs::reverse, MidiTarget::Type::padReverse);
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

    updateFileSpan();
    for (auto* k : knobs)
    {
        const auto value = pad.getProperty (k->property, k->property == IDs::endFrame ? -1 : 0);
        k->slider.setValue (k->fromModel ? k->fromModel (value) : (double) value, juce::dontSendNotification);
    }
    for (auto* t : toggles)
        t->button.setToggleState (pad.getProperty (t->property, t->property == IDs::velocity),
                                  juce::dontSendNotification);

    pitchMode.setSelectedId ((int) settings.pitchMode + 1, juce::dontSendNotification);
    playMode.setSelectedId ((int) settings.playMode + 1, juce::dontSendNotification);
    playMode.setTooltip (explain (settings.playMode));
    chokeGroup.setSelectedId (settings.chokeGroup + 1, juce::dontSendNotification);

    // A synced Varispeed pad plays at the speed the tempo asks, and its pitch goes with the speed.
    const bool pitchFollowsTempo = settings.isSynced() && settings.pitchMode == PitchMode::varispeed;
    for (auto* k : knobs)
        if (k->property == IDs::semitones || k->property == IDs::cents)
        {
            k->slider.setEnabled (!pitchFollowsTempo);
            k->slider.setAlpha (pitchFollowsTempo ? 0.35f : 1.0f);
            k->caption.setAlpha (pitchFollowsTempo ? 0.35f : 1.0f);
        }
    if (pitchFollowsTempo != pitchHint.isVisible())
    {
        pitchHint.setVisible (pitchFollowsTempo);
        resized();
    }

    tempo.pullFromModel();
    waveform.repaint();
    setEnabled (pad.isValid());
    refreshStatus();
}

void PadEditor::updateFileSpan()
{
    // Until the file has loaded there is nothing to point into: START and END wait, disabled. A
    // pad loading again (its streamed region moved) keeps the span it had, so a drag carries on.
    const auto& status = session.getPadStatus (padIndex);
    if (status.sample == nullptr && status.state == Session::PadState::loading && spannedSample != nullptr)
        return;
    const auto sample = status.sample;
    const bool changed = sample.get() != spannedSample;
    spannedSample = sample.get();
    fileRate = sample != nullptr ? sample->getFileSampleRate() : 0.0;
    fileSeconds = sample != nullptr && sample->getSampleRate() > 0.0
                      ? (double) sample->getLengthInFrames() / sample->getSampleRate()
                      : 0.0;
    for (auto* k : knobs)
        if (k->property == IDs::startFrame || k->property == IDs::endFrame)
        {
            const juce::ScopedValueSetter<bool> pulling (isPulling, true);
            k->slider.setRange (0.0, juce::jmax (fileSeconds, 0.001), 0.0);
            k->slider.setDoubleClickReturnValue (true, k->property == IDs::endFrame ? fileSeconds : 0.0);
            k->slider.setEnabled (sample != nullptr);
            if (changed)
            {
                const auto value = pad.getProperty (k->property, k->property == IDs::endFrame ? -1 : 0);
                k->slider.setValue (k->fromModel (value), juce::dontSendNotification);
            }
        }
}

void PadEditor::refreshStatus()
{
    if (session.getPadStatus (padIndex).sample.get() != spannedSample)
        updateFileSpan();
    const bool missing = session.getPadStatus (padIndex).state == Session::PadState::missing;
    const auto file = session.getPadSettings (padIndex).file;
    fileLabel.setText (file.isEmpty() ? juce::String ("Drop a file on a pad to load it")
                                      : (missing ? "Missing: " : "") + juce::File (file).getFileName(),
                       juce::dontSendNotification);
    fileLabel.setColour (juce::Label::textColourId, missing ? Palette::warning : Palette::textDim);
    sliceButton.setEnabled (session.getPadStatus (padIndex).state == Session::PadState::loaded);
    if (missing != locateButton.isVisible())
    {
        locateButton.setVisible (missing);
        resized();
    }
    tempo.refreshStatus();
    waveform.refresh();
}

void PadEditor::paint (juce::Graphics& g)
{
    g.setColour (Palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), 8.0f);
}

void PadEditor::resized()
{
    // The knobs take what room there is, down to a size that still reads; below that, scroll.
    viewport.setBounds (getLocalBounds().reduced (4, 6));
    const int available = viewport.getHeight();
    const int fixed = layOut ({ 0, 0, viewport.getWidth(), 10000 }, 0);
    const int knobRow = juce::jlimit (74, 100, (available - fixed) / 3);
    const int height = fixed + 3 * knobRow;
    const int width = viewport.getWidth() - (height > available ? viewport.getScrollBarThickness() : 0);
    content.setSize (width, juce::jmax (height, available));
    layOut (content.getLocalBounds(), knobRow);
}

int PadEditor::layOut (juce::Rectangle<int> bounds, int knobRowHeight)
{
    auto area = bounds.reduced (10, 4);
    const int top = area.getY();
    title.setBounds (area.removeFromTop (26));
    auto fileRow = area.removeFromTop (22);
    if (locateButton.isVisible())
        locateButton.setBounds (fileRow.removeFromRight (84));
    fileLabel.setBounds (fileRow);
    // The waveform first, so it shows without scrolling; its SHAPE knobs stay below.
    waveform.setBounds (area.removeFromTop (WaveformEditor::preferredHeight));
    area.removeFromTop (4);
    pitchHeading.setBounds (area.removeFromTop (16));

    const int knobWidth = area.getWidth() / 3;
    auto placeKnob = [&] (Knob& k, juce::Rectangle<int> r)
    {
        k.caption.setBounds (r.removeFromTop (14));
        k.slider.setBounds (r);
    };

    auto pitchRow = area.removeFromTop (knobRowHeight);
    placeKnob (*knobs[0], pitchRow.removeFromLeft (knobWidth));
    placeKnob (*knobs[1], pitchRow.removeFromLeft (knobWidth));
    placeKnob (*knobs[2], pitchRow);
    pitchMode.setBounds (area.removeFromTop (26).reduced (4, 0));
    if (pitchHint.isVisible())
        pitchHint.setBounds (area.removeFromTop (18));
    area.removeFromTop (8);
    eqHeading.setBounds (area.removeFromTop (16));

    auto eqRow = area.removeFromTop (knobRowHeight);
    auto killRow = area.removeFromTop (26);
    for (int band = 0; band < 3; ++band)
    {
        placeKnob (*knobs[3 + band], eqRow.removeFromLeft (knobWidth));
        toggles[band]->button.setBounds (killRow.removeFromLeft (knobWidth).reduced (14, 0));
    }
    area.removeFromTop (8);
    playHeading.setBounds (area.removeFromTop (16));
    auto playRow = area.removeFromTop (26);
    playMode.setBounds (playRow.removeFromLeft (playRow.getWidth() / 2).reduced (4, 0));
    chokeGroup.setBounds (playRow.reduced (4, 0));
    area.removeFromTop (4);
    auto toggleRow = area.removeFromTop (24);
    toggles[3]->button.setBounds (toggleRow.removeFromLeft (area.getWidth() / 2));
    toggles[4]->button.setBounds (toggleRow);
    area.removeFromTop (8);
    tempo.setBounds (area.removeFromTop (PadTempoSection::preferredHeight));
    area.removeFromTop (8);
    shapeHeading.setBounds (area.removeFromTop (16));
    auto shapeRow = area.removeFromTop (knobRowHeight);
    const int shapeWidth = area.getWidth() / 4;
    for (const int k : { 8, 9, 6 }) // START, END, FADE IN, FADE OUT
        placeKnob (*knobs[k], shapeRow.removeFromLeft (shapeWidth));
    placeKnob (*knobs[7], shapeRow);
    auto reverseRow = area.removeFromTop (24);
    toggles[5]->button.setBounds (reverseRow.removeFromLeft (area.getWidth() / 2));
    sliceButton.setBounds (reverseRow.reduced (4, 0));
    return area.getY() - top + 8;
}

} // namespace paddeck
