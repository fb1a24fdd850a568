#include "Control/OfflineRenderer.h"
#include "Control/Session.h"
#include "Model/Identifiers.h"
#include "Support/TestAudio.h"
#include "Support/TreeCompare.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <optional>

namespace paddeck
{

namespace
{
constexpr double rate = 44100.0;
constexpr juce::int64 beat = 22050; // 120 BPM at 44.1 kHz

/** A kick: a step on its first sample, a 70 Hz tone decaying to below −90 dB by 8,000 frames,
    then silence (no second step where it stops). */
float kick (juce::int64 i, float level)
{
    if (i < 0 || i >= 8000)
        return 0.0f;
    return level * std::exp (-(float) i / 1500.0f)
           * (float) std::cos (6.283185307 * 70.0 * (double) i / rate);
}

/** A 4-bar loop at 120 BPM in 4/4: a kick on each beat, each a little louder than the last, so
    every slice sounds like itself only. */
float loop (juce::int64 i)
{
    const auto k = i / beat;
    return kick (i - k * beat, 0.3f + 0.02f * (float) k);
}

/** The standard-style note grid of a 4 × 8 bank: row 0 at the top, note 36 at the bottom left. */
int noteOf (int padInBank) { return 36 + (3 - padInBank / 8) * 8 + padInBank % 8; }
} // namespace

/** A session on a 4 × 8 grid at 44.1 kHz (so a file at that rate plays frame for frame). */
struct SessionSlice : ::testing::Test
{
    SessionSlice() { makeSession ({}); }

    void makeSession (LoadOptions options, double engineRate = rate)
    {
        session.reset();
        options.engineRate = engineRate;
        loader = std::make_unique<SampleLoader> (options);
        session = std::make_unique<Session> (engine, *loader);
        session->setEngineSampleRate (engineRate);
        EXPECT_TRUE (session->setGridSize (4, 8).wasOk());
    }

    void waitForLoads()
    {
        for (int i = 0; i < 3000 && !session->isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session->isIdle());
    }

