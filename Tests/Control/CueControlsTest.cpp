#include "Control/CueControls.h"
#include "Control/SnapshotCompiler.h"
#include "Model/Identifiers.h"
#include "Model/SetFile.h"
#include "Support/TestAudio.h"
#include "Support/TreeCompare.h"

#include <gtest/gtest.h>

namespace paddeck
{

struct CueControlsTest : ::testing::Test
{
    std::unique_ptr<EngineSnapshot> compiled()
    {
        return SnapshotCompiler::compile (session.getSet(), {}, session.getMidiMapping());
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    CueControls cue{ session };
};

TEST_F (CueControlsTest, EachCueSettingIsAnUndoStepAndReachesTheEngine)
{
    const auto before = session.getSet().createCopy();
    auto snapshot = compiled();
    EXPECT_EQ (snapshot->cueGain, 1.0f);
    EXPECT_EQ (snapshot->cueBlend, 0.0f);
    EXPECT_FALSE (snapshot->metronomeToCue);
    EXPECT_FALSE (snapshot->pads[2].settings.cue);

    cue.setPadCued (2, true);
    EXPECT_EQ (session.getUndoDescription(), "Cue A3");
    cue.setLevelDb (-6.0);
    EXPECT_EQ (session.getUndoDescription(), "Cue level");
    cue.setBlend (0.25);
    EXPECT_EQ (session.getUndoDescription(), "Cue/master blend");
    cue.setMetronomeOnCue (true);
    EXPECT_EQ (session.getUndoDescription(), "Click to cue");

    snapshot = compiled();
    EXPECT_NEAR (snapshot->cueGain, juce::Decibels::decibelsToGain (-6.0f), 1.0e-6f);
    EXPECT_EQ (snapshot->cueBlend, 0.25f);
    EXPECT_TRUE (snapshot->metronomeToCue);
    EXPECT_TRUE (snapshot->pads[2].settings.cue);
    EXPECT_FALSE (snapshot->pads[1].settings.cue);

    // Out of range is held at the ends; the bottom of the level is off.
    cue.setBlend (3.0);
    EXPECT_EQ (cue.getBlend(), 1.0);
    cue.setLevelDb (-500.0);
    EXPECT_EQ (compiled()->cueGain, 0.0f);

    while (session.canUndo())
        ASSERT_TRUE (session.undo());
    EXPECT_TRUE (test::sameTree (before, session.getSet()));
    EXPECT_FALSE (cue.isPadCued (2));
}

TEST_F (CueControlsTest, TheSetRoundTripsTheCueFlagLevelBlendAndClick)
{
    session.loadIntoPad (5, test::writeWav (temp / "a.wav", 48000.0, 1, 480, test::sine (440.0, 48000.0)));
    cue.setPadCued (5, true);
    cue.setPadCued (17, true); // bank B
    cue.setLevelDb (-3.5);
    cue.setBlend (0.75);
    cue.setMetronomeOnCue (true);
    const auto file = temp / "set.paddeck";
    ASSERT_TRUE (session.saveSet (file).wasOk());

    juce::ValueTree loaded;
    ASSERT_TRUE (SetFile::load (file, loaded).wasOk());
    EXPECT_EQ ((double) loaded[IDs::cueLevelDb], -3.5);
    EXPECT_EQ ((double) loaded[IDs::cueBlend], 0.75);
    EXPECT_TRUE ((bool) loaded[IDs::metronomeToCue]);
    EXPECT_TRUE (PadSettings::fromValueTree (loaded.getChild (0).getChild (5)).cue);
    EXPECT_TRUE (PadSettings::fromValueTree (loaded.getChild (1).getChild (1)).cue);
    EXPECT_FALSE (PadSettings::fromValueTree (loaded.getChild (0).getChild (4)).cue);

    // A set from before the cue opens with it at its defaults, and wild values are held in range.
    juce::ValueTree old;
    ASSERT_TRUE (SetFile::parse (R"({"format":"PadDeck set","version":2,"banks":[]})", old).wasOk());
    EXPECT_FALSE (old.hasProperty (IDs::cueLevelDb));
    auto snapshot = SnapshotCompiler::compile (old, {}, MidiMapping::standard());
    EXPECT_EQ (snapshot->cueGain, 1.0f);
    EXPECT_EQ (snapshot->cueBlend, 0.0f);
    juce::ValueTree wild;
    ASSERT_TRUE (SetFile::parse (
                     R"({"format":"PadDeck set","version":2,"banks":[],"cueLevelDb":40,"cueBlend":-2})", wild)
                     .wasOk());
    EXPECT_EQ ((double) wild[IDs::cueLevelDb], 6.0);
    EXPECT_EQ ((double) wild[IDs::cueBlend], 0.0);
}

} // namespace paddeck
