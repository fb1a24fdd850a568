#include "App/MainWindow.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Model/Identifiers.h"
#include "Support/TempSettings.h"
#include "Support/TestServers.h"
#include "UI/MainComponent.h"
#include "UI/MidiLearnTag.h"
#include "UI/MidiSettingsPanel.h"
#include "UI/PadDeckLookAndFeel.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** MIDI learn and the MIDI settings on the performer's screen, in a real window under Xvfb. No
    audio device: learn and mappings happen on the message thread. (Named PerformerScreen… so the
    test runner starts the virtual display for it.) */
struct PerformerScreenMidi : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
        juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);
        window = std::make_unique<MainWindow> (host, session, midi, [] {});
        screen = &window->getMainComponent();
    }

    void TearDown() override
    {
        window = nullptr;
        juce::LookAndFeel::setDefaultLookAndFeel (nullptr);
    }

    /** Where a control's centre is on the learn overlay. */
    juce::Point<int> centreOf (juce::Component& control)
    {
        return screen->getLearnOverlay().getLocalPoint (&control, control.getLocalBounds().getCentre());
    }

    /** A mouse press on the overlay, as the window delivers it. */
    void click (juce::Point<int> position, bool rightButton = false)
    {
        auto& overlay = screen->getLearnOverlay();
        const auto now = juce::Time::getCurrentTime();
        const juce::MouseEvent event (
            juce::Desktop::getInstance().getMainMouseSource(), position.toFloat(),
            rightButton ? juce::ModifierKeys::rightButtonModifier : juce::ModifierKeys::leftButtonModifier,
            1.0f, 0.0f, 0.0f, 0.0f, 0.0f, &overlay, &overlay, now, position.toFloat(), now, 1, false);
        overlay.mouseDown (event);
    }

    void setLearning (bool on)
    {
        midi.setLearning (on);
        midi.dispatchPendingMessages();
    }

    void writePng (const juce::String& name)
    {
        const auto file = juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile (name);
        file.deleteFile();
        juce::FileOutputStream out (file);
        juce::PNGImageFormat().writeImageToStream (screen->createComponentSnapshot (screen->getLocalBounds()),
                                                   out);
    }

    test::TempSettings settings;
    PadDeckLookAndFeel lookAndFeel;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    AudioDeviceHost host{ settings.settings };
    MidiController midi{ session, &settings.settings, &host.getDeviceManager() };
    std::unique_ptr<MainWindow> window;
    MainComponent* screen = nullptr;
};

static MidiTarget padTarget (MidiTarget::Type type, int row, int column) { return { type, row, column }; }

