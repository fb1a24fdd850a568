#include "Engine/EngineHarness.h"

namespace paddeck
{
using test::EngineHarness;

// KeyLock voices are rendered ahead by worker threads: these tests render at device pace.
static auto devicePace (const EngineHarness& h)
{
    return [&h] (juce::int64) {
        juce::Thread::sleep (juce::roundToInt (1000.0 * h.blockSize / h.sampleRate));
    };
}

TEST (KeyLockPads, PlusSevenMovesA440SineToAFifthUpAndKeepsItsDuration)
{
    EngineHarness h (48000.0, 256);
    PadSettings s;
    s.pitchMode = PitchMode::keyLock;
    s.semitones = 7;
    h.addPad (h.load (test::writeWav (h.temp / "a.wav", 48000.0, 1, 48000, test::sine (440.0, 48000.0))), s);
    h.publish();

    const auto out = h.render (72000, { { 0, EngineHarness::on (0) } }, devicePace (h));
    const auto* x = out.getReadPointer (0);
    EXPECT_NEAR (test::frequencyByZeroCrossings (x, 4800, 44000, 48000.0), 440.0 * std::pow (2.0, 7.0 / 12.0), 659.26 * 0.01);

    int last = 0;
    for (int i = 0; i < out.getNumSamples(); ++i)
        if (std::abs (x[i]) > 0.01f)
            last = i;
    EXPECT_NEAR (last, 48000, 480) << "tempo kept: the second-long sample still lasts a second";
    EXPECT_EQ (h.engine.getKeyLockPool().getTotalUnderruns(), 0);
}

TEST (KeyLockPads, AKeyLockedHitSoundsOnItsExactSampleLikeAPlainOne)
{
    for (const int block : { 64, 256, 1024 })
    {
        EngineHarness h (48000.0, block);
        PadSettings s;
        s.pitchMode = PitchMode::keyLock;
        s.semitones = -5;
        const auto file = test::writeWav (h.temp / "tone.wav", 48000.0, 2, 48000, test::sine (300.0, 48000.0));
        h.addPad (h.load (file), s);
        h.addPad (h.load (file, 0), s); // streamed
        h.publish();

        for (int pad = 0; pad < 2; ++pad)
        {
            const juce::int64 onset = 3 * block + block / 3;
            const auto out = h.render (onset + 4800, { { onset, EngineHarness::on (pad) } }, devicePace (h));
            const int first = test::firstAbove (out.getReadPointer (0), 0, out.getNumSamples(), 1.0e-5f);
            // The sine starts at zero, so its first audible frame is within a frame or two of the onset.
            EXPECT_GE (first, (int) onset) << "block " << block << " pad " << pad;
            EXPECT_LE (first, (int) onset + 2) << "block " << block << " pad " << pad;
            h.render (block * 4, { { 0, juce::MidiMessage::allNotesOff (1) } }, devicePace (h));
        }
    }
}

TEST (KeyLockPads, AllVoicesBusyFallsBackToVarispeedRatherThanSilence)
{
    EngineHarness h;
    PadSettings s;
    s.pitchMode = PitchMode::keyLock;
    const auto sample = h.load (test::writeWav (h.temp / "t.wav", 48000.0, 1, 48000, test::sine (200.0, 48000.0)));
    const int pads = h.engine.getKeyLockPool().getNumVoices() + 2;
    std::vector<std::pair<juce::int64, juce::MidiMessage>> hits;
    for (int i = 0; i < pads; ++i)
    {
        h.addPad (sample, s);
        hits.push_back ({ i, EngineHarness::on (i) });
    }
    h.publish();

    h.render (512, hits);
    EXPECT_EQ (h.engine.getMeters().keyLockFallbacks.load(), 2);
    EXPECT_EQ (h.engine.getMeters().activeVoices.load(), pads);
}

} // namespace paddeck
