#include "Support/BackgroundProcess.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** A set with a click pad and a sine pad, and a MIDI performance at 120 BPM, 960 ticks a beat. */
struct RenderFixture : ::testing::Test
{
    void SetUp() override
    {
        test::writeWav (temp / "click.wav", 48000.0, 1, 4800,
                        [] (juce::int64 i, int) { return i < 48 ? 0.5f : 0.0f; });
        test::writeWav (temp / "tone.wav", 44100.0, 2, 13230,
                        test::sine (330.0, 44100.0)); // 0.3 s: over before the next click
        (temp / "set.paddeck").replaceWithText (R"({"format": "PadDeck set", "version": 1, "masterGainDb": 0,
            "banks": [{"name": "A", "pads": [{"index": 0, "file": "click.wav"},
                                            {"index": 1, "file": "tone.wav", "semitones": 7, "eqLowDb": -10, "pitchMode": "keyLock"}]}]})");

        juce::MidiMessageSequence track;
        track.addEvent (juce::MidiMessage::tempoMetaEvent (500000), 0); // 120 BPM
        for (int beat = 0; beat < 8; ++beat)
        {
            // The set has no mapping: the standard one, whose top-left pads are notes 48 and 49.
            track.addEvent (juce::MidiMessage::noteOn (1, 48 + beat % 2, (juce::uint8) 127), beat * 960 + 7);
            track.addEvent (juce::MidiMessage::noteOff (1, 48 + beat % 2), beat * 960 + 400);
        }
        track.updateMatchedPairs();
        juce::MidiFile midi;
        midi.setTicksPerQuarterNote (960);
        midi.addTrack (track);
        juce::FileOutputStream out (temp / "performance.mid");
        midi.writeTo (out);
    }

    int render (const juce::String& set, const juce::String& midi, const juce::String& out, std::string* log,
                std::vector<std::string> extra = {})
    {
        std::vector<std::string> args{ PADDECK_APP_PATH,
                                       "--render",
                                       (temp / set).getFullPathName().toStdString(),
                                       "--midi",
                                       (temp / midi).getFullPathName().toStdString(),
                                       "--out",
                                       (temp / out).getFullPathName().toStdString() };
        args.insert (args.end(), extra.begin(), extra.end());
        return test::BackgroundProcess::run (args, log);
    }

    std::unique_ptr<juce::AudioFormatReader> open (const juce::String& name)
    {
        juce::WavAudioFormat wav;
        return std::unique_ptr<juce::AudioFormatReader> (
            wav.createReaderFor (new juce::FileInputStream (temp / name), true));
    }

    test::TempFolder temp;
};

TEST_F (RenderFixture, SameSetAndMidiRenderIdenticalFiles)
{
    std::string log;
    ASSERT_EQ (render ("set.paddeck", "performance.mid", "a.wav", &log), 0) << log;
    ASSERT_EQ (render ("set.paddeck", "performance.mid", "b.wav", &log), 0) << log;
    const auto a = (temp / "a.wav"), b = (temp / "b.wav");
    EXPECT_GT (a.getSize(), 100000);
    EXPECT_TRUE (a.hasIdenticalContentTo (b));
}

TEST_F (RenderFixture, OnsetsLandOnTheSamplesTheTempoMapGives)
{
    for (const int block : { 64, 512, 1000 })
    {
        std::string log;
        const auto name = "onsets" + juce::String (block) + ".wav";
        ASSERT_EQ (
            render ("set.paddeck", "performance.mid", name, &log, { "--block", std::to_string (block) }), 0)
            << log;

        auto reader = open (name);
        ASSERT_NE (reader, nullptr);
        ASSERT_GT (reader->lengthInSamples, 3 * 48000) << log;
        juce::AudioBuffer<float> audio (2, (int) reader->lengthInSamples);
        reader->read (&audio, 0, audio.getNumSamples(), 0, true, true);

        // Click pad on even beats: beat * 0.5 s + 7 ticks (7/1920 s) → frame.
        for (int beat = 0; beat < 8; beat += 2)
        {
            const int expected = (int) std::llround ((beat * 960 + 7) / 1920.0 * 48000.0);
            EXPECT_EQ (test::firstAbove (audio.getReadPointer (0), juce::jmax (0, expected - 200),
                                         expected + 200, 0.25f),
                       expected)
                << "beat " << beat << " block " << block;
        }
        // The keylocked sine pad (+7 st, a fifth up) on odd beats; Rubber Band R2 is within 0.5 %.
        const int start = (int) std::llround ((960 + 7) / 1920.0 * 48000.0);
        EXPECT_NEAR (
            test::frequencyByZeroCrossings (audio.getReadPointer (1), start + 1000, start + 9000, 48000.0),
            330.0 * std::pow (2.0, 7.0 / 12.0), 330.0 * 1.5 * 0.005);
    }
}