    /** Slices and waits for the outcome (onsets are found in the background), then for the loads. */
    juce::Result slice (int index, SliceMode mode, int count)
    {
        std::optional<juce::Result> outcome;
        session->slicePad (index, mode, count, [&] (const juce::Result& r) { outcome = r; });
        for (int i = 0; i < 6000 && !outcome.has_value(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        waitForLoads();
        return outcome.value_or (juce::Result::fail ("no outcome"));
    }

    juce::File loopFile()
    {
        const auto file = temp / "Drums 120bpm.wav";
        return file.existsAsFile()
                   ? file
                   : test::writeWav (file, rate, 1, 16 * beat, [] (juce::int64 i, int) { return loop (i); });
    }

    /** Pad 0 holds the loop, with its tempo (120, from its name) and its downbeat on frame 0. */
    void loadLoop()
    {
        session->loadIntoPad (0, loopFile());
        waitForLoads();
        ASSERT_TRUE (session->setPadTempo (0, 120.0).wasOk());
        session->setPadProperty (0, IDs::downbeat, 0);
        ASSERT_EQ (session->getPadSettings (0).bpm, 120.0);
    }

    void expectBeatSlices (int count)
    {
        for (int k = 0; k < count; ++k)
        {
            const auto s = session->getPadSettings (1 + k);
            SCOPED_TRACE ("slice " + juce::String (k + 1));
            EXPECT_EQ (s.file, session->getPadSettings (0).file) << "the same file, not a copy";
            EXPECT_EQ (s.name, "Drums 120bpm " + juce::String (k + 1));
            EXPECT_EQ (s.startFrame, k * beat);
            EXPECT_EQ (s.endFrame, k == 15 ? -1 : (k + 1) * beat);
            EXPECT_EQ (s.playMode, PlayMode::oneShot);
            EXPECT_EQ (s.quantize, (int) Quantize::off) << "a slice plays when hit";
            EXPECT_EQ (session->getPadStatus (1 + k).state, Session::PadState::loaded);
        }
    }

    /** The engine as it plays live, with the set's pads hit by note-ons at the given frames. */
    juce::AudioBuffer<float> playLive (const std::vector<std::pair<juce::int64, int>>& hits,
                                       juce::int64 frames)
    {
        constexpr int block = 256;
        engine.prepare (rate, block);
        session->publishNow();
        juce::AudioBuffer<float> out (2, (int) frames), buffer (2, block);
        juce::MidiBuffer events;
        for (juce::int64 pos = 0; pos < frames; pos += block)
        {
            events.clear();
            for (auto [at, padInBank] : hits)
                if (at >= pos && at < pos + block)
                    events.addEvent (juce::MidiMessage::noteOn (1, noteOf (padInBank), (juce::uint8) 127),
                                     (int) (at - pos));
            engine.renderBlock (buffer, events);
            const auto n = (int) juce::jmin ((juce::int64) block, frames - pos);
            for (int c = 0; c < 2; ++c)
                out.copyFrom (c, (int) pos, buffer, c, 0, n);
            juce::Thread::sleep (1); // the streaming thread keeps up as with a device
        }
        return out;
    }

    test::TempFolder temp;
    AudioEngine engine;
    std::unique_ptr<SampleLoader> loader;
    std::unique_ptr<Session> session;
};

TEST_F (SessionSlice, ABeatSlicedLoopRenderedOfflineHasItsOnsetsExactlyOnTheBeatSamples)
{
    loadLoop();
    ASSERT_TRUE (slice (0, SliceMode::beats, 32).wasOk());
    expectBeatSlices (16);
    EXPECT_EQ (session->getPadSettings (17).file, "") << "16 beats: 16 pads, no more";
    EXPECT_EQ (session->getPadStatus (5).sample.get(), session->getPadStatus (0).sample.get())
        << "the slices play the source's samples: the file is not decoded again";

    // The slices hit one a beat, through the set's mapping, by `--render`'s own code: the loop again.
    session->setMidiMapping (MidiMapping::noteGrid ("4x8", 36, 4, 8));
    ASSERT_TRUE (session->saveSet (temp / "sliced.paddeck").wasOk());
    juce::MidiMessageSequence track;
    track.addEvent (juce::MidiMessage::tempoMetaEvent (500000), 0); // 120 BPM
    for (int k = 0; k < 16; ++k)
    {
        track.addEvent (juce::MidiMessage::noteOn (1, noteOf (1 + k), (juce::uint8) 127), k * 960);
        track.addEvent (juce::MidiMessage::noteOff (1, noteOf (1 + k)), k * 960 + 480);
    }
    track.updateMatchedPairs();
    juce::MidiFile midi;
    midi.setTicksPerQuarterNote (960);
    midi.addTrack (track);
    {
        juce::FileOutputStream stream (temp / "slices.mid");
        midi.writeTo (stream);
    }
    OfflineRenderer::Options options;
    options.set = temp / "sliced.paddeck";
    options.midi = temp / "slices.mid";
    options.out = temp / "render.wav";
    options.sampleRate = rate;
    ASSERT_TRUE (OfflineRenderer::render (options).wasOk());

    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader (
        wav.createReaderFor (new juce::FileInputStream (options.out), true));
    ASSERT_NE (reader, nullptr);
    ASSERT_GE (reader->lengthInSamples, 16 * beat);
    juce::AudioBuffer<float> out (2, (int) (16 * beat));
    reader->read (&out, 0, out.getNumSamples(), 0, true, true);
    for (int c = 0; c < 2; ++c)
    {
        const auto* x = out.getReadPointer (c);
        for (int k = 0; k < 16; ++k)
        {
            SCOPED_TRACE ("beat " + juce::String (k) + " channel " + juce::String (c));
            const auto at = (int) (k * beat);
            EXPECT_EQ (test::firstAbove (x, juce::jmax (0, at - 10000), at + 100, 1.0e-6f), at)
                << "its onset";
            for (int j = 0; j < 8000; ++j)
                ASSERT_NEAR (x[at + j], loop (at + j), 1.0e-6f) << "frame " << j << " of the beat";
        }
    }
}

TEST_F (SessionSlice, EqualPartsGoOntoTheNextPadsWithExactBoundariesLimitedToThePadsLeftInTheBank)
{
    loadLoop();
    const auto length = 16 * beat;
    ASSERT_TRUE (slice (0, SliceMode::equalParts, 8).wasOk());
    for (int k = 0; k < 8; ++k)
    {
        EXPECT_EQ (session->getPadSettings (1 + k).startFrame, k * length / 8);
        EXPECT_EQ (session->getPadSettings (1 + k).endFrame, k == 7 ? -1 : (k + 1) * length / 8);
    }

    // A trimmed pad slices what it plays; from pad 28 of 32, only 3 pads follow in its bank.
    session->loadIntoPad (27, loopFile());
    waitForLoads();
    session->setPadProperty (27, IDs::startFrame, 1001);
    session->setPadProperty (27, IDs::endFrame, 100001);
    waitForLoads();
    EXPECT_EQ (session->getSliceTargets (27, 16), (juce::Array<int>{ 28, 29, 30, 31 }));
    ASSERT_TRUE (slice (28, SliceMode::equalParts, 16).failed()) << "pad 29 is empty";
    ASSERT_TRUE (slice (27, SliceMode::equalParts, 16).wasOk());
    for (int k = 0; k < 4; ++k)
    {
        EXPECT_EQ (session->getPadSettings (28 + k).startFrame, 1001 + k * 99000 / 4);
        EXPECT_EQ (session->getPadSettings (28 + k).endFrame, 1001 + (k + 1) * 99000 / 4);
    }
    EXPECT_EQ (session->getPadSettings (32).file, "") << "bank B is not touched";
    EXPECT_TRUE (slice (31, SliceMode::equalParts, 4).failed()) << "the last pad of a bank has none after it";
}

TEST_F (SessionSlice, APadConvertedToTheEngineRateIsSlicedInFramesOfItsFile)
{
    // The 44.1 kHz loop held in RAM at 48 kHz: the slices still count the file's own frames.
    makeSession ({}, 48000.0);
    loadLoop();
    ASSERT_EQ (session->getPadStatus (0).sample->getSampleRate(), 48000.0);
    ASSERT_TRUE (slice (0, SliceMode::equalParts, 8).wasOk());
    for (int k = 0; k < 8; ++k)
    {
        EXPECT_EQ (session->getPadSettings (1 + k).startFrame, k * 2 * beat);
        EXPECT_EQ (session->getPadSettings (1 + k).endFrame, k == 7 ? -1 : (k + 1) * 2 * beat);
    }
    ASSERT_TRUE (slice (0, SliceMode::beats, 16).wasOk());
    expectBeatSlices (16);
}

TEST_F (SessionSlice, OneUndoGivesEveryTargetPadBackAndRedoSlicesAgain)
{
    loadLoop();
    const auto other = test::writeWav (temp / "other.wav", rate, 1, 4410, test::sine (440.0, rate));
    session->loadIntoPad (3, other);
    session->setPadProperty (6, IDs::gainDb, -6.0);
    waitForLoads();
    const auto before = session->getSet().createCopy();
    const auto otherSample = session->getPadStatus (3).sample;

    ASSERT_TRUE (slice (0, SliceMode::beats, 16).wasOk());
    EXPECT_EQ (session->getUndoDescription(), juce::String::fromUTF8 ("Slice A1 onto A2\u2013A17"));
    const auto sliced = session->getSet().createCopy();

    ASSERT_TRUE (session->undo());
    waitForLoads();
    EXPECT_TRUE (test::sameTree (before, session->getSet()));
    EXPECT_EQ (session->getPadStatus (3).state, Session::PadState::loaded);
    EXPECT_EQ (session->getPadSettings (3).name, "other");
    EXPECT_EQ (session->getPadStatus (10).state, Session::PadState::empty);

    ASSERT_TRUE (session->redo());
    waitForLoads();
    EXPECT_TRUE (test::sameTree (sliced, session->getSet()));
    expectBeatSlices (16);
}

TEST_F (SessionSlice, SlicesAreSavedInTheSetAndComeBackWhenItIsOpened)
{
    loadLoop();
    ASSERT_TRUE (slice (0, SliceMode::beats, 16).wasOk());
    ASSERT_TRUE (session->saveSet (temp / "set.paddeck").wasOk());
    const auto saved = session->getSet().createCopy();

    makeSession ({});
    ASSERT_TRUE (session->openSet (temp / "set.paddeck").wasOk());
    waitForLoads();
    for (int p = 0; p < 32; ++p)
        EXPECT_TRUE (PadSettings::fromValueTree (saved.getChild (0).getChild (p))
                     == session->getPadSettings (p))
            << "pad " << p + 1;
    expectBeatSlices (16);
}

TEST_F (SessionSlice, ByBeatsNeedsATempoAndAnEmptyOrLoadingPadIsRefused)
{
    session->loadIntoPad (0, test::writeWav (temp / "hit.wav", rate, 1, 44100, test::sine (100.0, rate)));
    waitForLoads();
    session->setPadTempo (0, 0.0); // no tempo
    EXPECT_TRUE (slice (0, SliceMode::beats, 8).failed());
    EXPECT_TRUE (slice (1, SliceMode::equalParts, 8).failed()) << "an empty pad";
    EXPECT_FALSE (session->canUndo() && session->getUndoDescription().startsWith ("Slice"));
}

TEST_F (SessionSlice, AStreamedLongFileSlicesAtItsOnsetsAndEachSlicePlaysItsHit)
{
    // Everything streams; 40 s with hits at known frames (one past the first minute's worth of
    // analysis is not needed: the reader is read in pieces either way).
    LoadOptions options;
    options.streamThresholdBytes = 0;
    makeSession (options);
    const std::vector<juce::int64> hits = { 22050, 50001, 123457, 441000, 800003, 1234567, 1700000 };
    const auto file = test::writeWav (temp / "long.wav", rate, 2, 40 * 44100,
                                      [&] (juce::int64 i, int)
                                      {
                                          float x = 0.0f;
                                          for (size_t h = 0; h < hits.size(); ++h)
                                              x += kick (i - hits[h], 0.3f + 0.05f * (float) h);
                                          return x;
                                      });
    session->loadIntoPad (0, file);
    waitForLoads();
    ASSERT_TRUE (session->getPadStatus (0).sample->isStreamed());

    ASSERT_TRUE (slice (0, SliceMode::onsets, 16).wasOk());
    for (size_t h = 0; h < hits.size(); ++h)
    {
        const auto s = session->getPadSettings (1 + (int) h);
        EXPECT_EQ (s.startFrame, hits[h]) << "hit " << h << ": on its sample";
        EXPECT_EQ (s.endFrame, h + 1 < hits.size() ? hits[h + 1] : -1);
        EXPECT_TRUE (session->getPadStatus (1 + (int) h).sample->isStreamed());
    }
    EXPECT_EQ (session->getPadSettings (1 + (int) hits.size()).file, "");

    // Slices 2, 5 and 7 hit at frames 1000, 20000 and 40000: each plays its own kick, from its first sample.
    session->setMidiMapping (MidiMapping::noteGrid ("4x8", 36, 4, 8));
    const auto out = playLive ({ { 1000, 2 }, { 20000, 5 }, { 40000, 7 } }, 60000);
    for (auto [at, pad] : { std::pair<int, int>{ 1000, 2 }, { 20000, 5 }, { 40000, 7 } })
    {
        const auto h = (size_t) pad - 1;
        EXPECT_EQ (test::firstAbove (out.getReadPointer (0), at - 500, at + 500, 1.0e-6f), at);
        for (int j = 0; j < 8000; ++j)
            ASSERT_NEAR (out.getSample (0, at + j), kick (j, 0.3f + 0.05f * (float) h), 1.0e-5f)
                << "slice " << pad;
    }
}

TEST_F (SessionSlice, OnsetSlicingKeepsTheStrongestHitsAndAPadChangedMeanwhileIsNotSliced)
{
    loadLoop();
    // 16 kicks, each louder than the last, onto 8 pads: the last 8, each from its first sample.
    ASSERT_TRUE (slice (0, SliceMode::onsets, 8).wasOk());
    EXPECT_EQ (session->getUndoDescription(), juce::String::fromUTF8 ("Slice A1 onto A2\u2013A9"));
    for (int k = 0; k < 8; ++k)
    {
        EXPECT_EQ (session->getPadSettings (1 + k).startFrame, (8 + k) * beat);
        EXPECT_EQ (session->getPadSettings (1 + k).endFrame, k == 7 ? -1 : (9 + k) * beat);
    }

    // Another file loaded while the onsets are being found: nothing is written.
    ASSERT_TRUE (session->undo());
    std::optional<juce::Result> outcome;
    session->slicePad (0, SliceMode::onsets, 8, [&] (const juce::Result& r) { outcome = r; });
    session->loadIntoPad (0, test::writeWav (temp / "other.wav", rate, 1, 4410, test::sine (440.0, rate)));
    for (int i = 0; i < 6000 && !outcome.has_value(); ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    ASSERT_TRUE (outcome.has_value());
    EXPECT_TRUE (outcome->failed());
    EXPECT_EQ (session->getPadSettings (1).file, "");
}

} // namespace paddeck
