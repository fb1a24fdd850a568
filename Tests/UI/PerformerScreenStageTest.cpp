#include "Model/Identifiers.h"
#include "UI/LiveScreen.h"

#include <gtest/gtest.h>

namespace paddeck
{

using test::mouseAt;
using test::pumpUntil;

/** Undo, drops, play modes and the status strip's counters on the performer's screen, in a real
    window under Xvfb playing through jackd -d dummy. */
struct PerformerScreenStage : test::LiveScreen
{
    void SetUp() override
    {
        test::LiveScreen::SetUp();
        for (int i = 0; i < 3; ++i)
            files.add (test::writeWav (temp / ("0" + juce::String (i + 1) + " tone.wav"), 48000.0, 1, 48000,
                                       test::sine (220.0 * (i + 1), 48000.0))
                           .getFullPathName());
    }

    juce::Slider& knob (const juce::Identifier& property)
    {
        return *dynamic_cast<juce::Slider*> (screen->getPadEditor().getControl (property));
    }

    /** A drag on a knob, as the mouse makes it: down, moves, up. */
    static void drag (juce::Slider& slider, int pixelsDown)
    {
        const auto middle = slider.getLocalBounds().getCentre();
        slider.mouseDown (mouseAt (slider, middle, middle));
        for (int y = 5; y <= pixelsDown; y += 5)
            slider.mouseDrag (mouseAt (slider, middle.translated (0, y), middle));
        slider.mouseUp (mouseAt (slider, middle.translated (0, pixelsDown), middle));
    }

