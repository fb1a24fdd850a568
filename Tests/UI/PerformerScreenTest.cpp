#include "Control/Autosaver.h"
#include "Model/Identifiers.h"
#include "UI/LiveScreen.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** The whole performer's screen in a real window under Xvfb, playing through jackd -d dummy, with
    three tones and a text file to drop. */
struct PerformerScreen : test::LiveScreen
{
    void SetUp() override
    {
        test::LiveScreen::SetUp();
        for (int i = 0; i < 3; ++i)
            test::writeWav (temp / ("0" + juce::String (i + 1) + " tone.wav"), 48000.0, 1, 96000,
                            test::sine (220.0 * (i + 1), 48000.0));
        (temp / "notes.txt").replaceWithText ("not audio");
    }

    juce::StringArray tempFiles()
    {
        juce::StringArray files;
        for (auto& f : temp.folder.findChildFiles (juce::File::findFiles, false))
            files.add (f.getFullPathName());
        return files;
    }
};

using test::pumpUntil;

TEST_F (PerformerScreen, DroppedFilesFillTheBankInOrderAndPadsFireFromTheMouse)
{
    auto& grid = screen->getPadGrid();
    juce::String notice;
    grid.onMessage = [&notice] (const juce::String& m) { notice = m; };

    grid.dropFiles (tempFiles(), 1); // the same path as a drop on pad 2
    EXPECT_TRUE (notice.contains ("notes.txt")) << notice;
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    screen->refresh();

    EXPECT_EQ (grid.getPadComponent (0)->getStateText(), "Empty");
    for (int i = 0; i < 3; ++i)
    {
        EXPECT_EQ (grid.getPadComponent (1 + i)->getView().name, "0" + juce::String (i + 1) + " tone");
        EXPECT_EQ (grid.getPadComponent (1 + i)->getStateText(), "Loaded");
    }

    grid.getPadComponent (2)->onPress();
    grid.getPadComponent (2)->onRelease();
    ASSERT_TRUE (pumpUntil ([&] { return engine.getMeters().padVoices[2].load() == 1; }));
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return grid.getPadComponent (2)->getStateText() == "Playing"
                   && grid.getPadComponent (2)->getView().level > 0.1f;
        }));
    EXPECT_EQ (screen->getPadEditor().getPad(), 2) << "hitting a pad selects it for the editor";

    // A picture of the loaded, playing grid, for the README and for looking at.
    const auto image = screen->createComponentSnapshot (screen->getLocalBounds());
    juce::File shot =
        juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile ("paddeck-playing.png");
    shot.deleteFile();
    {
        juce::FileOutputStream out (shot);
        ASSERT_TRUE (juce::PNGImageFormat().writeImageToStream (image, out));
    }
    const auto reloaded = juce::ImageFileFormat::loadFrom (shot);
    ASSERT_TRUE (reloaded.isValid());
    juce::Colour first = reloaded.getPixelAt (0, 0);
    int differing = 0;
    for (int y = 0; y < reloaded.getHeight(); y += 7)
        for (int x = 0; x < reloaded.getWidth(); x += 7)
            differing += reloaded.getPixelAt (x, y) != first ? 1 : 0;
    EXPECT_GT (differing, 500) << "the screenshot is blank";

    screen->getMasterStrip().getStopAllButton().triggerClick();
    ASSERT_TRUE (pumpUntil ([&] { return engine.getMeters().activeVoices.load() == 0; }));
}

TEST_F (PerformerScreen, TheComputerKeyboardFiresPadsAndGatePadsStopOnRelease)
{
    auto& grid = screen->getPadGrid();
    grid.dropFiles (tempFiles(), 0);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));

    auto gate = session.getPadSettings (1);
    gate.playMode = PlayMode::gate;
    session.setPadSettings (1, gate);

    EXPECT_EQ (grid.keyForPad (1), '2');
    EXPECT_EQ (grid.keyForPad (4), 'q');
    EXPECT_TRUE (screen->keyPressed (juce::KeyPress ('2', 0, '2')));
    EXPECT_TRUE (screen->keyPressed (juce::KeyPress ('2', 0, '2'))); // auto-repeat: not a second hit
    ASSERT_TRUE (pumpUntil ([&] { return engine.getMeters().padVoices[1].load() == 1; }));

    screen->keyStateChanged (false); // the key is up (Xvfb has no key held): the gate pad stops
    ASSERT_TRUE (pumpUntil ([&] { return engine.getMeters().padVoices[1].load() == 0; }));

    EXPECT_TRUE (screen->keyPressed (juce::KeyPress (']', 0, ']')));
    EXPECT_EQ (session.getCurrentBank(), 1);
}

