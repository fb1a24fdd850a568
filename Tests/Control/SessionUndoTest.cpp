#include "Control/Session.h"
#include "Model/Identifiers.h"
#include "Streaming/StreamingStats.h"
#include "Support/TestAudio.h"
#include "Support/TreeCompare.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** Undo and redo through the session, as Ctrl+Z / Ctrl+Shift+Z and the header's buttons use them. */
struct SessionUndo : ::testing::Test
{
    void waitForLoads()
    {
        for (int i = 0; i < 1000 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session.isIdle());
    }

    juce::File wav (const juce::String& name, double hz = 440.0, juce::int64 frames = 480)
    {
        return test::writeWav (temp / name, 48000.0, 1, frames, test::sine (hz, 48000.0));
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};

TEST_F (SessionUndo, EveryKindOfEditIsOneStepThatUndoAndRedoWalkBackAndForth)
{
    const auto a = wav ("a.wav", 220.0), b = wav ("b.wav", 330.0);
    auto quarter = PadSettings();
    quarter.gainDb = -9.0f;
    quarter.eqHighDb = -12.0f;

    // Each edit a performer can make, with what its undo step is called.
    const std::vector<std::pair<std::function<void()>, juce::String>> edits = {
        { [&] { session.loadIntoPad (0, a); }, "Load a.wav into A1" },
        { [&] { session.setPadProperty (0, IDs::semitones, 5); }, "Pitch A1" },
        { [&] { session.setPadProperty (0, IDs::pitchMode, "keyLock"); }, "Pitch mode A1" },
        { [&] { session.setPadProperty (0, IDs::eqLowDb, -20.0); }, "Low EQ A1" },
        { [&] { session.setPadProperty (0, IDs::eqMidKill, true); }, "Mid kill A1" },
        { [&] { session.setPadProperty (0, IDs::gainDb, -3.0); }, "Gain A1" },
        { [&] { session.setPadProperty (0, IDs::playMode, "gateLoop"); }, "Play mode A1" },
        { [&] { session.setPadProperty (0, IDs::chokeGroup, 3); }, "Choke group A1" },
        { [&] { session.setPadProperty (0, IDs::velocity, false); }, "Velocity A1" },
        { [&] { session.setPadProperty (0, IDs::loopEnd, 240); }, "Loop end A1" },
        { [&] { session.setPadProperty (0, IDs::endFrame, 300); }, "End A1" },
        { [&] { session.setPadProperty (0, IDs::reverse, true); }, "Reverse A1" },
        { [&] { session.setPadProperty (0, IDs::fadeInMs, 4.5); }, "Fade in A1" },
        { [&] { session.setPadProperty (0, IDs::fadeOutMs, 2.0); }, "Fade out A1" },
        { [&] { session.setPadTempo (0, 100.0); }, "Tempo A1" },
        { [&] { session.setPadProperty (0, IDs::sync, true); }, "Sync A1" },
        { [&] { session.setPadProperty (0, IDs::quantize, "1/4"); }, "Pad quantize A1" },
        { [&] { session.setPadProperty (0, IDs::inPhase, true); }, "In phase A1" },
        { [&] { session.setPadSettings (2, quarter); }, "Edit pad A3" },
        { [&] { session.setMasterGainDb (-6.0); }, "Master fader" },
        { [&] { session.setMasterTempo (128.0); }, "Master tempo" },
        { [&] { session.takePadTempo (0); }, "Take the tempo of A1" },
        { [&] { session.setBeatsPerBar (3); }, "Beats per bar" },
        { [&] { session.setGlobalQuantize (Quantize::beat); }, "Quantize" },
        { [&] { session.setMetronome (true); }, "Metronome on" },
        { [&] { session.setMidiMapping (MidiMapping::noteGrid ("Chromatic", 0, 4, 4), "MIDI learn"); },
          "MIDI learn" },
        { [&] { ASSERT_TRUE (session.setGridSize (4, 8).wasOk()); }, "Grid 4 x 8" },
        { [&] { session.loadIntoPad (20, b); }, "Load b.wav into A21" },
        { [&] { session.clearPad (0); }, "Clear A1" },
    };

    ASSERT_TRUE (session.saveSet (temp / "set.paddeck").wasOk()); // as saved: with the mapping it plays
    std::vector<juce::ValueTree> states{ session.getSet().createCopy() };
    for (const auto& [edit, name] : edits)
    {
        edit();
        waitForLoads(); // what analysis finds for a loaded file is written meanwhile: not a step
        EXPECT_EQ (session.getUndoDescription(), name);
        states.push_back (session.getSet().createCopy());
    }
    EXPECT_TRUE (session.isDirty());

    // The current bank is a view: neither a step nor undone.
    session.setCurrentBank (3);
    EXPECT_EQ (session.getUndoDescription(), "Clear A1");
    states.back().setProperty (IDs::currentBank, 3, nullptr);
    for (auto& s : states)
        s.setProperty (IDs::currentBank, 3, nullptr);

    for (int i = (int) edits.size(); --i >= 0;)
    {
        SCOPED_TRACE ("undoing " + edits[(size_t) i].second);
        ASSERT_TRUE (session.undo());
        waitForLoads();
        EXPECT_TRUE (test::sameTree (states[(size_t) i], session.getSet()));
    }
    EXPECT_FALSE (session.canUndo());
    EXPECT_FALSE (session.undo());
    EXPECT_FALSE (session.isDirty()) << "undone back to the set as it was saved";
    EXPECT_EQ (session.getPadsPerBank(), 16);
    EXPECT_EQ (session.getPadStatus (0).state, Session::PadState::empty);

    for (size_t i = 0; i < edits.size(); ++i)
    {
        SCOPED_TRACE ("redoing " + edits[i].second);
        ASSERT_TRUE (session.redo());
        waitForLoads();
        EXPECT_TRUE (test::sameTree (states[i + 1], session.getSet()));
    }
    EXPECT_FALSE (session.canRedo());
    EXPECT_EQ (session.getPadsPerBank(), 32);
    EXPECT_EQ (session.getPadStatus (20).state, Session::PadState::loaded) << "b.wav plays in the 4x8 grid";
}

TEST_F (SessionUndo, AGridChangeUndoneBringsBackTheSameBanksSoEarlierStepsStillUndo)
{
    const auto tone = wav ("tone.wav");
    session.loadIntoPad (session.globalIndex (1, 5), tone); // bank B, row 1, column 1
    waitForLoads();
    ASSERT_TRUE (session.setGridSize (8, 8).wasOk());
    waitForLoads();
    EXPECT_EQ (session.getPadStatus (session.globalIndex (1, 9)).state, Session::PadState::loaded);

    ASSERT_TRUE (session.undo());
    waitForLoads();
    EXPECT_EQ (session.getPadsPerBank(), 16);
    EXPECT_EQ (session.getPadSettings (session.globalIndex (1, 5)).name, "tone");
    EXPECT_EQ (session.getPadStatus (session.globalIndex (1, 5)).state, Session::PadState::loaded);

    ASSERT_TRUE (session.undo()); // the load, made in the 4x4 grid before the change
    waitForLoads();
    EXPECT_EQ (session.getPadStatus (session.globalIndex (1, 5)).state, Session::PadState::empty);
    EXPECT_FALSE (session.isDirty());
}

TEST_F (SessionUndo, AKnobDragIsOneStepAndSoAreAControlsMovesInARow)
{
    session.loadIntoPad (0, wav ("a.wav"));
    waitForLoads();

    // A drag: mouse-down, fifty moves, mouse-up.
    session.beginGesture();
    for (int i = 1; i <= 50; ++i)
        session.setPadProperty (0, IDs::gainDb, -0.5 * i, "editor gain");
    session.endGesture();
    EXPECT_EQ (session.getPadSettings (0).gainDb, -25.0f);
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (session.getPadSettings (0).gainDb, 0.0f) << "the whole drag, in one step";
    EXPECT_EQ (session.getUndoDescription(), "Load a.wav into A1");
    ASSERT_TRUE (session.redo());
    EXPECT_EQ (session.getPadSettings (0).gainDb, -25.0f);

    // A mouse-down that moves nothing makes no step.
    session.beginGesture();
    session.endGesture();
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (session.getPadSettings (0).gainDb, 0.0f);
    ASSERT_TRUE (session.redo());

    // A wheel or a MIDI knob: the same control's moves in a row, a moment apart, are one step...
    double now = 0.0;
    session.getHistory().setClockForTests ([&now] { return now; });
    for (int i = 1; i <= 10; ++i, now += 50.0)
        session.setPadProperty (0, IDs::eqHighDb, -1.0 * i, "wheel high");
    // ... another control breaks the row, and so does a pause.
    session.setPadProperty (0, IDs::eqLowKill, true);
    session.setPadProperty (0, IDs::eqHighDb, -20.0, "wheel high");
    now += SetHistory::continuingMs + 1.0;
    session.setPadProperty (0, IDs::eqHighDb, -30.0, "wheel high");

    const std::pair<float, bool> expected[] = {
        { -20.0f, true }, { -10.0f, true }, { -10.0f, false }, { 0.0f, false }
    };
    for (const auto& [high, kill] : expected)
    {
        ASSERT_TRUE (session.undo());
        EXPECT_EQ (session.getPadSettings (0).eqHighDb, high);
        EXPECT_EQ (session.getPadSettings (0).eqLowKill, kill);
    }
    EXPECT_EQ (session.getPadSettings (0).gainDb, -25.0f);
}

TEST_F (SessionUndo, TheDirtyFlagFollowsUndoBackToTheSavedSet)
{
    const auto file = temp / "set.paddeck";
    EXPECT_FALSE (session.isDirty());
    session.setMasterGainDb (-3.0);
    EXPECT_TRUE (session.isDirty());
    session.undo();
    EXPECT_FALSE (session.isDirty()) << "back where it was opened";
    session.redo();
    EXPECT_TRUE (session.isDirty());

    ASSERT_TRUE (session.saveSet (file).wasOk());
    EXPECT_FALSE (session.isDirty());
    EXPECT_EQ (session.getUndoDescription(), "Master fader") << "saving is not an edit";
    session.undo();
    EXPECT_TRUE (session.isDirty()) << "the file holds the fader at -3 dB";
    session.redo();
    EXPECT_FALSE (session.isDirty()) << "back at the saved step";

    // Undone past the save, then a new edit: the saved step can't be reached again.
    session.undo();
    session.setMetronome (true);
    EXPECT_TRUE (session.isDirty());
    session.undo();
    EXPECT_TRUE (session.isDirty());

    // A recovered autosave differs from its file whatever is undone.
    ASSERT_TRUE (session.openSet (file).wasOk());
    EXPECT_FALSE (session.isDirty());
    EXPECT_FALSE (session.canUndo()) << "another set: nothing of the last one to undo";
    session.markUnsaved();
    EXPECT_TRUE (session.isDirty());
}

TEST_F (SessionUndo, UndoingALoadGivesThePadItsFileAndTempoBackAndFreesTheSampleOnceUnplayed)
{
    const auto a = wav ("a.wav", 100.0, 48000), loop = wav ("loop 120bpm.wav", 200.0, 96000);
    engine.prepare (48000.0, 256);
    session.setGlobalQuantize (Quantize::off); // a pad with a tempo plays at once when hit
    session.loadIntoPad (0, a);
    waitForLoads();
    session.setPadTempo (0, 0.0); // a one-shot: no tempo, as typed
    const auto before = session.getSet().createCopy();
    const auto samplesBefore = StreamingStats::get().numSamples;

    session.loadIntoPad (0, loop);
    waitForLoads();
    EXPECT_EQ (session.getPadSettings (0).bpm, 120.0) << "found from its name (not an undo step)";
    session.publishNow();

    // It plays when the load is undone.
    juce::AudioBuffer<float> block (2, 256);
    juce::MidiBuffer midi;
    midi.addEvent (juce::MidiMessage::noteOn (1, 48, 1.0f), 0); // pad 1 of the standard mapping
    engine.renderBlock (block, midi);
    midi.clear();
    Sample* played = session.getPadStatus (0).sample.get();
    ASSERT_NE (played, nullptr);

    ASSERT_TRUE (session.undo());
    waitForLoads();
    EXPECT_TRUE (test::sameTree (before, session.getSet())) << "a.wav, and no tempo, as typed";
    EXPECT_EQ (session.getPadStatus (0).state, Session::PadState::loaded);
    session.publishNow();
    engine.renderBlock (block, midi);
    engine.collectGarbage();
    EXPECT_EQ (played->getNumUsers(), 2) << "still playing (its voice and reader): not freed";

    for (int i = 0; i < 400; ++i) // the loop's hit ends (2 s), the garbage pool frees it afterwards
        engine.renderBlock (block, midi);
    for (int i = 0; i < 200 && StreamingStats::get().numSamples > samplesBefore; ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_EQ (StreamingStats::get().numSamples, samplesBefore) << "the undone load's sample was freed";
}

} // namespace paddeck