    juce::StringArray files;
};

TEST_F (PerformerScreenStage, AKnobDragIsOneStepThatCtrlZAndTheHeaderButtonsTakeBackAndForth)
{
    auto& grid = screen->getPadGrid();
    grid.dropFiles (files, 0);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    session.loadIntoPad (12, juce::File (files[0])); // the Z key's pad: Ctrl+Z must not fire it
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    ASSERT_TRUE (session.saveSet (temp / "stage.paddeck").wasOk());
    grid.selectPad (0);
    screen->refresh();
    EXPECT_FALSE (screen->getUndoButton().isEnabled() && !session.canUndo());

    auto& gain = knob (IDs::gainDb);
    drag (gain, 60);
    const auto dragged = session.getPadSettings (0).gainDb;
    EXPECT_LT (dragged, -3.0f) << "the drag moved the gain";
    EXPECT_EQ (session.getUndoDescription(), "Gain A1");
    screen->refresh();
    EXPECT_TRUE (screen->getUndoButton().isEnabled());
    EXPECT_EQ (screen->getUndoButton().getTooltip(), "Undo Gain A1 (Ctrl+Z)");
    EXPECT_TRUE (screen->getShownTitle().endsWith (juce::String::fromUTF8 ("\u2022")))
        << screen->getShownTitle();

    EXPECT_TRUE (screen->keyPressed (juce::KeyPress ('z', juce::ModifierKeys::commandModifier, 0)));
    EXPECT_EQ (session.getPadSettings (0).gainDb, 0.0f) << "the whole drag, in one step";
    EXPECT_EQ (gain.getValue(), 0.0) << "the knob shows it";
    EXPECT_EQ (screen->getMessage(), "Undone: Gain A1");
    EXPECT_EQ (screen->getShownTitle(), "stage") << "back to the saved set: clean";
    EXPECT_EQ (engine.getMeters().padVoices[12].load(), 0) << "Ctrl+Z is no hit on the Z pad";

    EXPECT_TRUE (screen->keyPressed (
        juce::KeyPress ('z', juce::ModifierKeys::commandModifier | juce::ModifierKeys::shiftModifier, 0)));
    EXPECT_EQ (session.getPadSettings (0).gainDb, dragged);
    screen->getUndoButton().onClick();
    EXPECT_EQ (session.getPadSettings (0).gainDb, 0.0f);
    screen->getRedoButton().onClick();
    EXPECT_EQ (session.getPadSettings (0).gainDb, dragged);
    screen->keyPressed (juce::KeyPress ('z', juce::ModifierKeys::commandModifier, 0));
    EXPECT_TRUE (screen->keyPressed (juce::KeyPress ('y', juce::ModifierKeys::commandModifier, 0)));
    EXPECT_EQ (session.getPadSettings (0).gainDb, dragged);

    // The drop before it is a step of its own, and so is each change of grid.
    screen->keyPressed (juce::KeyPress ('z', juce::ModifierKeys::commandModifier, 0));
    screen->keyPressed (juce::KeyPress ('z', juce::ModifierKeys::commandModifier, 0));
    screen->keyPressed (juce::KeyPress ('z', juce::ModifierKeys::commandModifier, 0));
    EXPECT_EQ (session.getPadSettings (0).name, "") << "the drop, undone";
    EXPECT_EQ (session.getPadSettings (12).name, "");
    screen->refresh();
    EXPECT_FALSE (screen->getUndoButton().isEnabled());
    EXPECT_EQ (screen->getUndoButton().getTooltip(), "Nothing to undo");
}

TEST_F (PerformerScreenStage, PlayModeIsOneChoiceThatSaysWhetherItLoops)
{
    screen->getPadGrid().dropFiles ({ files[0] }, 0);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    screen->getPadGrid().selectPad (0);
    auto& editor = screen->getPadEditor();
    EXPECT_EQ (editor.getControl (IDs::loop), nullptr) << "no Loop switch beside the mode";

    auto* modes = dynamic_cast<juce::ComboBox*> (editor.getControl (IDs::playMode));
    ASSERT_NE (modes, nullptr);
    juce::StringArray shown;
    for (int i = 0; i < modes->getNumItems(); ++i)
        shown.add (modes->getItemText (i));
    EXPECT_EQ (shown, juce::StringArray ({ "One-shot", "Retrigger", "Toggle", "Gate", "Loop", "Gate loop" }));

    modes->setSelectedId ((int) PlayMode::gateLoop + 1, juce::sendNotificationSync); // as a click in its menu
    EXPECT_EQ (session.getPadSettings (0).playMode, PlayMode::gateLoop);
    EXPECT_EQ (modes->getTooltip(), "Loops while the pad is held; letting go stops it");
    screen->refresh();
    EXPECT_TRUE (screen->getPadGrid().getPadComponent (0)->getView().modeLabel == "GATE LOOP");
}

TEST_F (PerformerScreenStage, DraggedFilesLightThePadsTheyWillFillAndADropGoesThere)
{
    auto& grid = screen->getPadGrid();
    grid.dropFiles ({ files[2] }, 2); // pad 3 holds a sample already
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    const auto view = [&] (int pad) { return grid.getPadComponent (pad)->getView(); };

    // Two files dragged over pad 2: pad 2, then pad 4 (pad 3 is loaded and is left alone).
    grid.dragFilesOver ({ files[0], files[1] }, 1);
    EXPECT_EQ (view (0).dropFile, "");
    EXPECT_EQ (view (1).dropFile, "01 tone");
    EXPECT_EQ (view (2).dropFile, "");
    EXPECT_EQ (view (3).dropFile, "02 tone");
    EXPECT_FALSE (view (1).dropReplaces);

    // One file over the loaded pad: lit as a replacement.
    grid.dragFilesOver ({ files[0] }, 2);
    EXPECT_EQ (view (2).dropFile, "01 tone");
    EXPECT_TRUE (view (2).dropReplaces);
    EXPECT_EQ (view (1).dropFile, "");

    // Over the bank row or beside the grid: nothing is lit, and nothing will load.
    const auto bankRow = grid.getBankButton (0)->getBounds().getCentre();
    EXPECT_EQ (grid.padAt (bankRow), -1);
    EXPECT_EQ (grid.padAt ({ 1, grid.getHeight() - 1 }), -1);
    grid.fileDragMove ({ files[0], files[1] }, bankRow.x, bankRow.y);
    for (int pad = 0; pad < 16; ++pad)
        EXPECT_EQ (view (pad).dropFile, "") << pad;
    juce::String said;
    grid.onMessage = [&said] (const juce::String& m) { said = m; };
    grid.filesDropped ({ files[0], files[1] }, bankRow.x, bankRow.y);
    EXPECT_TRUE (said.startsWith ("Drop files onto a pad")) << said;
    EXPECT_EQ (session.getPadSettings (0).name, "");

    // Dropped where it was lit.
    const auto onPad2 = grid.getPadComponent (1)->getBounds().getCentre();
    grid.fileDragMove ({ files[0], files[1] }, onPad2.x, onPad2.y);
    grid.filesDropped ({ files[0], files[1] }, onPad2.x, onPad2.y);
    EXPECT_EQ (session.getPadSettings (1).name, "01 tone");
    EXPECT_EQ (session.getPadSettings (2).name, "03 tone") << "kept";
    EXPECT_EQ (session.getPadSettings (3).name, "02 tone");
    EXPECT_TRUE (said.contains ("Kept the loaded pad A3 as it was")) << said;
    for (int pad = 0; pad < 16; ++pad)
        EXPECT_EQ (view (pad).dropFile, "") << "nothing lit once dropped";
}

TEST_F (PerformerScreenStage, TheHiddenCountersShowInTheStatusStripOnceNotZeroWithDetailsOnHover)
{
    auto& meters = engine.getMeters();
    auto& strip = screen->getStatusStrip();
    screen->refresh();
    for (const auto* label : { "KEYLOCK", "HITS LOST", "LAUNCHES LOST", "MIDI LOST" })
        EXPECT_FALSE (strip.getText().contains (label)) << "a counter at zero says nothing";

    meters.hitsDropped = 2;
    meters.commandsDropped = 1;
    meters.keyLockFallbacks = 4;
    meters.launchesDropped = 5;
    meters.controlEventsDropped = 6;
    screen->refresh();
    const auto text = strip.getText();
    EXPECT_TRUE (text.contains ("HITS LOST 3")) << text;
    EXPECT_TRUE (text.contains ("KEYLOCK BUSY 4")) << text;
    EXPECT_TRUE (text.contains ("LAUNCHES LOST 5")) << text;
    EXPECT_TRUE (text.contains ("MIDI LOST 6")) << text;

    // Hovering a counter tells what it means.
    juce::String details;
    for (int x = 0; x < strip.getWidth() && !details.contains ("found no free voice"); x += 4)
        details = strip.getDetailsAt ({ x, strip.getHeight() / 2 });
    EXPECT_TRUE (details.startsWith ("2 hits found no free voice, and 1 presses")) << details;
}

} // namespace paddeck
