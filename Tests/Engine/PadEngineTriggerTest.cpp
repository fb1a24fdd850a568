#include "Engine/EngineHarness.h"

namespace paddeck
{
using test::EngineHarness;

static auto constant (float v)
{
    return [v] (juce::int64, int) { return v; };
}

class OnsetTest : public ::testing::TestWithParam<int>
{
};

TEST_P (OnsetTest, NoteOnAtOffsetKSoundsFromFrameKExactlyForRamAndStreamedPads)
{
    const int blockSize = GetParam();
    EngineHarness h (48000.0, blockSize);
    const auto file = test::writeWav (h.temp / "dc.wav", 48000.0, 2, 48000, constant (0.5f));
    const int ramPad = h.addPad (h.load (file));
    const int streamPad = h.addPad (h.load (file, 0)); // threshold 0: streamed, start held in RAM
    ASSERT_TRUE (h.pads[1].first->isStreamed());
    h.publish();

    for (const int pad : { ramPad, streamPad })
    {
        for (const juce::int64 onset : { (juce::int64) 0, (juce::int64) blockSize / 2 + 3,
                                         (juce::int64) 3 * blockSize - 1, (juce::int64) 7 * blockSize + 5 })
        {
            const auto out = h.render (onset + 2 * blockSize, { { onset, EngineHarness::on (pad) } });
            const auto* left = out.getReadPointer (0);
            EXPECT_EQ (test::firstAbove (left, 0, out.getNumSamples(), 0.0f), (int) onset)
                << "pad " << pad << " block " << blockSize;
            EXPECT_FLOAT_EQ (left[onset], 0.5f); // full level from the first frame: the attack is intact
            h.render (blockSize, { { 0, juce::MidiMessage::allNotesOff (1) } });
            h.render (4 * blockSize); // let the stop fade finish
        }
    }
}

INSTANTIATE_TEST_SUITE_P (BlockSizes, OnsetTest, ::testing::Values (32, 64, 128, 256, 480, 1024));

TEST (PadEngine, CommandsFromTheUiLandAtTheirOffsetToo)
{
    EngineHarness h (48000.0, 256);
    const int pad =
        h.addPad (h.load (test::writeWav (h.temp / "dc.wav", 48000.0, 1, 4800, constant (0.25f))));
    h.publish();
    h.render (256);

    h.engine.send (EngineCommand::press (pad, 1.0f, 77));
    const auto out = h.render (256);
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, 256, 0.0f), 77);
    EXPECT_FLOAT_EQ (out.getSample (1, 77), 0.25f); // mono plays on both sides
}

TEST (PadEngine, VarispeedPlusTwelveDoublesTheFrequencyAndHalvesTheDuration)
{
    EngineHarness h;
    const auto file = test::writeWav (h.temp / "sine.wav", 48000.0, 1, 48000, test::sine (441.0, 48000.0));
    PadSettings up;
    up.semitones = 12;
    h.addPad (h.load (file), up);
    h.publish();

    const auto out = h.render (48000, { { 0, EngineHarness::on (0) } });
    const auto* left = out.getReadPointer (0);
    EXPECT_NEAR (test::frequencyByZeroCrossings (left, 100, 23000, 48000.0), 882.0, 882.0 * 0.002);

    int lastSound = 0;
    for (int i = 0; i < out.getNumSamples(); ++i)
        if (std::abs (left[i]) > 1.0e-4f)
            lastSound = i;
    EXPECT_NEAR (lastSound, 24000, 48); // half the sample's second
}

TEST (PadEngine, SampleAtAnotherRateIsConvertedToTheEngineRate)
{
    EngineHarness h;
    const auto file =
        test::writeWav (h.temp / "sine441.wav", 44100.0, 1, 44100, test::sine (1000.0, 44100.0));
    h.addPad (h.load (file));    // RAM: converted at load
    h.addPad (h.load (file, 0)); // stream: converted in the voice's resampler
    h.publish();

    for (int pad = 0; pad < 2; ++pad)
    {
        const auto out = h.render (24000, { { 0, EngineHarness::on (pad) } });
        EXPECT_NEAR (test::frequencyByZeroCrossings (out.getReadPointer (0), 200, 20000, 48000.0), 1000.0,
                     1.0)
            << "pad " << pad;
        h.render (48000);
    }
}

TEST (PadEngine, EqLowKillTakesOutSixtyHertzAndLeavesOneKilohertz)
{
    EngineHarness h;
    const auto low =
        h.load (test::writeWav (h.temp / "60.wav", 48000.0, 1, 48000, test::sine (60.0, 48000.0)));
    const auto mid =
        h.load (test::writeWav (h.temp / "1k.wav", 48000.0, 1, 48000, test::sine (1000.0, 48000.0)));
    PadSettings kill;
    kill.eqLowKill = true;
    h.addPad (low, kill);
    h.addPad (mid, kill);
    h.addPad (low);
    h.publish();

    auto level = [&] (int pad)
    {
        const auto out = h.render (24000, { { 0, EngineHarness::on (pad) } });
        h.render (48000);
        return test::rmsDb (out.getReadPointer (0), 4800, 24000);
    };
    const double flat60 = level (2), killed60 = level (0), killed1k = level (1);
    EXPECT_LT (killed60, flat60 - 40.0);
    EXPECT_NEAR (killed1k, 20.0 * std::log10 (0.5 / std::sqrt (2.0)), 1.0);
}

} // namespace paddeck
