#include "Control/AudibleBeat.h"
#include "Model/Identifiers.h"
#include "UI/LiveScreen.h"
#include "UI/TempoText.h"

namespace paddeck
{

using test::mouseAt;
using test::pumpUntil;

/** Tempo on the performer's screen: the tempo strip under the header, the editor's TEMPO section
    and queued pads, in a real window under Xvfb playing through jackd -d dummy. */
struct PerformerScreenTempo : test::LiveScreen
{
    void SetUp() override
    {
        test::LiveScreen::SetUp();
        // One bar at 120 BPM: 2 s.
        loop = test::writeWav (temp / "loop.wav", 48000.0, 1, 96000, test::sine (330.0, 48000.0));
    }

    /** Loads the loop into a pad and waits until the pad, and whatever analysis follows, is done. */
    void loadLoop (int pad)
    {
        session.loadIntoPad (pad, loop);
        ASSERT_TRUE (
            pumpUntil ([&] { return session.isIdle() && !session.getPadStatus (pad).analysingTempo; }));
        screen->refresh();
    }

    void pump (int ms) { juce::MessageManager::getInstance()->runDispatchLoopUntil (ms); }

    void writePng (const juce::String& name)
    {
        const auto file = juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile (name);
        file.deleteFile();
        juce::FileOutputStream out (file);
        juce::PNGImageFormat().writeImageToStream (screen->createComponentSnapshot (screen->getLocalBounds()),
                                                   out);
    }

    TempoStrip& strip() { return screen->getTempoStrip(); }
    juce::File loop;
};

TEST_F (PerformerScreenTempo, TheMasterTempoIsTypedDraggedAndWheeledAndAnOutOfRangeOneIsRefused)
{
    auto& field = strip().getBpmField();
    screen->refresh();
    EXPECT_EQ (field.getText(), "120.00");

    // Typing, as the performer does: double-click, type, Enter.
    field.showEditor();
    ASSERT_NE (field.getCurrentTextEditor(), nullptr);
    field.getCurrentTextEditor()->setText ("128.5");
    field.hideEditor (false);
    EXPECT_EQ (session.getMasterTempo(), 128.5);
    screen->refresh();
    EXPECT_EQ (field.getText(), "128.50");

    field.commitTyped ("400");
    EXPECT_EQ (session.getMasterTempo(), 128.5) << "refused: nothing changes";
    EXPECT_TRUE (screen->getMessage().contains ("outside the tempo range")) << screen->getMessage();
    screen->refresh();
    EXPECT_EQ (field.getText(), "128.50");
    field.commitTyped ("fast");
    EXPECT_TRUE (screen->getMessage().contains ("not a tempo")) << screen->getMessage();
    EXPECT_EQ (session.getMasterTempo(), 128.5);

    // The wheel: a BPM a notch, a hundredth with Shift.
    const juce::Point<int> middle (field.getWidth() / 2, field.getHeight() / 2);
    juce::MouseWheelDetails up{ 0.0f, 0.1f, false, false, false };
    field.mouseWheelMove (mouseAt (field, middle, middle), up);
    field.mouseWheelMove (mouseAt (field, middle, middle), up);
    EXPECT_EQ (session.getMasterTempo(), 130.5);
    field.mouseWheelMove (mouseAt (field, middle, middle, juce::ModifierKeys::shiftModifier), up);
    EXPECT_NEAR (session.getMasterTempo(), 130.51, 1.0e-9);

    // A drag: up is faster, a tenth of a BPM a pixel.
    screen->refresh();
    field.mouseDown (mouseAt (field, middle, middle));
    field.mouseDrag (mouseAt (field, middle.translated (0, -25), middle));
    EXPECT_NEAR (session.getMasterTempo(), 133.01, 1.0e-9);
    EXPECT_TRUE (field.isBeingChanged()) << "the model's value doesn't fight the drag";
    field.mouseDrag (mouseAt (field, middle.translated (0, 40), middle));
    EXPECT_NEAR (session.getMasterTempo(), 126.51, 1.0e-9);
    field.mouseUp (mouseAt (field, middle.translated (0, 40), middle));
    EXPECT_FALSE (field.isBeingChanged());
}

TEST_F (PerformerScreenTempo, TapAndTheHeldNudgesDriveTheEnginesClock)
{
    auto& meters = engine.getMeters();
    ASSERT_TRUE (pumpUntil ([&] { return meters.bpm.load() == 120.0; }));

    auto& slower = strip().getSlowerButton();
    slower.setState (juce::Button::buttonDown); // the mouse is held on −
    ASSERT_TRUE (pumpUntil ([&] { return meters.bpm.load() == 120.0 * (1.0 - PadEngine::nudgeAmount); }))
        << deviceState();
    screen->refresh();
    EXPECT_EQ (strip().getBpmField().findColour (juce::Label::textColourId), Palette::warning)
        << "the BPM shows the nudge";
    EXPECT_EQ (strip().getBpmField().getText(), "120.00") << "the set's tempo is untouched";
    slower.setState (juce::Button::buttonNormal); // let go
    ASSERT_TRUE (pumpUntil ([&] { return meters.bpm.load() == 120.0; }));
    screen->refresh();
    EXPECT_EQ (strip().getBpmField().findColour (juce::Label::textColourId), Palette::text);

    auto& faster = strip().getFasterButton();
    faster.setState (juce::Button::buttonDown);
    ASSERT_TRUE (pumpUntil ([&] { return meters.bpm.load() == 120.0 * (1.0 + PadEngine::nudgeAmount); }))
        << deviceState();
    faster.setState (juce::Button::buttonNormal);
    ASSERT_TRUE (pumpUntil ([&] { return meters.bpm.load() == 120.0; }));

    // TAP counts on the press; two quick ones are faster than 300 BPM: the top of the range.
    strip().getTapButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getMasterTempo(), 120.0);
    strip().getTapButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getMasterTempo(), PadSettings::maxBpm);
    ASSERT_TRUE (pumpUntil ([&] { return meters.bpm.load() == PadSettings::maxBpm; }))
        << "the engine follows";
}

