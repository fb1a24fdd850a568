#include "Control/Autosaver.h"
#include "Model/Identifiers.h"
#include "Support/TestAudio.h"
#include "Support/TreeCompare.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** The autosave and crash recovery, with the clock driven by the test. A crash is a run whose
    Autosaver is destroyed without stopCleanly(). */
struct AutosaverTest : ::testing::Test
{
    void SetUp() override
    {
        sample = test::writeWav (temp / "samples/kick.wav", 48000.0, 1, 480, test::sine (100.0, 48000.0));
        session.loadIntoPad (0, sample);
        ASSERT_TRUE (session.saveSet (setFile).wasOk());
    }

    void edit (float gainDb)
    {
        auto pad = session.getPadSettings (0);
        pad.gainDb = gainDb;
        session.setPadSettings (0, pad);
    }

    test::TempFolder temp;
    const juce::File settingsFolder = temp / "settings";
    const juce::File setFile = temp / "Live.paddeck";
    juce::File sample;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};

TEST_F (AutosaverTest, WritesOnlyOnceTheSetHasBeenUnchangedForTheDebounceTime)
{
    Autosaver autosaver (session, settingsFolder);
    ASSERT_TRUE (autosaver.start());
    EXPECT_TRUE (autosaver.getMarkerFile().existsAsFile());

    autosaver.tick (0.0);
    autosaver.tick (10000.0);
    EXPECT_FALSE (autosaver.getAutosaveFile().exists()) << "nothing unsaved, nothing written";

    edit (-3.0);
    autosaver.tick (10000.0);
    autosaver.tick (11999.0);
    EXPECT_FALSE (autosaver.getAutosaveFile().exists());
    edit (-4.0); // still editing: the wait starts again
    autosaver.tick (11999.0);
    autosaver.tick (13998.0);
    EXPECT_FALSE (autosaver.getAutosaveFile().exists());
    autosaver.tick (13999.0);
    ASSERT_TRUE (autosaver.getAutosaveFile().existsAsFile());
    EXPECT_EQ (autosaver.getNumAutosavesWritten(), 1);
    autosaver.tick (30000.0);
    EXPECT_EQ (autosaver.getNumAutosavesWritten(), 1) << "unchanged since: not written again";

    juce::ValueTree saved;
    juce::File of;
    ASSERT_TRUE (SetFile::loadAutosave (autosaver.getAutosaveFile(), saved, of).wasOk());
    EXPECT_EQ (of, setFile);
    EXPECT_TRUE (test::sameTree (session.getSet(), saved));
    EXPECT_TRUE (autosaver.getAutosaveFile().loadFileAsString().contains (sample.getFullPathName()));

    ASSERT_TRUE (session.saveSet (setFile).wasOk());
    autosaver.tick (30001.0);
    EXPECT_FALSE (autosaver.getAutosaveFile().exists()) << "a save makes the autosave obsolete";
}

TEST_F (AutosaverTest, ACrashLeavesAnAutosaveThatTheNextStartOffersBack)
{
    const auto savedBytes = test::bytesOf (setFile);
    {
        Autosaver crashed (session, settingsFolder);
        ASSERT_TRUE (crashed.start());
        edit (-9.0);
        crashed.tick (0.0);
        crashed.tick (Autosaver::debounceMs);
        ASSERT_TRUE (crashed.getAutosaveFile().existsAsFile());
    } // no stopCleanly(): the marker stays behind, as after a crash

    AudioEngine engine2;
    SampleLoader loader2;
    Session next (engine2, loader2);
    Autosaver autosaver (next, settingsFolder);
    const auto recovery = autosaver.findRecovery();
    ASSERT_TRUE (recovery.has_value());
    EXPECT_EQ (recovery->setFile, setFile);
    EXPECT_TRUE (recovery->question().startsWith ("PadDeck did not close properly. Recover the unsaved "
                                                  "changes to Live from "))
        << recovery->question();
    ASSERT_TRUE (autosaver.start());

    // While the question is open, the new run neither removes nor overwrites the crash's autosave.
    const auto autosaveBytes = test::bytesOf (autosaver.getAutosaveFile());
    next.setMasterGainDb (-20.0);
    autosaver.tick (0.0);
    autosaver.tick (10 * Autosaver::debounceMs);
    EXPECT_EQ (test::bytesOf (autosaver.getAutosaveFile()), autosaveBytes);

    ASSERT_TRUE (autosaver.recover (*recovery).wasOk());
    EXPECT_EQ (next.getSetFile(), setFile) << "saving goes to the original set";
    EXPECT_TRUE (next.isDirty());
    EXPECT_EQ (next.getPadSettings (0).gainDb, -9.0f);
    EXPECT_EQ (next.getPadSettings (0).file, sample.getFullPathName());
    EXPECT_EQ (test::bytesOf (setFile), savedBytes) << "the set on disk is untouched until saved";

    autosaver.stopCleanly();
    EXPECT_FALSE (autosaver.getMarkerFile().exists());
    EXPECT_FALSE (autosaver.getAutosaveFile().exists());
    Autosaver afterCleanExit (next, settingsFolder);
    EXPECT_FALSE (afterCleanExit.findRecovery().has_value());
}

