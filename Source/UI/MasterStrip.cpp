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
    record.setWantsKeyboardFocus (false);
    record.setClickingTogglesState (false);
    record.setTooltip (
        "Record the master, as heard, to a WAV in your recordings folder. Right-click: options.");
    record.onClick = [this] { recordClicked(); };
    record.addMouseListener (this, false);
    addChildComponent (record);

    MidiLearnTag::set (fader, { MidiTarget::Type::masterFader });
    MidiLearnTag::set (stopAll, { MidiTarget::Type::stopAll });
    refresh();
}

void MasterStrip::setRecorder (Recorder* recorderToUse)
{
    recorder = recorderToUse;
    record.setVisible (recorder != nullptr);
    resized();
}

void MasterStrip::recordClicked()
{
    if (recorder == nullptr)
        return;
    if (recorder->isRecording() || recorder->isArmed())
        recorder->stop();
    else if (const auto r = recorder->start (session.getEngineSampleRate()); r.failed() && onMessage)
        onMessage (r.getErrorMessage());
    refresh();
}

void MasterStrip::showRecordMenu()
{
    if (recorder == nullptr)
        return;
    juce::PopupMenu menu;
    menu.addItem (
        "Start recording at the first hit (armed now)", !recorder->isRecording(), recorder->isArmed(),
        [this]
        {
            if (const auto r = recorder->arm (session.getEngineSampleRate()); r.failed() && onMessage)
                onMessage (r.getErrorMessage());
        });
    menu.addItem ("Arm at every start, so no performance goes unrecorded", true,
                  recorder->recordsFromFirstHit(),
                  [this] { recorder->setRecordsFromFirstHit (!recorder->recordsFromFirstHit()); });
    menu.addSeparator();
    menu.addItem ("Recordings folder: " + recorder->getFolder().getFullPathName() + "...",
                  [this]
                  {
                      auto chooser =
                          std::make_shared<juce::FileChooser> ("Recordings folder", recorder->getFolder());
                      chooser->launchAsync (juce::FileBrowserComponent::openMode
                                                | juce::FileBrowserComponent::canSelectDirectories,
                                            [this, chooser] (const juce::FileChooser& fc)
                                            {
                                                if (fc.getResult() != juce::File())
                                                    recorder->setFolder (fc.getResult());
                                            });
                  });
    menu.addItem ("Show the recordings folder", [this] { recorder->getFolder().revealToUser(); });
    menu.showMenuAsync (juce::PopupMenu::Options().withTargetComponent (&record));
}

void MasterStrip::refresh()
{
    if (recorder != nullptr)
    {
        if (const auto problem = recorder->poll(); problem.isNotEmpty() && onMessage)
            onMessage (problem);

        const bool recording = recorder->isRecording(), armed = recorder->isArmed();
        const auto seconds = (int) recorder->getElapsedSeconds();
        auto text = recording ? juce::String::formatted ("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                                                         seconds % 60)
                    : armed   ? juce::String ("armed: starts at the first hit")
                              : juce::String();
        if (recording || armed)
            text += "\n" + recorder->getFile().getFileName();
        // Blinks while armed, steady red while recording.
        const bool lit = recording || (armed && (++ticks / 15) % 2 == 0);
        record.setColour (juce::TextButton::buttonColourId, lit ? Palette::danger : Palette::panelRaised);
        record.setButtonText (recording ? juce::String (juce::CharPointer_UTF8 ("REC \xe2\x97\x8f"))
                                        : juce::String ("REC"));
        if (text != recordingText)
        {
            recordingText = text;
            repaint (recordingArea);
        }
    }

    if (!fader.isMouseButtonDown())
        fader.setValue (juce::jmax (-60.0, session.getMasterGainDb()), juce::dontSendNotification);

    auto& m = session.getEngine().getMeters();
    const float peaks[2] = { EngineMeters::takePeak (m.masterPeakLeft),
                             EngineMeters::takePeak (m.masterPeakRight) };
    const float rms[2] = { m.masterRmsLeft.load(), m.masterRmsRight.load() };

    for (int ch = 0; ch < 2; ++ch)
    {
        peakDb[ch] = fallingPeakDb (peakDb[ch], peaks[ch]); // RMS follows as it is
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

float MasterStrip::fallingPeakDb (float shownDb, float newPeak) noexcept
{
    return juce::jmax (juce::Decibels::gainToDecibels (newPeak, -100.0f), shownDb - 0.8f);
}

void MasterStrip::paintLevelMeter (juce::Graphics& g, juce::Rectangle<float> area, float peak, float rms)
{
    g.setColour (Palette::background);
    g.fillRoundedRectangle (area, 2.0f);

    auto level = [&] (float db) { return area.getHeight() * meterPosition (db); };
    const float rmsH = level (rms), peakH = level (peak);

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
    paintLevelMeter (g, meter.removeFromLeft (w), peakDb[0], rmsDb[0]);
    meter.removeFromLeft (3.0f);
    paintLevelMeter (g, meter, peakDb[1], rmsDb[1]);

    if (recordingText.isNotEmpty())
    {
        g.setColour (Palette::danger.brighter (0.3f));
        g.setFont (juce::Font (10.0f));
        g.drawFittedText (recordingText, recordingArea, juce::Justification::centred, 2, 0.8f);
    }

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
    area.removeFromBottom (8);
    if (recorder != nullptr)
    {
        recordingArea = area.removeFromBottom (26);
        record.setBounds (area.removeFromBottom (30));
        area.removeFromBottom (8);
    }
    area.removeFromBottom (2);
    clipArea = area.removeFromTop (20);
    area.removeFromTop (8);

    auto meters = area.removeFromRight (54);
    scaleArea = meters.removeFromRight (24);
    meterArea = meters.withTrimmedBottom (24);
    fader.setBounds (area);
}

void MasterStrip::mouseDown (const juce::MouseEvent& e)
{
    if (e.eventComponent == &record)
    {
        if (e.mods.isPopupMenu())
            showRecordMenu();
        return;
    }
    if (clipArea.contains (e.getPosition()))
    {
        clipLit = false;
        repaint (clipArea);
    }
}

} // namespace paddeck