TEST_F (PerformerScreenTempo, TheSelectedPadsTempoBarLengthQuantizeAndMetronomeAreOneClickAway)
{
    auto& grid = screen->getPadGrid();
    ASSERT_TRUE (session.setPadTempo (3, 95.5).wasOk());
    grid.selectPad (3);
    screen->refresh();
    auto& take = strip().getTakePadTempoButton();
    EXPECT_TRUE (take.isEnabled());
    take.triggerClick();
    pump (20);
    EXPECT_EQ (session.getMasterTempo(), 95.5);
    grid.selectPad (4); // no tempo
    EXPECT_FALSE (take.isEnabled());

    strip().getBeatsPerBarBox().setSelectedId (3, juce::sendNotificationSync);
    EXPECT_EQ (session.getBeatsPerBar(), 3);
    strip().getQuantizeBox().setSelectedId ((int) Quantize::beat + 1, juce::sendNotificationSync);
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::beat);
    EXPECT_EQ (strip().getQuantizeBox().getText(), "1/4");

    strip().getMetronomeButton().triggerClick();
    pump (20);
    EXPECT_TRUE (session.isMetronomeOn());

    // Changes made elsewhere (MIDI, an opened set) show.
    session.setGlobalQuantize (Quantize::fourBars);
    session.setMetronome (false);
    session.setBeatsPerBar (7);
    screen->refresh();
    EXPECT_EQ (strip().getQuantizeBox().getText(), "4 bars");
    EXPECT_FALSE (strip().getMetronomeButton().getToggleState());
    EXPECT_EQ (strip().getBeatsPerBarBox().getText(), "7/4");
}

