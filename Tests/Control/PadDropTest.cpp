#include "Control/PadDrop.h"
#include "Model/Identifiers.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** Files dropped on the grid, as a performer drops them: a folder, a single file, a drop that
    misses; through the plan the grid lights while dragging and then carries out. */
struct PadDropTest : ::testing::Test
{
    void waitForLoads()
    {
        for (int i = 0; i < 500 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session.isIdle());
    }

    juce::File wav (const juce::File& file, double hz = 440.0)
    {
        file.getParentDirectory().createDirectory();
        return test::writeWav (file, 48000.0, 1, 480, test::sine (hz, 48000.0));
    }

    PadDrop::Plan drop (int bank, int padInBank, const juce::StringArray& paths)
    {
        const auto plan = PadDrop::plan (session, bank, padInBank, PadDrop::expand (paths));
        session.loadIntoPads (plan.loads);
        return plan;
    }

    juce::String nameOf (int bank, int pad)
    {
        return session.getPadSettings (session.globalIndex (bank, pad)).name;
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};

TEST_F (PadDropTest, AFolderFillsTheEmptyPadsFromWhereItLandsInThatBankOnlyAndSaysWhatItLeft)
{
    const auto folder = temp / "kit";
    for (int i = 18; i >= 1; --i) // written out of order: loading sorts them (naturally: 2 before 10)
        wav (folder.getChildFile ("hit " + juce::String (i) + ".wav"), 100.0 * i);
    folder.getChildFile ("readme.txt").replaceWithText ("not a sample");
    session.loadIntoPad (session.globalIndex (0, 4), wav (temp / "keep.wav"));
    session.loadIntoPad (session.globalIndex (1, 0), wav (temp / "bank b.wav"));

    const auto plan = drop (0, 2, { folder.getFullPathName() });
    waitForLoads();

    EXPECT_EQ (nameOf (0, 0), "") << "nothing before where it landed";
    EXPECT_EQ (nameOf (0, 2), "hit 1");
    EXPECT_EQ (nameOf (0, 3), "hit 2");
    EXPECT_EQ (nameOf (0, 4), "keep") << "a loaded pad is never overwritten by a batch";
    EXPECT_EQ (nameOf (0, 5), "hit 3");
    EXPECT_EQ (nameOf (0, 15), "hit 13");
    EXPECT_EQ (nameOf (1, 0), "bank b") << "nothing spills into a bank out of sight";
    EXPECT_EQ (nameOf (1, 1), "");
    EXPECT_EQ (session.getPadStatus (session.globalIndex (0, 15)).state, Session::PadState::loaded);

    EXPECT_EQ (plan.keptLoaded, juce::StringArray ("A5"));
    EXPECT_EQ (plan.noRoom,
               juce::StringArray ({ "hit 14.wav", "hit 15.wav", "hit 16.wav", "hit 17.wav", "hit 18.wav" }));
    EXPECT_EQ (plan.notAudio, juce::StringArray ("readme.txt"));
    const auto said = PadDrop::describe (session, plan);
    EXPECT_TRUE (said.contains ("Kept the loaded pad A5 as it was")) << said;
    EXPECT_TRUE (said.contains ("No empty pad left in this bank for hit 14.wav")) << said;
    EXPECT_TRUE (said.contains ("readme.txt")) << said;

    // One step: Undo takes the whole drop back, and only it.
    EXPECT_EQ (session.getUndoDescription(), juce::String::fromUTF8 ("Load 13 files into A3\u2013A16"));
    ASSERT_TRUE (session.undo());
    for (int p = 0; p < 16; ++p)
        EXPECT_EQ (nameOf (0, p), p == 4 ? "keep" : "") << p;
    EXPECT_EQ (nameOf (1, 0), "bank b");
}

TEST_F (PadDropTest, OneFileAimedAtALoadedPadReplacesItAndSaysSoAndUndoGivesItBack)
{
    const auto kick = wav (temp / "kick.wav", 60.0), snare = wav (temp / "snare.wav", 200.0);
    session.loadIntoPad (session.globalIndex (0, 5), kick);
    waitForLoads();

    const auto plan = PadDrop::plan (session, 0, 5, PadDrop::expand ({ snare.getFullPathName() }));
    ASSERT_EQ (plan.loads.size(), 1);
    EXPECT_TRUE (plan.replaces) << "lit as a replacement while dragging";
    EXPECT_TRUE (plan.fills (session.globalIndex (0, 5)));
    session.loadIntoPads (plan.loads);
    EXPECT_TRUE (PadDrop::describe (session, plan).contains ("Replaced A6"))
        << PadDrop::describe (session, plan);
    waitForLoads();
    EXPECT_EQ (nameOf (0, 5), "snare");

    ASSERT_TRUE (session.undo());
    waitForLoads();
    EXPECT_EQ (nameOf (0, 5), "kick");
    EXPECT_EQ (session.getPadStatus (session.globalIndex (0, 5)).state, Session::PadState::loaded);

    // Onto an empty pad it is no replacement.
    EXPECT_FALSE (PadDrop::plan (session, 0, 6, PadDrop::expand ({ snare.getFullPathName() })).replaces);
}

TEST_F (PadDropTest, ADropThatMissesEveryPadLoadsNothingAndSaysWhereToDrop)
{
    session.loadIntoPad (0, wav (temp / "loaded.wav"));
    const auto before = session.getSet().createCopy();
    const auto plan =
        drop (0, -1, { wav (temp / "a.wav").getFullPathName(), wav (temp / "b.wav").getFullPathName() });
    EXPECT_TRUE (plan.missed);
    EXPECT_TRUE (plan.loads.isEmpty());
    EXPECT_TRUE (before.isEquivalentTo (session.getSet()));
    EXPECT_TRUE (PadDrop::describe (session, plan).startsWith ("Drop files onto a pad"));
}

} // namespace paddeck