TEST_F (RenderFixture, APerformanceThroughTheSetsMappingHitsTheSamplesItsEventsGive)
{
    // Bank A pad 1 clicks up, bank B pad 1 clicks down. The mapping: note 60 on channel 2 plays the
    // top-left pad, note 70 is "next bank", CC 7 is the master fader.
    test::writeWav (temp / "down.wav", 48000.0, 1, 4800,
                    [] (juce::int64 i, int) { return i < 48 ? -0.5f : 0.0f; });
    (temp / "mapped.paddeck").replaceWithText (R"({"format": "PadDeck set", "version": 1, "masterGainDb": 0,
        "banks": [{"name": "A", "pads": [{"index": 0, "file": "click.wav"}]},
                  {"name": "B", "pads": [{"index": 0, "file": "down.wav"}]}],
        "midiMapping": {"format": "PadDeck MIDI mapping", "version": 1, "name": "test", "bindings": [
            {"source": "note", "channel": 2, "number": 60, "target": "padTrigger", "row": 0, "column": 0},
            {"source": "note", "channel": 0, "number": 70, "target": "bankNext"},
            {"source": "cc", "channel": 0, "number": 7, "target": "masterFader"}]}})");

    juce::MidiMessageSequence track;
    track.addEvent (juce::MidiMessage::tempoMetaEvent (500000), 0);
    track.addEvent (juce::MidiMessage::noteOn (2, 60, (juce::uint8) 127), 7);    // bank A: up
    track.addEvent (juce::MidiMessage::noteOn (1, 60, (juce::uint8) 127), 967);  // wrong channel: nothing
    track.addEvent (juce::MidiMessage::noteOn (1, 70, (juce::uint8) 127), 1927); // next bank...
    track.addEvent (juce::MidiMessage::noteOn (2, 60, (juce::uint8) 127), 1928); // ...plays bank B: down
    track.addEvent (juce::MidiMessage::controllerEvent (1, 7, 100), 2400);       // far from 0 dB: ignored
    track.addEvent (juce::MidiMessage::controllerEvent (1, 7, 109), 2410);       // passes it: caught
    track.addEvent (juce::MidiMessage::controllerEvent (1, 7, 64), 2420);        // mid travel: -12 dB
    track.addEvent (juce::MidiMessage::noteOn (2, 60, (juce::uint8) 127), 2887);
    juce::MidiFile midi;
    midi.setTicksPerQuarterNote (960);
    midi.addTrack (track);
    {
        juce::FileOutputStream out (temp / "mapped.mid");
        midi.writeTo (out);
    }

    std::string log;
    ASSERT_EQ (render ("mapped.paddeck", "mapped.mid", "mapped.wav", &log, { "--block", "480" }), 0) << log;
    auto reader = open ("mapped.wav");
    ASSERT_NE (reader, nullptr);
    juce::AudioBuffer<float> audio (2, (int) reader->lengthInSamples);
    reader->read (&audio, 0, audio.getNumSamples(), 0, true, true);
    const auto* left = audio.getReadPointer (0);
    const auto frameOf = [] (int tick) { return (int) std::llround (tick / 1920.0 * 48000.0); };
    const auto peak = [&] (int from, int to)
    {
        float p = 0.0f;
        for (int i = from; i < juce::jmin (to, audio.getNumSamples()); ++i)
            p = std::abs (left[i]) > std::abs (p) ? left[i] : p;
        return p;
    };

    EXPECT_EQ (test::firstAbove (left, 0, frameOf (900), 0.25f), frameOf (7));
    EXPECT_FLOAT_EQ (peak (frameOf (900), frameOf (1900)), 0.0f) << "channel 1 is not mapped to the pad";
    int onsetB = -1;
    for (int i = frameOf (1900); i < frameOf (2300) && onsetB < 0; ++i)
        onsetB = left[i] < -0.25f ? i : -1;
    EXPECT_EQ (onsetB, frameOf (1928)) << "bank B's pad, on the sample of the note after the bank change";
    EXPECT_NEAR (std::abs (peak (frameOf (2880), frameOf (3300))),
                 0.5f * juce::Decibels::decibelsToGain (-12.0f), 0.005f)
        << "the fader took over and rode the master down to -12 dB (bank B still plays)";
}

TEST_F (RenderFixture, BadInputGivesAClearMessageAndANonZeroExit)
{
    std::string log;
    (temp / "broken.paddeck").replaceWithText ("{ \"format\": \"PadDeck set\", ");
    EXPECT_NE (render ("broken.paddeck", "performance.mid", "x.wav", &log), 0);
    EXPECT_NE (log.find ("not valid JSON"), std::string::npos) << log;

    (temp / "missing.paddeck").replaceWithText (R"({"format": "PadDeck set", "version": 1,
        "banks": [{"pads": [{"index": 3, "file": "nowhere.wav"}]}]})");
    EXPECT_NE (render ("missing.paddeck", "performance.mid", "x.wav", &log), 0);
    EXPECT_NE (log.find ("nowhere.wav"), std::string::npos) << log;

    (temp / "notmidi.mid").replaceWithText ("this is not a MIDI file");
    EXPECT_NE (render ("set.paddeck", "notmidi.mid", "x.wav", &log), 0);
    EXPECT_NE (log.find ("not a Standard MIDI File"), std::string::npos) << log;

    EXPECT_NE (render ("set.paddeck", "nofile.mid", "x.wav", &log), 0);
    EXPECT_NE (log.find ("nofile.mid"), std::string::npos) << log;
    EXPECT_FALSE ((temp / "x.wav").exists()) << "a failed render leaves no output behind";
}

} // namespace paddeck