TEST_F (PerformerScreenTempo, TheBarAndBeatLightsShowTheBeatTheEngineReports)
{
    host.close(); // nothing else writes the meters now, and there is no output latency
    auto& meters = engine.getMeters();
    auto& beat = strip().getBeatIndicator();

    meters.bpm = 120.0;
    meters.beatsPerBar = 4;
    meters.beat = 9.3;
    screen->refresh();
    EXPECT_EQ (beat.getBarAndBeatText(), "3.2");
    EXPECT_EQ (beat.getLitBeat(), 1);
    EXPECT_FALSE (beat.isFlashing());

    meters.beat = 12.05; // a downbeat, just begun
    screen->refresh();
    EXPECT_EQ (beat.getBarAndBeatText(), "4.1");
    EXPECT_EQ (beat.getLitBeat(), 0);
    EXPECT_TRUE (beat.isFlashing());

    meters.beatsPerBar = 3;
    meters.beat = 7.5;
    screen->refresh();
    EXPECT_EQ (beat.getBarAndBeatText(), "3.2");
    EXPECT_EQ (beat.getBeatsPerBar(), 3);

    // The lights are the engine's: with the engine stopped they stay where it left them.
    pump (300);
    screen->refresh();
    EXPECT_EQ (beat.getBarAndBeatText(), "3.2");
}

TEST_F (PerformerScreenTempo, TheLightsMoveWithTheRunningEngineBehindItByTheOutputLatency)
{
    auto& meters = engine.getMeters();
    auto& beat = strip().getBeatIndicator();
    const auto latency = AudibleBeat::latencySeconds (host.getDeviceManager().getCurrentAudioDevice());
    EXPECT_GT (latency, 0.0);

    screen->refresh();
    const auto first = beat.getBarAndBeatText();
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return beat.getBarAndBeatText() != first;
        }))
        << "the clock runs at 120 BPM: a new beat every half second";

    // What is lit is never ahead of what the engine has rendered.
    for (int i = 0; i < 20; ++i)
    {
        screen->refresh();
        const auto rendered = meters.beat.load();
        const auto shown =
            TempoText::barAndBeat (AudibleBeat::now (meters, latency), meters.beatsPerBar.load());
        EXPECT_LE (std::floor (AudibleBeat::now (meters, latency)), std::floor (rendered));
        EXPECT_FALSE (shown.isEmpty());
        pump (20);
    }
}

TEST_F (PerformerScreenTempo, AQueuedPadFlashesOnTheBeatAndTheHeaderCountsWhatWaits)
{
    loadLoop (0);
    ASSERT_TRUE (session.setPadTempo (0, 120.0).wasOk());
    host.close(); // the meters are the test's now
    auto& meters = engine.getMeters();
    auto* pad = screen->getPadGrid().getPadComponent (0);

    meters.padQueued[0] = 1;
    meters.bpm = 120.0;
    meters.beat = 3.2;
    screen->refresh();
    EXPECT_EQ (pad->getStateText(), "Queued");
    EXPECT_EQ (pad->getView().quantizeLabel, "1 bar") << "it waits for the set's quantize";
    EXPECT_TRUE (pad->getView().flashLit);
    EXPECT_EQ (strip().getQueuedText(), "1 QUEUED");
    writePng ("paddeck-tempo-queued.png");

    meters.beat = 3.7;
    screen->refresh();
    EXPECT_FALSE (pad->getView().flashLit) << "dark for the second half of the beat";
    EXPECT_EQ (pad->getStateText(), "Queued");

    meters.padQueued[0] = 2; // playing, its stop waits
    meters.padVoices[0] = 1;
    screen->refresh();
    EXPECT_EQ (pad->getStateText(), "Stopping");
    EXPECT_EQ (strip().getQueuedText(), "1 STOP QUEUED");

    meters.padQueued[0] = 0;
    screen->refresh();
    EXPECT_EQ (pad->getStateText(), "Playing");
    EXPECT_EQ (strip().getQueuedText(), "");
}

