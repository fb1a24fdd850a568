#include "Control/Session.h"
#include "Model/Identifiers.h"
#include "Streaming/StreamingStats.h"
#include "Support/TestAudio.h"
#include "Tempo/Quantize.h"

#include <gtest/gtest.h>

namespace paddeck
{

struct SessionFixture : ::testing::Test
{
    void waitForLoads()
    {
        for (int i = 0; i < 500 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session.isIdle());
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};

TEST_F (SessionFixture, BadFilesAndMissingFilesShowOnTheirPadAndTheRestLoads)
{
    const auto good = test::writeWav (temp / "good.wav", 48000.0, 1, 480, test::sine (100.0, 48000.0));
    (temp / "broken.wav").replaceWithText ("RIFF but not really");
    session.loadIntoPad (0, good);
    session.loadIntoPad (1, temp / "broken.wav");
    session.loadIntoPad (2, temp / "gone.wav");
    waitForLoads();

    EXPECT_EQ (session.getPadStatus (0).state, Session::PadState::loaded);
    EXPECT_EQ (session.getPadStatus (1).state, Session::PadState::error);
    EXPECT_TRUE (session.getPadStatus (1).message.contains ("broken.wav"))
        << session.getPadStatus (1).message;
    EXPECT_EQ (session.getPadStatus (2).state, Session::PadState::missing);
}

TEST_F (SessionFixture, TheGridGrowsKeepingEveryPadInItsPlaceAndNeverDropsALoadedPad)
{
    const auto good = test::writeWav (temp / "good.wav", 48000.0, 1, 480, test::sine (100.0, 48000.0));
    session.loadIntoPad (session.globalIndex (1, 5), good); // bank B, row 1, column 1
    waitForLoads();

    ASSERT_TRUE (session.setGridSize (8, 8).wasOk());
    waitForLoads();
    EXPECT_EQ (session.getPadsPerBank(), 64);
    EXPECT_EQ (session.getPadSettings (session.globalIndex (1, 9)).name, "good"); // row 1, column 1 of 8
    EXPECT_EQ (session.getPadStatus (session.globalIndex (1, 9)).state, Session::PadState::loaded);

    session.loadIntoPad (session.globalIndex (0, 63), good);
    const auto refused = session.setGridSize (4, 4);
    EXPECT_TRUE (refused.failed());
    EXPECT_TRUE (refused.getErrorMessage().contains ("pad 64")) << refused.getErrorMessage();
    EXPECT_EQ (session.getPadsPerBank(), 64);
}

TEST_F (SessionFixture, ReplacingAPlayingPadsSampleFreesTheOldOneOnlyAfterItsVoiceStops)
{
    const auto a = test::writeWav (temp / "a.wav", 48000.0, 1, 48000, test::sine (100.0, 48000.0));
    const auto b = test::writeWav (temp / "b.wav", 48000.0, 1, 48000, test::sine (200.0, 48000.0));
    engine.prepare (48000.0, 256);
    session.loadIntoPad (0, a);
    waitForLoads();
    session.publishNow();

    juce::AudioBuffer<float> block (2, 256);
    juce::MidiBuffer midi;
    midi.addEvent (juce::MidiMessage::noteOn (1, 48, 1.0f), 0); // pad 1 of the standard mapping
    engine.renderBlock (block, midi);
    midi.clear();

    const auto samplesBefore = StreamingStats::get().numSamples;
    Sample* old = session.getPadStatus (0).sample.get();
    ASSERT_NE (old, nullptr);
    EXPECT_EQ (old->getNumUsers(), 2) << "its voice and the voice's reader";

    session.loadIntoPad (0, b);
    waitForLoads();
    session.publishNow();
    engine.renderBlock (block, midi); // the engine takes the new snapshot; the old voice plays on
    engine.collectGarbage();
    EXPECT_EQ (old->getNumUsers(), 2) << "still playing (its voice and reader): not freed";

    EXPECT_EQ (StreamingStats::get().numSamples, samplesBefore + 1);

    for (int i = 0; i < 200; ++i) // the old hit ends (1 s), the garbage pool frees it afterwards
        engine.renderBlock (block, midi);
    EXPECT_EQ (engine.getMeters().activeVoices.load(), 0);
    for (int i = 0; i < 200 && StreamingStats::get().numSamples > samplesBefore; ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_EQ (StreamingStats::get().numSamples, samplesBefore) << "the replaced sample was freed";
}

TEST_F (SessionFixture, AHitPlaysByWhatWasSetJustBeforeItEvenBeforeTheSnapshotWasPublished)
{
    // Edits reach the engine with the next snapshot, published asynchronously; a hit goes at once.
    // A hit made before that publication must still play by the edits made before it.
    const auto tone = test::writeWav (temp / "tone.wav", 48000.0, 1, 96000, test::sine (330.0, 48000.0));
    engine.prepare (48000.0, 256);
    session.loadIntoPad (0, tone);
    waitForLoads();
    for (int i = 0; i < 500 && session.getPadStatus (0).analysingTempo; ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    ASSERT_EQ (session.getPadSettings (0).bpm, 0.0) << "a steady tone has no tempo: it plays at once";
    session.setGlobalQuantize (Quantize::fourBars);
    session.publishNow();

    juce::AudioBuffer<float> block (2, 256);
    juce::MidiBuffer midi;
    engine.renderBlock (block, midi); // a block in: the next bar is ahead

    ASSERT_TRUE (session.setPadTempo (0, 120.0).wasOk()); // now a loop: it waits for the bar
    session.press (0);                                    // no message loop between them
    engine.renderBlock (block, midi);
    EXPECT_EQ (engine.getMeters().padQueued[0].load(), 1) << "queued for the bar";
    EXPECT_EQ (engine.getMeters().padVoices[0].load(), 0) << "not played at once";
}

} // namespace paddeck