TEST_F (PerformerScreen, MetersShowWhatTheEnginePublishes)
{
    auto& meters = engine.getMeters();
    host.close(); // nothing else writes the meters now

    meters.masterPeakLeft = juce::Decibels::decibelsToGain (-6.0f);
    meters.masterPeakRight = juce::Decibels::decibelsToGain (-12.0f);
    meters.masterClips = 3;
    meters.padPeak[0] = 0.5f;
    meters.padVoices[0] = 1;
    meters.padPlayhead[0] = 0.25f;
    meters.activeVoices = 7;
    screen->refresh();

    auto& master = screen->getMasterStrip();
    EXPECT_NEAR (master.getShownPeakDb (0), -6.0f, 0.01f);
    EXPECT_NEAR (master.getShownPeakDb (1), -12.0f, 0.01f);
    EXPECT_TRUE (master.isClipLit());

    const auto& view = screen->getPadGrid().getPadComponent (0)->getView();
    EXPECT_FLOAT_EQ (view.level, 0.5f);
    EXPECT_FLOAT_EQ (view.playhead, 0.25f);
    EXPECT_TRUE (screen->getStatusStrip().getText().contains ("VOICES 7"))
        << screen->getStatusStrip().getText();
    EXPECT_TRUE (screen->getStatusStrip().getText().contains ("NO AUDIO DEVICE"));
}

TEST_F (PerformerScreen, EditorControlsChangeThePadAndDoubleClickResetsThem)
{
    auto& editor = screen->getPadEditor();
    editor.setPad (5);
    auto* pitch = dynamic_cast<juce::Slider*> (editor.getControl (IDs::semitones));
    auto* kill = dynamic_cast<juce::Button*> (editor.getControl (IDs::eqMidKill));
    ASSERT_NE (pitch, nullptr);
    ASSERT_NE (kill, nullptr);

    pitch->setValue (7.0);
    kill->triggerClick();
    pumpUntil ([] { return false; }, 50);
    EXPECT_EQ (session.getPadSettings (5).semitones, 7);
    EXPECT_TRUE (session.getPadSettings (5).eqMidKill);

    EXPECT_TRUE (pitch->isDoubleClickReturnEnabled());
    pitch->setValue (pitch->getDoubleClickReturnValue(), juce::sendNotificationSync);
    EXPECT_EQ (session.getPadSettings (5).semitones, 0);
}

static void writePng (const juce::Image& image, const juce::String& name)
{
    const auto file = juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile (name);
    file.deleteFile();
    juce::FileOutputStream out (file);
    juce::PNGImageFormat().writeImageToStream (image, out);
}

/** The dialog on top, with the screen behind it, as the performer sees it. */
static juce::AlertWindow* currentAlert()
{
    return dynamic_cast<juce::AlertWindow*> (juce::Component::getCurrentlyModalComponent());
}

static juce::StringArray buttonsOf (juce::AlertWindow* alert)
{
    juce::StringArray texts;
    for (auto* child : alert->getChildren())
        if (auto* button = dynamic_cast<juce::Button*> (child))
            texts.add (button->getButtonText());
    return texts;
}

static void answer (juce::AlertWindow* alert, int result)
{
    alert->exitModalState (result);
    juce::MessageManager::getInstance()->runDispatchLoopUntil (50);
}

static bool menuHasEnabledItem (const juce::PopupMenu& menu, const juce::String& text)
{
    for (juce::PopupMenu::MenuItemIterator it (menu); it.next();)
        if (it.getItem().text == text)
            return it.getItem().isEnabled;
    return false;
}