TEST_F (PerformerScreenMidi, LearnPicksAClickedPadWithoutFiringItAndBindsTheNextNote)
{
    auto& overlay = screen->getLearnOverlay();
    auto& grid = screen->getPadGrid();
    auto* pad = grid.getPadComponent (5); // row 2, column 2 of the 4x4 grid
    int presses = 0;
    const auto press = pad->onPress;
    pad->onPress = [&presses, press]
    {
        ++presses;
        press();
    };

    EXPECT_FALSE (overlay.isVisible());
    screen->getLearnButton().triggerClick(); // as a click does: asynchronously
    for (int i = 0; i < 500 && !midi.isLearning(); ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    midi.dispatchPendingMessages();
    ASSERT_TRUE (midi.isLearning());
    ASSERT_TRUE (overlay.isVisible());

    // The window sends the click where the pad is to the overlay, which picks the pad.
    const auto position = centreOf (*pad);
    EXPECT_EQ (screen->getComponentAt (screen->getLocalPoint (&overlay, position)), &overlay);
    click (position);
    EXPECT_EQ (presses, 0) << "a click in learn mode must not fire the pad";
    EXPECT_EQ (grid.getSelectedPad(), 0);
    const auto target = padTarget (MidiTarget::Type::padTrigger, 1, 1);
    ASSERT_TRUE (midi.getLearnTarget().has_value());
    EXPECT_EQ (*midi.getLearnTarget(), target);

    juce::String learned;
    const auto show = overlay.onLearned;
    overlay.onLearned = [&learned, show] (const MidiBinding& b)
    {
        learned = b.describe();
        show (b);
    };
    midi.handleMessage (juce::MidiMessage::noteOn (1, 60, 0.8f));
    midi.dispatchPendingMessages();

    EXPECT_TRUE (learned.contains ("Note 60") && learned.contains ("Pad row 2 col 2")) << learned;
    EXPECT_FALSE (midi.getLearnTarget().has_value());
    const auto& mapping = midi.getMapping();
    const int index = mapping.indexOf (target);
    ASSERT_GE (index, 0);
    EXPECT_EQ (mapping.bindings[(size_t) index].source.number, 60);
    EXPECT_EQ (overlay.bindingLabelFor (target), "N60 ch1");

    // A right-click removes the pad's binding.
    click (position, true);
    EXPECT_LT (midi.getMapping().indexOf (target), 0);
    EXPECT_EQ (overlay.bindingLabelFor (target), "");
    EXPECT_EQ (presses, 0);

    // Esc ends learn, and clicks reach the pads again.
    EXPECT_TRUE (screen->keyPressed (juce::KeyPress (juce::KeyPress::escapeKey)));
    midi.dispatchPendingMessages();
    EXPECT_FALSE (midi.isLearning());
    EXPECT_FALSE (overlay.isVisible());
    EXPECT_NE (screen->getComponentAt (screen->getLocalPoint (&overlay, position)), &overlay);
}

TEST_F (PerformerScreenMidi, TheMasterFaderAndEditorKnobsLearnControllers)
{
    auto& overlay = screen->getLearnOverlay();
    setLearning (true);

    click (centreOf (screen->getMasterStrip().getFader()));
    ASSERT_TRUE (midi.getLearnTarget().has_value());
    EXPECT_EQ (midi.getLearnTarget()->type, MidiTarget::Type::masterFader);
    midi.handleMessage (juce::MidiMessage::controllerEvent (1, 21, 64));
    midi.dispatchPendingMessages();
    const int master = midi.getMapping().indexOf ({ MidiTarget::Type::masterFader });
    ASSERT_GE (master, 0);
    EXPECT_EQ (midi.getMapping().bindings[(size_t) master].source.type, MidiSource::Type::controller);
    EXPECT_EQ (overlay.bindingLabelFor ({ MidiTarget::Type::masterFader }), "CC21 ch1");

    // The editor's controls address the selected pad's row and column.
    screen->getPadGrid().selectPad (6);
    auto* eqLow = screen->getPadEditor().getControl (IDs::eqLowDb);
    ASSERT_NE (eqLow, nullptr);
    click (centreOf (*eqLow));
    ASSERT_TRUE (midi.getLearnTarget().has_value());
    EXPECT_EQ (*midi.getLearnTarget(), padTarget (MidiTarget::Type::padEqLow, 1, 2));

    // A note can't drive a knob; a pitch bend wheel can.
    midi.handleMessage (juce::MidiMessage::noteOn (1, 70, 0.8f));
    EXPECT_TRUE (midi.getLearnTarget().has_value());
    midi.handleMessage (juce::MidiMessage::pitchWheel (2, 9000));
    midi.dispatchPendingMessages();
    EXPECT_EQ (overlay.bindingLabelFor (padTarget (MidiTarget::Type::padEqLow, 1, 2)), "PB ch2");

    // Kills, stop-all and the bank buttons are mappable too.
    const auto tagOf = [] (juce::Component& c) { return MidiLearnTag::get (c).value_or (MidiTarget{}); };
    EXPECT_EQ (tagOf (*screen->getPadEditor().getControl (IDs::eqHighKill)),
               padTarget (MidiTarget::Type::padEqHighKill, 1, 2));
    EXPECT_EQ (tagOf (screen->getMasterStrip().getStopAllButton()).type, MidiTarget::Type::stopAll);
    EXPECT_EQ (tagOf (screen->getPadGrid().getNextBankButton()).type, MidiTarget::Type::bankNext);
    EXPECT_EQ (tagOf (screen->getPadGrid().getPreviousBankButton()).type, MidiTarget::Type::bankPrevious);
    const auto bankC = tagOf (*screen->getPadGrid().getBankButton (2));
    EXPECT_EQ (bankC.type, MidiTarget::Type::bankSelect);
    EXPECT_EQ (bankC.bank, 2);

    // Clicking where no control is picks nothing.
    click ({ 2, 2 });
    EXPECT_FALSE (midi.getLearnTarget().has_value());
}

TEST_F (PerformerScreenMidi, TheEditorsShapeControlsLearnTheSelectedPadsShapeTargets)
{
    screen->getPadGrid().selectPad (6); // row 1, column 2 of a 4 x 4 bank
    const auto tagOf = [] (juce::Component* c) { return MidiLearnTag::get (*c).value_or (MidiTarget{}); };
    const std::pair<juce::Identifier, MidiTarget::Type> shape[] = {
        { IDs::startFrame, MidiTarget::Type::padStart }, { IDs::endFrame, MidiTarget::Type::padEnd },
        { IDs::fadeInMs, MidiTarget::Type::padFadeIn },  { IDs::fadeOutMs, MidiTarget::Type::padFadeOut },
        { IDs::reverse, MidiTarget::Type::padReverse },
    };
    for (const auto& [property, type] : shape)
    {
        auto* control = screen->getPadEditor().getControl (property);
        ASSERT_NE (control, nullptr) << property.toString();
        EXPECT_EQ (tagOf (control), padTarget (type, 1, 2)) << property.toString();
    }
    EXPECT_TRUE (padTarget (MidiTarget::Type::padFadeIn, 1, 2).isContinuous());
    EXPECT_TRUE (padTarget (MidiTarget::Type::padReverse, 1, 2).isToggle());
    EXPECT_EQ (MidiTarget::fromString (padTarget (MidiTarget::Type::padEnd, 1, 2).toString())
                   .value_or (MidiTarget{}),
               padTarget (MidiTarget::Type::padEnd, 1, 2));
}

TEST_F (PerformerScreenMidi, TheTempoControlsLearnTheirButtonsAndKnobs)
{
    auto& overlay = screen->getLearnOverlay();
    auto& strip = screen->getTempoStrip();
    setLearning (true);

    const auto learn = [&] (juce::Component& control, const juce::MidiMessage& message)
    {
        click (centreOf (control));
        const auto target = midi.getLearnTarget();
        if (!target)
            return MidiTarget{};
        midi.handleMessage (message);
        midi.dispatchPendingMessages();
        EXPECT_FALSE (midi.getLearnTarget().has_value()) << target->describe() << " was not learned";
        return *target;
    };

    EXPECT_EQ (learn (strip.getTapButton(), juce::MidiMessage::noteOn (1, 60, 1.0f)).type,
               MidiTarget::Type::tapTempo);
    EXPECT_EQ (overlay.bindingLabelFor ({ MidiTarget::Type::tapTempo }), "N60 ch1");
    EXPECT_EQ (learn (strip.getSlowerButton(), juce::MidiMessage::noteOn (1, 61, 1.0f)).type,
               MidiTarget::Type::nudgeSlower);
    EXPECT_EQ (learn (strip.getFasterButton(), juce::MidiMessage::noteOn (1, 62, 1.0f)).type,
               MidiTarget::Type::nudgeFaster);
    EXPECT_EQ (learn (strip.getBpmField(), juce::MidiMessage::controllerEvent (1, 20, 64)).type,
               MidiTarget::Type::masterTempo);
    EXPECT_EQ (overlay.bindingLabelFor ({ MidiTarget::Type::masterTempo }), "CC20 ch1");
    EXPECT_EQ (learn (strip.getQuantizeBox(), juce::MidiMessage::controllerEvent (1, 21, 0)).type,
               MidiTarget::Type::globalQuantize);
    EXPECT_EQ (learn (strip.getMetronomeButton(), juce::MidiMessage::noteOn (1, 63, 1.0f)).type,
               MidiTarget::Type::metronome);

    // The editor's SYNC and QUANTIZE address the selected pad's place on the grid.
    screen->getPadGrid().selectPad (6);
    auto& tempo = screen->getPadEditor().getTempoSection();
    EXPECT_EQ (learn (tempo.getSyncToggle(), juce::MidiMessage::noteOn (1, 64, 1.0f)),
               padTarget (MidiTarget::Type::padSync, 1, 2));
    EXPECT_EQ (learn (tempo.getQuantizeBox(), juce::MidiMessage::noteOn (1, 65, 1.0f)),
               padTarget (MidiTarget::Type::padQuantize, 1, 2));
    EXPECT_EQ (overlay.bindingLabelFor (padTarget (MidiTarget::Type::padQuantize, 1, 2)), "N65 ch1");

    const auto& mapping = midi.getMapping();
    for (auto type :
         { MidiTarget::Type::tapTempo, MidiTarget::Type::nudgeSlower, MidiTarget::Type::nudgeFaster,
           MidiTarget::Type::masterTempo, MidiTarget::Type::globalQuantize, MidiTarget::Type::metronome })
        EXPECT_GE (mapping.indexOf ({ type }), 0) << toString (type);
    EXPECT_EQ (session.getMasterTempo(), 120.0) << "learning the tempo knob at its centre moved nothing";
    writePng ("paddeck-tempo-learn.png");
    setLearning (false);

    // Bound: the metronome's note switches it on.
    midi.handleMessage (juce::MidiMessage::noteOn (1, 63, 1.0f));
    EXPECT_TRUE (session.isMetronomeOn());
}

TEST_F (PerformerScreenMidi, TheBankArrowsChangeBank)
{
    auto& grid = screen->getPadGrid();
    grid.getNextBankButton().onClick();
    EXPECT_EQ (session.getCurrentBank(), 1);
    grid.getPreviousBankButton().onClick();
    grid.getPreviousBankButton().onClick();
    EXPECT_EQ (session.getCurrentBank(), 0);
}

TEST_F (PerformerScreenMidi, ChoosingAPresetMapsTheGridAndTheListEditsBindings)
{
    MidiSettingsPanel panel (midi);

    if (midi.getInputs().isEmpty())
        EXPECT_TRUE (panel.getInputsText().contains ("No MIDI inputs found")) << panel.getInputsText();
    else
        EXPECT_TRUE (panel.getInputsText().contains (midi.getInputs()[0].name)) << panel.getInputsText();

    auto& presets = panel.getPresetChooser();
    int apc = 0;
    for (int i = 0; i < presets.getNumItems(); ++i)
        if (presets.getItemText (i) == "Akai APC mini")
            apc = presets.getItemId (i);
    ASSERT_NE (apc, 0) << "the APC mini preset ships in Assets/MidiPresets";

    presets.setSelectedId (apc, juce::sendNotificationSync);
    const auto& mapping = midi.getMapping();
    EXPECT_EQ (mapping.name, "Akai APC mini");
    EXPECT_GE (mapping.bindings.size(), 64u);
    EXPECT_GE (mapping.indexOf (padTarget (MidiTarget::Type::padTrigger, 7, 7)), 0);
    EXPECT_EQ (panel.getNumBindingRows(), (int) mapping.bindings.size());
    EXPECT_TRUE (panel.getDescriptionText().contains ("APC mini")) << panel.getDescriptionText();

    // The remove button in the list removes that binding.
    const auto count = mapping.bindings.size();
    const auto first = mapping.bindings[0];
    EXPECT_TRUE (panel.getBindingRowText (0).contains (first.source.describe()));
    panel.getRemoveButton (0)->onClick();
    midi.dispatchPendingMessages();
    EXPECT_EQ (midi.getMapping().bindings.size(), count - 1);
    EXPECT_LT (midi.getMapping().indexOf (first.target), 0);
    EXPECT_EQ (panel.getNumBindingRows(), (int) count - 1);

    // A CC binding's encoding combo sets how its values are read.
    int row = 0;
    while (row < panel.getNumBindingRows() && panel.getEncodingChooser (row) == nullptr)
        ++row;
    ASSERT_LT (row, panel.getNumBindingRows()) << "the APC mini maps its master fader to a CC";
    EXPECT_EQ (panel.getEncodingChooser (0), nullptr) << "a note has no encoding";
    panel.getEncodingChooser (row)->setSelectedId (2, juce::sendNotificationSync);
    EXPECT_EQ (midi.getMapping().bindings[(size_t) row].source.encoding,
               MidiSource::Encoding::relativeTwosComplement);
    midi.dispatchPendingMessages();
    ASSERT_NE (panel.getEncodingChooser (row), nullptr);
    EXPECT_EQ (panel.getEncodingChooser (row)->getSelectedId(), 2);
}

} // namespace paddeck
