#include "Control/Session.h"
#include "Model/Identifiers.h"
#include "Support/DrumPattern.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

struct SessionTempoFixture : ::testing::Test
{
    void waitForLoads()
    {
        for (int i = 0; i < 3000 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session.isIdle());
    }

    /** A drum loop of whole bars, cut exactly: no tail. */
    juce::File drumLoop (const juce::String& name, double bpm, int bars = 2)
    {
        test::DrumPattern pattern;
        pattern.bpm = bpm;
        pattern.bars = bars;
        pattern.tailSeconds = 0.0;
        const auto audio = pattern.render();
        const auto frames = (juce::int64) std::llround (bars * 4 * 60.0 * 48000.0 / bpm);
        return test::writeWav (temp / name, 48000.0, 1, frames,
                               [&] (juce::int64 i, int)
                               { return i < (juce::int64) audio.size() ? audio[(size_t) i] : 0.0f; });
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};

TEST_F (SessionTempoFixture, ALoopsTempoIsFoundAfterItLoadsSnappedToItsLengthAndSynced)
{
    // 2 bars at 127.96 BPM as heard, named 128: the name wins, and the length makes it exact.
    session.loadIntoPad (0, drumLoop ("Break 128bpm.wav", 128.0));
    session.loadIntoPad (1, drumLoop ("untitled groove.wav", 93.0));
    waitForLoads();

    auto named = session.getPadSettings (0);
    EXPECT_DOUBLE_EQ (named.bpm, 8 * 60.0 * 48000.0 / (double) std::llround (8 * 60.0 * 48000.0 / 128.0));
    EXPECT_EQ (named.bpmSource, "name");
    EXPECT_TRUE (named.sync);
    EXPECT_EQ (session.getPadLengthInBeats (0), 8);
    EXPECT_NEAR (session.getPadStatus (0).detectedBpm, 128.0, 0.05);

    const auto heard = session.getPadSettings (1);
    EXPECT_NEAR (heard.bpm, 93.0, 0.01);
    EXPECT_EQ (heard.bpmSource, "detected");
    EXPECT_TRUE (heard.sync);
    EXPECT_EQ (session.getPadLengthInBeats (1), 8);
    EXPECT_FALSE (session.getPadStatus (1).analysingTempo);
}

TEST_F (SessionTempoFixture, AOneShotHasNoTempoAndPlaysUnsynced)
{
    session.loadIntoPad (0,
                         test::writeWav (temp / "tone.wav", 48000.0, 1, 24000, test::sine (440.0, 48000.0)));
    waitForLoads();
    const auto s = session.getPadSettings (0);
    EXPECT_EQ (s.bpm, 0.0);
    EXPECT_FALSE (s.sync);
    EXPECT_EQ (s.launchQuantize (Quantize::bar), Quantize::off) << "a one-shot plays at once";
}

TEST_F (SessionTempoFixture, ATempoTheSetKnowsIsKeptAndATypedOneSnapsToTheLoop)
{
    const auto file = drumLoop ("loop.wav", 120.0);
    session.loadIntoPad (0, file);
    waitForLoads();
    ASSERT_TRUE (session.setPadTempo (0, 119.0).wasOk());
    EXPECT_DOUBLE_EQ (session.getPadSettings (0).bpm, 120.0) << "within 3 % of 8 beats: exactly 8";
    EXPECT_EQ (session.getPadSettings (0).bpmSource, "typed");
    ASSERT_TRUE (session.setPadTempo (0, 60.0).wasOk());
    EXPECT_DOUBLE_EQ (session.getPadSettings (0).bpm, 60.0) << "÷2: 4 beats";
    EXPECT_TRUE (session.setPadTempo (0, 301.0).failed());
    EXPECT_TRUE (session.setPadTempo (0, 19.99).failed());
    EXPECT_DOUBLE_EQ (session.getPadSettings (0).bpm, 60.0) << "a refused tempo changes nothing";

    // Reopened, the set's tempo stands: analysis runs again but does not overwrite it.
    const auto setFile = temp / "tempo.paddeck";
    ASSERT_TRUE (session.saveSet (setFile).wasOk());
    ASSERT_TRUE (session.openSet (setFile).wasOk());
    waitForLoads();
    EXPECT_DOUBLE_EQ (session.getPadSettings (0).bpm, 60.0);
    EXPECT_EQ (session.getPadSettings (0).bpmSource, "typed");
    EXPECT_FALSE (session.isDirty()) << "what analysis finds is not an edit";
}

TEST_F (SessionTempoFixture, MasterTempoIsRefusedOutOfRangeAndTakenFromAPad)
{
    EXPECT_TRUE (session.setMasterTempo (128.004).wasOk());
    EXPECT_DOUBLE_EQ (session.getMasterTempo(), 128.0);
    const auto refused = session.setMasterTempo (400.0);
    EXPECT_TRUE (refused.failed());
    EXPECT_TRUE (refused.getErrorMessage().contains ("20"));
    EXPECT_DOUBLE_EQ (session.getMasterTempo(), 128.0);

    EXPECT_TRUE (session.takePadTempo (0).failed()) << "an empty pad has no tempo";
    session.loadIntoPad (0, drumLoop ("Loop 100 BPM.wav", 100.0, 1));
    waitForLoads();
    ASSERT_TRUE (session.takePadTempo (0).wasOk());
    EXPECT_DOUBLE_EQ (session.getMasterTempo(), session.getPadSettings (0).bpm);

    session.setBeatsPerBar (3);
    session.setGlobalQuantize (Quantize::twoBars);
    session.setMetronome (true);
    session.publishNow();
    EXPECT_EQ (session.getBeatsPerBar(), 3);
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::twoBars);
    EXPECT_TRUE (session.isMetronomeOn());
}

TEST_F (SessionTempoFixture, ANewFileIsAnalysedAgainButARelinkedOneKeepsItsTempo)
{
    const auto a = drumLoop ("a.wav", 120.0);
    session.loadIntoPad (0, a);
    waitForLoads();
    ASSERT_TRUE (session.setPadTempo (0, 60.0).wasOk());

    session.loadIntoPad (0, drumLoop ("b 90bpm.wav", 90.0));
    waitForLoads();
    EXPECT_NEAR (session.getPadSettings (0).bpm, 90.0, 1e-9);

    // Moved away and found again: the same audio, the performer's tempo stays.
    ASSERT_TRUE (session.setPadTempo (0, 45.0).wasOk());
    const auto moved = temp / "moved";
    moved.createDirectory();
    const auto setFile = temp / "s.paddeck";
    ASSERT_TRUE (session.saveSet (setFile).wasOk());
    const auto b = temp / "b 90bpm.wav";
    ASSERT_TRUE (b.moveFileTo (moved.getChildFile ("b 90bpm.wav")));
    ASSERT_TRUE (session.openSet (setFile).wasOk());
    waitForLoads();
    ASSERT_EQ (session.getPadStatus (0).state, Session::PadState::missing);
    EXPECT_EQ (session.relinkMissing (0, moved.getChildFile ("b 90bpm.wav")), 1);
    waitForLoads();
    EXPECT_DOUBLE_EQ (session.getPadSettings (0).bpm, 45.0);
}

} // namespace paddeck
