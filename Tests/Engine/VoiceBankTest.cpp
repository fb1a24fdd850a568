#include "Dsp/DjEq.h"
#include "Engine/EngineHarness.h"

namespace paddeck
{
using test::EngineHarness;

namespace
{
constexpr double rate = 48000.0;
constexpr int blockSize = 128;

/** One pad hit played the way a voice plays it, but with a per-voice DjEq: reader → loop fades →
    varispeed → DjEq → gain, from `offset` of the first block on, block by block. */
std::vector<float> referenceVoice (const Sample::Ptr& sample, const PadSettings& settings, int offset,
                                   int blocks)
{
    StreamingThread streaming;
    SampleReader reader;
    reader.prepare (streaming, SampleReader::defaultRingFrames (rate));
    LoopFadeSource shaped (reader);
    VarispeedResampler resampler;
    resampler.prepare (blockSize);
    DjEq eq;
    eq.prepare (rate, blockSize);
    GainRamp gain;
    gain.prepare (rate);

    const auto pad = SnapshotCompiler::compilePad (settings, sample);
    reader.start (*sample, 0, false, 0, -1);
    shaped.start (0, sample->getLengthInFrames(), false, 0, -1,
                  juce::roundToInt (Voice::loopFadeSeconds * sample->getSampleRate()));
    eq.setGains (pad.eqLow, pad.eqMid, pad.eqHigh);
    eq.reset();
    gain.jumpToGain (pad.gain);
    gain.setFadedIn();

    std::vector<float> out ((size_t) (blocks * blockSize * 2), 0.0f); // left, then right
    std::vector<float> l (blockSize), r (blockSize);
    for (int b = 0; b < blocks; ++b)
    {
        const int first = b == 0 ? offset : 0;
        const int n = blockSize - first;
        const auto got = resampler.process (shaped, l.data(), r.data(), n,
                                            sample->getResampleRatio (rate) * pad.pitchRatio);
        std::fill (l.begin() + got, l.begin() + n, 0.0f);
        std::fill (r.begin() + got, r.begin() + n, 0.0f);
        eq.setGains (pad.eqLow, pad.eqMid, pad.eqHigh);
        eq.process (l.data(), r.data(), n);
        gain.setGain (pad.gain);
        gain.process (l.data(), r.data(), n);
        std::copy_n (l.begin(), n, out.begin() + b * blockSize + first);
        std::copy_n (r.begin(), n, out.begin() + blocks * blockSize + b * blockSize + first);
    }
    reader.stop();
    return out;
}
} // namespace

// The engine filters eight voices at once in a DjEqBank; what it plays is what a per-voice DjEq
// would give, bit for bit — for voices hit in the middle of a block (their first frames run
// through the bank as silence) and for two voices sharing a bank with different EQ — on one
// thread and on two.
TEST (VoiceBank, TheEngineWithItsEqBankPlaysWhatAPerVoiceDjEqWouldBitForBit)
{
    for (const int workers : { 0, 1 })
    {
        auto threads = EngineHarness::testThreads();
        threads.workers = workers;
        threads.requireRealtime = false;
        EngineHarness h (rate, blockSize, 8, threads);
        const auto sample =
            h.load (test::writeWav (h.temp / "tone.wav", 44100.0, 2, 44100,
                                    [] (juce::int64 i, int c)
                                    {
                                        return 0.3f * (float) std::sin (0.02 * (double) i * (c + 1))
                                               + 0.2f * (float) std::sin (0.3 * (double) i);
                                    }));
        PadSettings a, b;
        a.semitones = 3;
        a.eqLowDb = -6.0f;
        a.eqHighDb = 3.0f;
        a.gainDb = -3.0f;
        b.semitones = -5;
        b.cents = 20.0f;
        b.eqMidKill = true;
        const int padA = h.addPad (sample, a);
        const int padB = h.addPad (sample, b);
        h.publish();

        constexpr int blocks = 40;
        const auto out = h.render (blocks * blockSize, { { 37, EngineHarness::on (padA) },
                                                         { 2 * blockSize + 100, EngineHarness::on (padB) } });

        const auto voiceA = referenceVoice (sample, a, 37, blocks);
        const auto voiceB = referenceVoice (sample, b, 100, blocks - 2);
        int mismatches = 0;
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < blocks * blockSize; ++i)
            {
                float expected = 0.0f;
                expected += voiceA[(size_t) (c * blocks * blockSize + i)];
                if (i >= 2 * blockSize)
                    expected += voiceB[(size_t) (c * (blocks - 2) * blockSize + i - 2 * blockSize)];
                mismatches += out.getSample (c, i) != expected ? 1 : 0;
            }
        EXPECT_EQ (mismatches, 0) << workers << " workers";
        EXPECT_GT (test::rmsDb (out.getReadPointer (0), 0, blocks * blockSize), -30.0);
    }
}

} // namespace paddeck
