#include "Engine/EngineHarness.h"
#include "Streaming/DamagedFileSupport.h"

namespace paddeck
{
using test::EngineHarness;

// The KeyLock worker crashed in the loop fade of a keylocked, looping pad whose FLAC claimed 2^32
// frames and held a few thousand. Every pitch mode and play mode now plays the frames it holds.
TEST (DamagedSamples, AFlacClaimingHoursLoopsTheFramesItHoldsInEveryMode)
{
    EngineHarness h (48000.0, 256);
    const auto file = h.temp / "claims.flac";
    ASSERT_TRUE (test::writeFlacClaiming (file, test::makeSine (2, 4800, 440.0, 48000.0), 48000.0,
                                          (juce::uint64{ 1 } << 32) - 1));

    const PlayMode modes[] = { PlayMode::oneShot, PlayMode::loop, PlayMode::gate, PlayMode::toggle,
                               PlayMode::retrigger };
    for (const auto pitchMode : { PitchMode::varispeed, PitchMode::keyLock })
        for (const auto playMode : modes)
            for (const juce::int64 threshold : { juce::int64{ 32 } << 20, juce::int64{ 0 } }) // RAM, streamed
            {
                PadSettings s;
                s.pitchMode = pitchMode;
                s.playMode = playMode;
                s.loop = playMode != PlayMode::oneShot;
                s.semitones = 3;
                auto sample = h.load (file, threshold);
                ASSERT_NE (sample, nullptr);
                EXPECT_EQ (sample->getLengthInFrames(), 4800);
                h.addPad (sample, s);
            }
    h.publish();

    std::vector<std::pair<juce::int64, juce::MidiMessage>> hits;
    for (int pad = 0; pad < (int) h.pads.size(); ++pad)
        hits.push_back ({ 0, EngineHarness::on (pad) });

    const auto out = h.render (
        48000, hits,
        [&h] (juce::int64) { juce::Thread::sleep (juce::roundToInt (1000.0 * h.blockSize / h.sampleRate)); });
    const auto* x = out.getReadPointer (0);
    for (int i = 0; i < out.getNumSamples(); ++i)
        ASSERT_TRUE (std::isfinite (x[i])) << i;

    // The looping pads still sound a second later: the 0.1 s they hold, again and again.
    EXPECT_GT (test::rmsDb (x, 38400, 48000), -30.0);
    EXPECT_GT (h.engine.getMeters().activeVoices.load(), 0);
}

} // namespace paddeck
