#include "Control/Session.h"
#include "Model/DurableFile.h"
#include "Model/Identifiers.h"
#include "Support/TestAudio.h"
#include "Support/TreeCompare.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** Opening, saving, relinking and collecting sets through the session, as the UI does. */
struct SessionSets : ::testing::Test
{
    void waitForLoads()
    {
        for (int i = 0; i < 500 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session.isIdle());
    }

    juce::File wav (const juce::String& path, double hz = 440.0)
    {
        const auto file = temp / path;
        file.getParentDirectory().createDirectory();
        return test::writeWav (file, 48000.0, 1, 480, test::sine (hz, 48000.0));
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};

TEST_F (SessionSets, ARefusedSetLeavesTheCurrentSetItsFileAndTheDiskUnchanged)
{
    session.loadIntoPad (0, wav ("a.wav"));
    const auto good = temp / "good.paddeck";
    ASSERT_TRUE (session.saveSet (good).wasOk());
    waitForLoads();
    const auto before = session.getSet().createCopy();

    const char* bad[] = { "{ broken", R"({"format": "PadDeck set", "version": 7, "banks": []})",
                          R"({"format": "Something", "version": 1, "banks": []})" };
    for (auto* text : bad)
    {
        const auto file = temp / "bad.paddeck";
        file.replaceWithText (text);
        const auto bytes = test::bytesOf (file);

        const auto r = session.openSet (file);
        EXPECT_TRUE (r.failed());
        EXPECT_TRUE (r.getErrorMessage().startsWith ("bad.paddeck: ")) << r.getErrorMessage();
        EXPECT_EQ (session.getSetFile(), good);
        EXPECT_TRUE (test::sameTree (before, session.getSet()));
        EXPECT_FALSE (session.isDirty());
        EXPECT_EQ (session.getPadStatus (0).state, Session::PadState::loaded);
        EXPECT_EQ (test::bytesOf (file), bytes);
    }
}

TEST_F (SessionSets, AnyEditMakesTheSetUnsavedAndSavingOrOpeningMakesItClean)
{
    EXPECT_FALSE (session.isDirty());
    auto pad = session.getPadSettings (3);
    pad.gainDb = -6.0f;
    session.setPadSettings (3, pad);
    EXPECT_TRUE (session.isDirty());

    const auto file = temp / "live.paddeck";
    {
        const DurableFile::ScopedWriteFailure diskFull (10);
        EXPECT_TRUE (session.saveSet (file).failed());
    }
    EXPECT_TRUE (session.isDirty()) << "a failed save saved nothing";
    EXPECT_EQ (session.getSetFile(), juce::File());

    ASSERT_TRUE (session.saveSet (file).wasOk());
    EXPECT_FALSE (session.isDirty());
    EXPECT_EQ (session.getSetFile(), file);

    session.setCurrentBank (2);
    EXPECT_FALSE (session.isDirty()) << "changing bank is not an edit";

    session.setMasterGainDb (-3.0);
    EXPECT_TRUE (session.isDirty());
    ASSERT_TRUE (session.saveSet (file).wasOk());

    ASSERT_TRUE (session.setGridSize (4, 8).wasOk());
    EXPECT_TRUE (session.isDirty()) << "a new grid is an edit";

    ASSERT_TRUE (session.openSet (file).wasOk());
    EXPECT_FALSE (session.isDirty());
    EXPECT_EQ ((double) session.getSet()[IDs::masterGainDb], -3.0);
}

TEST_F (SessionSets, PadsWhoseFilesMovedShowMissingAndOneLocateRelinksThemAll)
{
    // Samples outside the set's folder (stored absolute), then the sample folder is moved.
    const juce::File files[] = { wav ("samples/kit/a.wav", 200), wav ("samples/kit/sub/b.wav", 300),
                                 wav ("samples/other/c.wav", 400), wav ("loose/d.wav", 500) };
    for (int i = 0; i < 4; ++i)
        session.loadIntoPad (i, files[i]);
    session.loadIntoPad (4, temp / "never/existed.wav");
    const auto setFile = temp / "sets/live.paddeck";
    setFile.getParentDirectory().createDirectory();
    ASSERT_TRUE (session.saveSet (setFile).wasOk());

    ASSERT_TRUE ((temp / "samples").moveFileTo (temp / "moved"));
    (temp / "moved/kit/deep").createDirectory();
    ASSERT_TRUE ((temp / "loose/d.wav").moveFileTo (temp / "moved/kit/deep/d.wav"));

    ASSERT_TRUE (session.openSet (setFile).wasOk()) << "a set with missing files still opens";
    waitForLoads();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ (session.getPadStatus (i).state, Session::PadState::missing) << i;
    EXPECT_TRUE (session.getPadStatus (0).message.contains ("a.wav"));
    EXPECT_EQ (session.getMissingPads(), juce::Array<int> ({ 0, 1, 2, 3, 4 }));

    EXPECT_EQ (session.relinkMissing (5, temp / "moved/kit/a.wav"), 0) << "pad 6 is not missing";
    EXPECT_EQ (session.relinkMissing (0, temp / "moved/kit/nothing.wav"), 0) << "no such file";

    // Located by hand: kit/a.wav. b and c moved with their folder; d is found by name below kit.
    EXPECT_EQ (session.relinkMissing (0, temp / "moved/kit/a.wav"), 4);
    waitForLoads();
    EXPECT_EQ (session.getPadSettings (1).file, (temp / "moved/kit/sub/b.wav").getFullPathName());
    EXPECT_EQ (session.getPadSettings (2).file, (temp / "moved/other/c.wav").getFullPathName());
    EXPECT_EQ (session.getPadSettings (3).file, (temp / "moved/kit/deep/d.wav").getFullPathName());
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ (session.getPadStatus (i).state, Session::PadState::loaded) << i;
    EXPECT_EQ (session.getPadStatus (4).state, Session::PadState::missing);
    EXPECT_TRUE (session.isDirty());
}

TEST_F (SessionSets, ANameFoundInSeveralPlacesRelinksToTheOneWhoseFoldersMatch)
{
    session.loadIntoPad (0, temp / "old/drums/kick.wav");
    session.loadIntoPad (1, temp / "old/drums/snare.wav");
    session.loadIntoPad (2, temp / "elsewhere/perc/snare.wav");
    waitForLoads();
    wav ("new/a/snare.wav");
    wav ("new/perc/snare.wav");
    const auto kick = wav ("new/kick-renamed.wav");

    EXPECT_EQ (session.relinkMissing (0, kick), 3);
    EXPECT_EQ (session.getPadSettings (2).file, (temp / "new/perc/snare.wav").getFullPathName());
}

TEST_F (SessionSets, CollectCopiesEverySampleNextToTheSetAndTheSavedPathsAreRelative)
{
    const auto kickA = wav ("a/kick.wav", 100);
    const auto kickB = wav ("b/kick.wav", 200); // same name, different sound
    const auto snare = wav ("c/snare.wav", 300);
    wav ("d/snare copy.wav", 300); // the same bytes as the snare under another name
    session.loadIntoPad (0, kickA);
    session.loadIntoPad (1, kickB);
    session.loadIntoPad (2, snare);
    session.loadIntoPad (3, snare);
    session.loadIntoPad (4, temp / "d/snare copy.wav");
    session.loadIntoPad (5, temp / "gone.wav");
    waitForLoads();

    const auto setFile = temp / "gig/Live.paddeck";
    setFile.getParentDirectory().createDirectory();
    const auto collected = session.saveSetCollectingSamples (setFile);
    ASSERT_TRUE (collected.result.wasOk()) << collected.result.getErrorMessage();
    EXPECT_EQ (collected.folder, temp / "gig/Live Samples");
    EXPECT_EQ (collected.report.copied, 3);
    EXPECT_EQ (collected.report.reused, 2);
    EXPECT_EQ (collected.report.missing, juce::StringArray ((temp / "gone.wav").getFullPathName()));
    EXPECT_TRUE (collected.report.failed.isEmpty());
    EXPECT_EQ (collected.folder.getNumberOfChildFiles (juce::File::findFiles), 3);
    EXPECT_TRUE (collected.folder.getChildFile ("kick (2).wav").hasIdenticalContentTo (kickB));

    const auto json = setFile.loadFileAsString();
    EXPECT_TRUE (json.contains ("\"Live Samples/kick.wav\"")) << json;
    EXPECT_TRUE (json.contains ("\"Live Samples/kick (2).wav\"")) << json;
    EXPECT_FALSE (json.contains ((temp / "a").getFullPathName())) << "no path to the originals";
    EXPECT_TRUE (json.contains ((temp / "gone.wav").getFullPathName())) << "missing: left as it was";
    EXPECT_FALSE (session.isDirty());
    EXPECT_EQ (session.getSetFile(), setFile);
    EXPECT_EQ (session.getPadSettings (4).file, session.getPadSettings (2).file);

    // The set and its samples travel together: moved elsewhere, everything but the missing pad loads.
    ASSERT_TRUE ((temp / "gig").moveFileTo (temp / "other machine"));
    (temp / "a").deleteRecursively();
    (temp / "b").deleteRecursively();
    (temp / "c").deleteRecursively();
    ASSERT_TRUE (session.openSet (temp / "other machine/Live.paddeck").wasOk());
    waitForLoads();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ (session.getPadStatus (i).state, Session::PadState::loaded) << i;
    EXPECT_EQ (session.getPadStatus (5).state, Session::PadState::missing);
    EXPECT_EQ (session.getPadSettings (1).file,
               (temp / "other machine/Live Samples/kick (2).wav").getFullPathName());
}

} // namespace paddeck
