#include "Engine/EngineHarness.h"

namespace paddeck
{
using test::EngineHarness;

// A voice at a steady gain adds its gained frames into the mix and takes its meter's peak in one
// pass (Voice::mixInto). The peak it reports must still be the peak of what it played, block by
// block: on the one pass (a reversed, pitched loop at -6 dB, across its loop seams, from a hit in
// the middle of a block) and on the other (the block its gain ramps in after the knob moved).
TEST (VoiceMixPass, AVoicesPeakIsThePeakOfWhatItPlayedEveryBlock)
{
    constexpr double rate = 48000.0;
    constexpr int blockSize = 128;
    EngineHarness h (rate, blockSize, 8);
    const auto sample =
        h.load (test::writeWav (h.temp / "tone.wav", 48000.0, 2, 3000,
                                [] (juce::int64 i, int c)
                                {
                                    return 0.5f * (float) std::sin (0.013 * (double) i * (c + 1))
                                           + 0.1f * (float) std::sin (0.21 * (double) i);
                                }));
    PadSettings settings;
    settings.playMode = PlayMode::loop;
    settings.reverse = true;
    settings.loopStart = 500;
    settings.loopEnd = 2500;
    settings.semitones = 5;
    settings.gainDb = -6.0f;
    const int pad = h.addPad (sample, settings);
    h.publish();

    int checked = 0, mismatches = 0;
    const auto playBlock = [&] (std::vector<std::pair<juce::int64, juce::MidiMessage>> events)
    {
        const auto out = h.render (blockSize, std::move (events));
        const auto* voice = h.padEngine().findVoice (pad);
        if (voice == nullptr)
            return;
        float peak = 0.0f;
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < blockSize; ++i)
                peak = std::max (peak, std::abs (out.getSample (c, i)));
        mismatches += voice->getLastPeak() != peak ? 1 : 0;
        ++checked;
    };

    playBlock ({ { 20, EngineHarness::on (pad) } }); // sounds from frame 20 of its first block
    for (int b = 0; b < 30; ++b)                     // two and a half passes of the loop at +5 st
        playBlock ({});
    h.pads[(size_t) pad].second.gainDb = -12.0f; // the next block ramps to it
    h.publish();
    for (int b = 0; b < 30; ++b)
        playBlock ({});

    EXPECT_EQ (checked, 61) << "the voice plays all along";
    EXPECT_EQ (mismatches, 0);
}

} // namespace paddeck