TEST_F (PerformerScreenTempo, AHitOnAPadWithATempoWaitsForTheBarOnScreenAndASecondHitTakesItBack)
{
    loadLoop (0);
    ASSERT_TRUE (session.setPadTempo (0, 120.0).wasOk());
    session.setGlobalQuantize (Quantize::fourBars); // 8 s at 120 BPM: time to look
    auto& meters = engine.getMeters();
    auto* pad = screen->getPadGrid().getPadComponent (0);
    screen->refresh();
    EXPECT_EQ (pad->getView().bpmLabel, "120");

    pad->onPress();
    pad->onRelease();
    ASSERT_TRUE (pumpUntil ([&] { return meters.padQueued[0].load() == 1; })) << deviceState();
    bool sawLit = false, sawDark = false;
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            EXPECT_EQ (pad->getStateText(), "Queued");
            (pad->getView().flashLit ? sawLit : sawDark) = true;
            return sawLit && sawDark;
        }))
        << "it flashes with the beat";
    EXPECT_EQ (meters.padVoices[0].load(), 0) << "nothing sounds before its bar";

    pad->onPress();
    pad->onRelease();
    ASSERT_TRUE (pumpUntil ([&] { return meters.padQueued[0].load() == 0; }));
    screen->refresh();
    EXPECT_EQ (pad->getStateText(), "Loaded");
    EXPECT_EQ (meters.padVoices[0].load(), 0);
}

TEST_F (PerformerScreenTempo, TheEditorsTempoSectionSetsThePadsTempoSyncAndQuantize)
{
    loadLoop (2);
    screen->getPadGrid().selectPad (2);
    auto& editor = screen->getPadEditor();
    auto& tempo = editor.getTempoSection();
    const auto dot = juce::String::fromUTF8 ("  \u00b7  ");

    tempo.getBpmField().commitTyped ("120");
    EXPECT_EQ (session.getPadSettings (2).bpm, 120.0);
    EXPECT_EQ (session.getPadSettings (2).bpmSource, "typed");
    EXPECT_EQ (tempo.getInfoText(), "typed" + dot + "1 bar" + dot + "one-shot");
    dynamic_cast<juce::ComboBox*> (editor.getControl (IDs::playMode))
        ->setSelectedId (2, juce::sendNotificationSync);
    ASSERT_EQ (session.getPadSettings (2).playMode, PlayMode::loop);
    EXPECT_EQ (tempo.getInfoText(), "typed" + dot + "1 bar");
    EXPECT_EQ (tempo.getBpmField().getText(), "120.00");
    screen->refresh();
    EXPECT_EQ (screen->getPadGrid().getPadComponent (2)->getView().bpmLabel, "120")
        << "the grid shows it too";

    tempo.getDoubleButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getPadSettings (2).bpm, 240.0);
    EXPECT_EQ (tempo.getInfoText(), "typed" + dot + "2 bars");
    tempo.getHalveButton().triggerClick();
    pump (20);
    tempo.getHalveButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getPadSettings (2).bpm, 60.0);
    EXPECT_EQ (tempo.getInfoText(), "typed" + dot + "2 beats");

    tempo.getBpmField().commitTyped ("25");
    tempo.getHalveButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getPadSettings (2).bpm, 25.0) << "12.5 is out of range: refused";
    EXPECT_TRUE (screen->getMessage().contains ("outside")) << screen->getMessage();

    // No tempo: a one-shot. SYNC can't be switched on, and says why.
    tempo.getNoTempoButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getPadSettings (2).bpm, 0.0);
    EXPECT_FALSE (tempo.getSyncToggle().isEnabled());
    EXPECT_FALSE (tempo.getDoubleButton().isEnabled());
    EXPECT_TRUE (tempo.getInfoText().contains ("Sync needs a tempo")) << tempo.getInfoText();
    screen->refresh();
    EXPECT_EQ (screen->getPadGrid().getPadComponent (2)->getView().bpmLabel,
               juce::String::fromUTF8 ("\u2014"));

    // TAP: two quick taps are the top of the range, and the tempo says it was tapped.
    tempo.getTapButton().triggerClick();
    pump (20);
    tempo.getTapButton().triggerClick();
    pump (20);
    EXPECT_EQ (session.getPadSettings (2).bpmSource, "tapped");
    EXPECT_EQ (session.getPadSettings (2).bpm, PadSettings::maxBpm);

    // SYNC on a Varispeed pad: its pitch follows the tempo, so the pitch knobs are off and say so.
    tempo.getBpmField().commitTyped ("120");
    ASSERT_TRUE (tempo.getSyncToggle().isEnabled());
    tempo.getSyncToggle().triggerClick();
    pump (20);
    EXPECT_TRUE (session.getPadSettings (2).sync);
    EXPECT_FALSE (editor.getControl (IDs::semitones)->isEnabled());
    EXPECT_FALSE (editor.getControl (IDs::cents)->isEnabled());
    EXPECT_TRUE (editor.getPitchHint().contains ("use KeyLock")) << editor.getPitchHint();
    screen->refresh();
    EXPECT_TRUE (screen->getPadGrid().getPadComponent (2)->getView().synced);
    writePng ("paddeck-tempo-editor.png");

    auto keyLock = session.getPadSettings (2);
    keyLock.pitchMode = PitchMode::keyLock;
    session.setPadSettings (2, keyLock);
    EXPECT_TRUE (editor.getControl (IDs::semitones)->isEnabled()) << "KeyLock sets pitch while synced";
    EXPECT_EQ (editor.getPitchHint(), "");

    // Quantize: the set's (which it names), or its own.
    auto& quantize = tempo.getQuantizeBox();
    EXPECT_EQ (quantize.getText(), "Global (1 bar)");
    session.setGlobalQuantize (Quantize::beat);
    editor.refreshStatus();
    EXPECT_EQ (quantize.getText(), "Global (1/4)");
    quantize.setSelectedItemIndex (3, juce::sendNotificationSync); // Global, Off, 1/16, [1/8]
    EXPECT_EQ ((Quantize) session.getPadSettings (2).quantize, Quantize::eighth);
    quantize.setSelectedItemIndex (0, juce::sendNotificationSync);
    EXPECT_EQ (session.getPadSettings (2).quantize, PadSettings::followGlobal);

    tempo.getInPhaseToggle().triggerClick();
    tempo.getQuantizeStopToggle().triggerClick();
    pump (20);
    EXPECT_TRUE (session.getPadSettings (2).inPhase);
    EXPECT_FALSE (session.getPadSettings (2).quantizeStop);
    EXPECT_EQ (editor.getControl (IDs::sync), &tempo.getSyncToggle());
}

