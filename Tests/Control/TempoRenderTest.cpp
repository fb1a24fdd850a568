#include "Control/MidiController.h"
#include "Control/Session.h"
#include "Engine/MidiPerformance.h"
#include "Support/BackgroundProcess.h"
#include "Support/DrumPattern.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** A set at 120 BPM with a 1-bar drum loop made at 100 BPM (named so; its tempo is found when the
    set loads) and a click quantized to the beat, and a performance that hits both off the grid. */
struct TempoRenderFixture : ::testing::Test
{
    static constexpr double rate = 48000.0;

    void SetUp() override
    {
        test::DrumPattern pattern;
        pattern.bpm = 100.0;
        pattern.bars = 1;
        pattern.tailSeconds = 0.0;
        const auto drums = pattern.render();
        test::writeWav (temp / "Loop 100bpm.wav", rate, 1, 115200,
                        [&] (juce::int64 i, int)
                        { return i < (juce::int64) drums.size() ? drums[(size_t) i] : 0.0f; });
        test::writeWav (temp / "click.wav", rate, 1, 4800,
                        [] (juce::int64 i, int) { return i < 48 ? 0.5f : 0.0f; });

        (temp / "tempo.paddeck")
            .replaceWithText (R"({"format": "PadDeck set", "version": 2, "masterGainDb": 0, "tempoBpm": 120,
            "beatsPerBar": 4, "quantize": "1bar",
            "banks": [{"name": "A", "pads": [{"index": 12, "file": "Loop 100bpm.wav", "playMode": "loop"},
                                            {"index": 13, "file": "click.wav", "quantize": "1/4"}]}]})");

        // The standard mapping: notes 36–51, 36 at the bottom left, so pads 12 and 13 are 36 and 37.
        juce::MidiMessageSequence track;
        track.addEvent (juce::MidiMessage::tempoMetaEvent (500000), 0);
        track.addEvent (juce::MidiMessage::noteOn (1, 36, (juce::uint8) 127), 123);  // frame 3075 → bar 1
        track.addEvent (juce::MidiMessage::noteOn (1, 37, (juce::uint8) 127), 1500); // 37,500 → 48,000
        track.addEvent (juce::MidiMessage::noteOn (1, 37, (juce::uint8) 127), 4321); // 108,025 → 120,000
        track.addEvent (juce::MidiMessage::noteOn (1, 36, (juce::uint8) 127),
                        8000); // 200,000 → stops on bar 3
        juce::MidiFile midi;
        midi.setTicksPerQuarterNote (960);
        midi.addTrack (track);
        juce::FileOutputStream out (temp / "performance.mid");
        midi.writeTo (out);
    }

    /** The engine as it plays live: the set opened by a Session, blocks of `block` frames through
        the graph, the MIDI at its samples. */
    juce::AudioBuffer<float> playLive (int block, juce::int64 frames)
    {
        AudioEngine engine;
        LoadOptions options;
        options.engineRate = rate;
        SampleLoader loader (options);
        Session session (engine, loader);
        MidiController midi (session);
        EXPECT_TRUE (session.openSet (temp / "tempo.paddeck").wasOk());
        for (int i = 0; i < 3000 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        EXPECT_TRUE (session.isIdle());

        MidiPerformance performance;
        EXPECT_TRUE (performance.load (temp / "performance.mid", rate).wasOk());
        engine.prepare (rate, block);
        session.publishNow();

        juce::AudioBuffer<float> out (2, (int) frames), buffer (2, block);
        juce::MidiBuffer events;
        for (juce::int64 pos = 0; pos < frames; pos += block)
        {
            events.clear();
            performance.fillBlock (pos, block, events);
            engine.renderBlock (buffer, events);
            const auto n = (int) juce::jmin ((juce::int64) block, frames - pos);
            for (int c = 0; c < 2; ++c)
                out.copyFrom (c, (int) pos, buffer, c, 0, n);
        }
        return out;
    }

    test::TempFolder temp;
};

TEST_F (TempoRenderFixture, RenderHonoursTempoSyncAndQuantizeAndMatchesTheLiveEngineFrameForFrame)
{
    std::string log;
    ASSERT_EQ (test::BackgroundProcess::run (
                   { PADDECK_APP_PATH, "--render", (temp / "tempo.paddeck").getFullPathName().toStdString(),
                     "--midi", (temp / "performance.mid").getFullPathName().toStdString(), "--out",
                     (temp / "render.wav").getFullPathName().toStdString() },
                   &log),
               0)
        << log;

    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader (
        wav.createReaderFor (new juce::FileInputStream (temp / "render.wav"), true));
    ASSERT_NE (reader, nullptr);
    const auto frames = (int) juce::jmin ((juce::int64) 96000 * 4, reader->lengthInSamples);
    ASSERT_GE (frames, 96000 * 3);
    juce::AudioBuffer<float> rendered (2, frames);
    reader->read (&rendered, 0, frames, 0, true, true);
    const auto* x = rendered.getReadPointer (0);

    // The click waits for its beat, the loop for its bar; the loop repeats each bar (a 100 BPM bar
    // in 96,000 frames) and its stop waits for bar 3.
    EXPECT_EQ (test::firstAbove (x, 0, frames, 1.0e-6f), 48000);
    EXPECT_EQ (test::firstAbove (x, 49000, frames, 1.0e-6f), 96000);
    EXPECT_GT (std::abs (x[120000]) + std::abs (x[120001]), 0.3f) << "the second click on beat 5";
    float worst = 0.0f;
    for (int i = 96000 + 2000; i < 96000 * 2 - 200; ++i)
        if (i < 120000 - 10 || i > 120000 + 100)
            worst = juce::jmax (worst, std::abs (x[i + 96000] - x[i]));
    EXPECT_LT (worst, 1.0e-4f) << "bar 2 repeats bar 1";
    EXPECT_EQ (test::firstAbove (x, 96000 * 3 + 48 * 4, frames, 1.0e-6f), -1) << "stopped on bar 3";

    // The live engine, at a device's block sizes, plays the same frames.
    for (const int block : { 128, 480 })
    {
        const auto live = playLive (block, frames);
        float difference = 0.0f;
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < frames; ++i)
                difference =
                    juce::jmax (difference, std::abs (live.getSample (c, i) - rendered.getSample (c, i)));
        EXPECT_LT (difference, 1.0e-5f) << "block " << block; // −100 dB
    }
}

} // namespace paddeck