TEST_F (PerformerScreen, AMovedSamplesFolderShowsMissingPadsOfferingLocate)
{
    const auto kit = temp / "kit";
    kit.createDirectory();
    for (int i = 0; i < 3; ++i)
        session.loadIntoPad (i, test::writeWav (kit.getChildFile ("hit" + juce::String (i) + ".wav"), 48000.0,
                                                1, 4800, test::sine (300.0 * (i + 1), 48000.0)));
    const auto setFile = temp / "sets/Live.paddeck";
    setFile.getParentDirectory().createDirectory();
    ASSERT_TRUE (session.saveSet (setFile).wasOk());
    ASSERT_TRUE (kit.moveFileTo (temp / "kit moved"));

    screen->getSetActions().openFile (setFile);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    screen->getPadGrid().selectPad (1);
    screen->refresh();
    EXPECT_EQ (screen->getPadGrid().getPadComponent (1)->getStateText(), "Missing");
    EXPECT_TRUE (screen->getPadEditor().getLocateButton().isShowing());
    EXPECT_TRUE (menuHasEnabledItem (screen->getPadGrid().createPadMenu (1), "Locate..."));
    EXPECT_FALSE (menuHasEnabledItem (screen->getPadGrid().createPadMenu (5), "Locate...")) << "an empty pad";
    EXPECT_TRUE (screen->getMessage().contains ("3 missing")) << screen->getMessage();
    writePng (screen->createComponentSnapshot (screen->getLocalBounds()), "paddeck-missing.png");

    // What Locate... does once the performer picked the file.
    EXPECT_EQ (session.relinkMissing (1, temp / "kit moved/hit1.wav"), 3);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    screen->refresh();
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ (screen->getPadGrid().getPadComponent (i)->getStateText(), "Loaded");
    EXPECT_FALSE (screen->getPadEditor().getLocateButton().isVisible());
    EXPECT_FALSE (menuHasEnabledItem (screen->getPadGrid().createPadMenu (1), "Locate..."));
}

TEST_F (PerformerScreen, UnsavedChangesShowInTheTitleAndAreAskedAboutBeforeTheyAreDropped)
{
    auto& actions = screen->getSetActions();
    screen->refresh();
    EXPECT_EQ (screen->getShownTitle(), "Untitled set");

    int proceeded = 0;
    actions.askToSaveThen ([&] { ++proceeded; });
    EXPECT_EQ (proceeded, 1) << "nothing unsaved: nothing asked";
    EXPECT_EQ (currentAlert(), nullptr);

    session.setMasterGainDb (-12.0);
    screen->refresh();
    EXPECT_EQ (screen->getShownTitle(), juce::String::fromUTF8 ("Untitled set \xe2\x80\xa2"));

    actions.askToSaveThen ([&] { ++proceeded; });
    auto* alert = currentAlert();
    ASSERT_NE (alert, nullptr);
    EXPECT_EQ (alert->getName(), "Unsaved changes");
    EXPECT_EQ (buttonsOf (alert), juce::StringArray ("Save", "Don't save", "Cancel"));
    {
        auto image = screen->createComponentSnapshot (screen->getLocalBounds());
        juce::Graphics g (image);
        const auto picture = alert->createComponentSnapshot (alert->getLocalBounds());
        g.drawImageAt (picture, (image.getWidth() - picture.getWidth()) / 2,
                       (image.getHeight() - picture.getHeight()) / 2);
        writePng (image, "paddeck-unsaved.png");
    }
    answer (alert, 0); // Cancel
    EXPECT_EQ (proceeded, 1);
    EXPECT_TRUE (session.isDirty());

    actions.askToSaveThen ([&] { ++proceeded; });
    ASSERT_NE (currentAlert(), nullptr);
    answer (currentAlert(), 2); // Don't save
    EXPECT_EQ (proceeded, 2);

    ASSERT_TRUE (session.saveSet (temp / "Live.paddeck").wasOk());
    screen->refresh();
    EXPECT_EQ (screen->getShownTitle(), "Live");
}