TEST_F (PerformerScreenTempo, AtTheSmallestWindowEveryTempoControlIsOnScreenAndTheEditorScrollsToItsOwn)
{
    loadLoop (0);
    screen->getPadGrid().selectPad (0);
    window->setSize (900, 600); // MainWindow's smallest
    pump (50);

    auto& tempoStrip = strip();
    const auto within = tempoStrip.getLocalBounds();
    std::vector<juce::Component*> controls{
        &tempoStrip.getBpmField(),       &tempoStrip.getBeatIndicator(), &tempoStrip.getSlowerButton(),
        &tempoStrip.getFasterButton(),   &tempoStrip.getTapButton(),     &tempoStrip.getTakePadTempoButton(),
        &tempoStrip.getBeatsPerBarBox(), &tempoStrip.getQuantizeBox(),   &tempoStrip.getMetronomeButton()
    };
    for (size_t i = 0; i < controls.size(); ++i)
    {
        EXPECT_TRUE (within.contains (controls[i]->getBounds())) << "control " << i << " is cut off";
        EXPECT_GT (controls[i]->getWidth(), 20);
        for (size_t j = i + 1; j < controls.size(); ++j)
            EXPECT_FALSE (controls[i]->getBounds().intersects (controls[j]->getBounds()))
                << "controls " << i << " and " << j << " overlap";
    }

    // The editor is shorter than its controls: it scrolls, and TEMPO is there at the bottom.
    auto& editor = screen->getPadEditor();
    auto& scroller = editor.getViewport();
    EXPECT_TRUE (scroller.canScrollVertically());
    auto& section = editor.getTempoSection();
    scroller.setViewPosition (0, section.getBottom());
    pump (20);
    EXPECT_TRUE (scroller.getViewArea().contains (section.getBounds().withTrimmedBottom (32)))
        << "scrolled to the end, the TEMPO section shows";
    writePng ("paddeck-tempo-small.png");
}

} // namespace paddeck