TEST_F (AutosaverTest, AnUntitledSetIsRecoveredUntitled)
{
    session.setSet (SetFile::createEmptySet());
    {
        Autosaver crashed (session, settingsFolder);
        ASSERT_TRUE (crashed.start());
        session.loadIntoPad (2, sample);
        crashed.tick (0.0);
        crashed.tick (Autosaver::debounceMs);
    }
    Autosaver autosaver (session, settingsFolder);
    const auto recovery = autosaver.findRecovery();
    ASSERT_TRUE (recovery.has_value());
    EXPECT_TRUE (recovery->question().contains ("the untitled set"));
    session.setSet (SetFile::createEmptySet());
    ASSERT_TRUE (autosaver.recover (*recovery).wasOk());
    EXPECT_EQ (session.getSetFile(), juce::File());
    EXPECT_EQ (session.getPadSettings (2).file, sample.getFullPathName());
}

TEST_F (AutosaverTest, DiscardingRemovesTheAutosaveAndACleanExitLeavesNothingToRecover)
{
    {
        Autosaver crashed (session, settingsFolder);
        ASSERT_TRUE (crashed.start());
        edit (-1.0);
        crashed.tick (0.0);
        crashed.tick (Autosaver::debounceMs);
    }
    Autosaver autosaver (session, settingsFolder);
    ASSERT_TRUE (autosaver.findRecovery().has_value());
    autosaver.discardRecovery();
    EXPECT_FALSE (autosaver.getAutosaveFile().exists());
    ASSERT_TRUE (autosaver.start());

    edit (-2.0);
    autosaver.tick (0.0);
    autosaver.tick (Autosaver::debounceMs);
    EXPECT_TRUE (autosaver.getAutosaveFile().existsAsFile());
    autosaver.stopCleanly(); // quit choosing "Don't save"
    EXPECT_FALSE (autosaver.getAutosaveFile().exists());
    EXPECT_FALSE (autosaver.getMarkerFile().exists());
    EXPECT_FALSE (Autosaver (session, settingsFolder).findRecovery().has_value());
}

TEST_F (AutosaverTest, AQuitThatNeverAnsweredTheRecoveryQuestionOffersItAgainNextTime)
{
    {
        Autosaver crashed (session, settingsFolder);
        ASSERT_TRUE (crashed.start());
        edit (-1.0);
        crashed.tick (0.0);
        crashed.tick (Autosaver::debounceMs);
    }
    {
        Autosaver unanswered (session, settingsFolder);
        ASSERT_TRUE (unanswered.findRecovery().has_value());
        ASSERT_TRUE (unanswered.start());
        unanswered.stopCleanly();
    }
    EXPECT_TRUE (Autosaver (session, settingsFolder).findRecovery().has_value());
}

TEST_F (AutosaverTest, AnotherRunningPadDeckKeepsItsMarkerAndItsAutosave)
{
    settingsFolder.createDirectory();
    Autosaver autosaver (session, settingsFolder);
    autosaver.getMarkerFile().replaceWithText ("1"); // process 1 is always running
    ASSERT_TRUE (SetFile::saveAutosave (session.getSet(), autosaver.getAutosaveFile(), setFile).wasOk());

    EXPECT_FALSE (autosaver.findRecovery().has_value()) << "not a crash";
    EXPECT_FALSE (autosaver.start());
    edit (-5.0);
    autosaver.tick (0.0);
    autosaver.tick (Autosaver::debounceMs);
    autosaver.stopCleanly();
    EXPECT_EQ (autosaver.getMarkerFile().loadFileAsString(), "1");
    EXPECT_TRUE (autosaver.getAutosaveFile().existsAsFile());
}

} // namespace paddeck