TEST_F (PerformerScreen, AfterACrashTheAutosaveIsOfferedAndRecoverBringsTheChangesBack)
{
    const auto setFile = temp / "Live.paddeck";
    ASSERT_TRUE (session.saveSet (setFile).wasOk());
    const auto folder = settings.folder.getFile();
    {
        Autosaver crashed (session, folder);
        ASSERT_TRUE (crashed.start());
        session.setMasterGainDb (-18.0);
        crashed.tick (0.0);
        crashed.tick (Autosaver::debounceMs);
    }
    ASSERT_TRUE (session.openSet (setFile).wasOk()); // the next start opens the last set
    EXPECT_EQ (session.getMasterGainDb(), 0.0);

    Autosaver autosaver (session, folder);
    const auto recovery = autosaver.findRecovery();
    ASSERT_TRUE (recovery.has_value());
    ASSERT_TRUE (autosaver.start());
    screen->getSetActions().offerRecovery (autosaver, *recovery);

    auto* alert = currentAlert();
    ASSERT_NE (alert, nullptr);
    EXPECT_EQ (alert->getName(), "Recover unsaved changes?");
    EXPECT_EQ (buttonsOf (alert), juce::StringArray ("Recover", "Discard"));
    writePng (alert->createComponentSnapshot (alert->getLocalBounds()), "paddeck-recovery.png");
    answer (alert, 1); // Recover

    EXPECT_EQ (session.getMasterGainDb(), -18.0);
    EXPECT_EQ (session.getSetFile(), setFile);
    EXPECT_TRUE (session.isDirty());
    screen->refresh();
    EXPECT_EQ (screen->getShownTitle(), juce::String::fromUTF8 ("Live \xe2\x80\xa2"));
    autosaver.stopCleanly();
}

} // namespace paddeck

namespace paddeck
{
TEST_F (PerformerScreen, ShapeControlsSetTheEndInFramesOfTheFileTheFadesAndReverse)
{
    session.loadIntoPad (5, temp / "01 tone.wav"); // 2 s at 48 kHz
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle() && session.getPadStatus (5).sample != nullptr; }));
    auto& editor = screen->getPadEditor();
    editor.setPad (5);
    editor.refreshStatus();

    auto* end = dynamic_cast<juce::Slider*> (editor.getControl (IDs::endFrame));
    auto* start = dynamic_cast<juce::Slider*> (editor.getControl (IDs::startFrame));
    auto* fadeIn = dynamic_cast<juce::Slider*> (editor.getControl (IDs::fadeInMs));
    auto* fadeOut = dynamic_cast<juce::Slider*> (editor.getControl (IDs::fadeOutMs));
    auto* reverse = dynamic_cast<juce::Button*> (editor.getControl (IDs::reverse));
    for (auto* control : std::initializer_list<juce::Component*>{ end, start, fadeIn, fadeOut, reverse })
    {
        ASSERT_NE (control, nullptr);
        EXPECT_TRUE (control->isShowing() || editor.getViewport().getViewedComponent()->isParentOf (control));
    }
    EXPECT_TRUE (end->isEnabled());
    EXPECT_DOUBLE_EQ (end->getMaximum(), 2.0) << "END spans the file";
    EXPECT_DOUBLE_EQ (end->getValue(), 2.0) << "a new pad plays to the end";
    EXPECT_EQ (end->getTextFromValue (end->getValue()), "END");

    // As a drag does, one value after another: each lands while the pad takes in the last.
    for (const auto& [slider, value] :
         { std::pair{ end, 1.7 }, { end, 1.5 }, { start, 0.25 }, { fadeIn, 12.0 }, { fadeOut, 300.0 } })
    {
        slider->setValue (value, juce::sendNotificationSync);
        editor.refreshStatus();
    }
    reverse->triggerClick();
    pumpUntil ([] { return false; }, 50);
    auto s = session.getPadSettings (5);
    EXPECT_EQ (s.endFrame, 72000);
    EXPECT_EQ (s.startFrame, 12000);
    EXPECT_FLOAT_EQ (s.fadeInMs, 12.0f);
    EXPECT_FLOAT_EQ (s.fadeOutMs, 300.0f);
    EXPECT_TRUE (s.reverse);

    // Back to the file's end (a double-click) is "the end", wherever the file ends.
    end->setValue (end->getDoubleClickReturnValue(), juce::sendNotificationSync);
    EXPECT_EQ (session.getPadSettings (5).endFrame, -1);

    // Undo walks the controls back, and the editor shows it.
    ASSERT_TRUE (session.undo());
    pumpUntil ([] { return false; }, 50);
    EXPECT_EQ (session.getPadSettings (5).endFrame, 72000);
    EXPECT_DOUBLE_EQ (end->getValue(), 1.5);
}
} // namespace paddeck
