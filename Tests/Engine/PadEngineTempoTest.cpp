#include "Engine/EngineHarness.h"

#include <random>

namespace paddeck
{
using test::EngineHarness;

namespace
{
constexpr double rate = 48000.0;

/** The sample a hit at `hit` sounds on, worked out independently of BeatClock: the first whole
    sample at or after the instant of the first grid step not before the hit. */
juce::int64 expectedBoundary (juce::int64 hit, double bpm, double gridBeats)
{
    if (gridBeats <= 0.0)
        return hit;
    const double stepFrames = gridBeats * 60.0 * rate / bpm;
    for (juce::int64 k = juce::jmax ((juce::int64) 0, (juce::int64) (hit / stepFrames) - 1);; ++k)
    {
        const auto s = (juce::int64) std::ceil (k * stepFrames - 1.0e-6);
        if (s >= hit)
            return s;
    }
}

PadSettings quantized (Quantize q, PlayMode mode = PlayMode::oneShot)
{
    PadSettings s;
    s.playMode = mode;
    s.quantize = (int) q;
    return s;
}

/** A loop of `beats` beats at `bpm`: a tone, with a short burst of noise on each beat so onsets
    can be found. */
std::function<float (juce::int64, int)> beatLoop (double bpm, double toneHz)
{
    const auto beatFrames = 60.0 * rate / bpm;
    return [=] (juce::int64 i, int)
    {
        const auto inBeat = std::fmod ((double) i, beatFrames);
        const auto burst =
            inBeat < 240.0 ? 0.4f * (float) std::sin (i * 2.7) * (float) (1.0 - inBeat / 240.0) : 0.0f;
        return 0.3f * (float) std::sin (juce::MathConstants<double>::twoPi * toneHz * (double) i / rate)
               + burst;
    };
}

/** Renders `frames` in pieces (an hour does not fit in memory), keeping only the last piece. */
juce::AudioBuffer<float> renderDiscarding (EngineHarness& h, juce::int64 frames)
{
    constexpr juce::int64 piece = 48000 * 30;
    juce::AudioBuffer<float> last;
    for (juce::int64 done = 0; done < frames; done += piece)
        last = h.render (juce::jmin (piece, frames - done));
    return last;
}
} // namespace

TEST (Tempo, QuantizedHitsLandOnTheNextBoundaryForEveryGridAndBlockSize)
{
    std::mt19937 random (11);
    const Quantize grids[] = { Quantize::off, Quantize::sixteenth, Quantize::eighth,  Quantize::beat,
                               Quantize::bar, Quantize::twoBars,   Quantize::fourBars };

    for (const int block : { 32, 128, 480, 1024 })
        for (const double bpm : { 120.0, 127.0 })
            for (const auto grid : grids)
            {
                EngineHarness h (rate, block);
                h.tempoBpm = bpm;
                const auto dc = h.load (test::writeWav (h.temp / "dc.wav", rate, 1, 4000,
                                                        [] (juce::int64, int) { return 0.5f; }));
                const int p = h.addPad (dc, quantized (grid));
                h.publish();

                const auto hit = (juce::int64) (random() % 200000) + 1;
                const auto expected = expectedBoundary (hit, bpm, QuantizeGrid::beats (grid, 4));
                const auto out = h.render (expected + 2000, { { hit, EngineHarness::on (p) } });
                EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, out.getNumSamples(), 1.0e-6f),
                           expected)
                    << "block " << block << ", " << bpm << " BPM, grid " << QuantizeGrid::toString (grid)
                    << ", hit at " << hit;
            }
}

TEST (Tempo, AQueuedPadShowsItAndASecondHitTakesItBack)
{
    EngineHarness h;
    const auto dc =
        h.load (test::writeWav (h.temp / "dc.wav", rate, 1, 4000, [] (juce::int64, int) { return 0.5f; }));
    const int p = h.addPad (dc, quantized (Quantize::bar));
    h.publish();

    h.render (1280, { { 1000, EngineHarness::on (p) } });
    EXPECT_EQ (h.engine.getMeters().padQueued[(size_t) p].load(), 1);
    auto out = h.render (1280, { { 500, EngineHarness::on (p) } });
    EXPECT_EQ (h.engine.getMeters().padQueued[(size_t) p].load(), 0);
    out = h.render (96000);
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, out.getNumSamples(), 1.0e-6f), -1)
        << "the launch was taken back: nothing sounds on the bar";
}

TEST (Tempo, AQuantizedStopWaitsForTheBarAndFadesThere)
{
    EngineHarness h;
    const auto tone = h.load (test::writeWav (h.temp / "tone.wav", rate, 1, 48000, test::sine (500.0, rate)));
    const int p = h.addPad (tone, quantized (Quantize::bar, PlayMode::loop));
    h.publish();

    // Starts on bar 1 (96,000); hit again during it: it stops on bar 2 (192,000).
    auto out = h.render (192000 + 4800, { { 10, EngineHarness::on (p) }, { 120000, EngineHarness::on (p) } });
    const auto* x = out.getReadPointer (0);
    EXPECT_EQ (test::firstAbove (x, 0, 96000, 1.0e-6f), -1);
    EXPECT_GT (test::rmsDb (x, 190000, 192000), -20.0) << "still playing just before the bar";
    EXPECT_EQ (test::firstAbove (x, 192000 + 48 * 4, 192000 + 4800, 1.0e-6f), -1)
        << "silent 4 ms after the bar";
    EXPECT_LE (test::maxStep (x, 96001, 192000 + 4800), 0.5f * 2.0f * 3.1416f * 500.0f / 48000.0f * 1.1f);
}

TEST (Tempo, ASyncedVarispeedLoopRepeatsOnTheBarExactlyAndRisesWithTheTempo)
{
    // A 1-bar loop made at 100 BPM (115,200 frames) under a 120 BPM master: a bar is 96,000 frames.
    EngineHarness h (rate, 128);
    h.tempoBpm = 120.0;
    const auto loop =
        h.load (test::writeWav (h.temp / "loop100.wav", rate, 1, 115200, beatLoop (100.0, 1000.0)));
    auto s = quantized (Quantize::bar, PlayMode::loop);
    s.bpm = 100.0;
    s.sync = true;
    const int p = h.addPad (loop, s);
    h.publish();

    const auto out = h.render (96000 * 5, { { 777, EngineHarness::on (p) } });
    const auto* x = out.getReadPointer (0);
    EXPECT_EQ (test::firstAbove (x, 0, 96000, 1.0e-6f), -1) << "waits for the bar";

    // Every bar is the same as the one before, frame for frame: the loop repeats on the bar.
    float worst = 0.0f;
    for (int i = 96000 * 2; i < 96000 * 4; ++i)
        worst = juce::jmax (worst, std::abs (x[i + 96000] - x[i]));
    EXPECT_LT (worst, 1.0e-4f);

    // Varispeed: the 1 kHz tone rises by 120/100, like a turntable.
    EXPECT_NEAR (test::frequencyByZeroCrossings (x, 96000 * 2 + 300, 96000 * 2 + 19000, rate), 1200.0,
                 1200.0 * 0.005);
}

TEST (Tempo, ASyncedLoopIsStillOnTheBarToTheSampleAfterAnHour)
{
    EngineHarness h (rate, 480); // every render below is a whole number of blocks
    h.tempoBpm = 120.0;
    const auto loop =
        h.load (test::writeWav (h.temp / "loop100.wav", rate, 1, 115200, beatLoop (100.0, 1000.0)));
    auto s = quantized (Quantize::bar, PlayMode::loop);
    s.bpm = 100.0;
    s.sync = true;
    const int p = h.addPad (loop, s);
    h.publish();

    const auto first = h.render (96000 * 3, { { 5, EngineHarness::on (p) } });
    renderDiscarding (h, 48000LL * 3600 - 96000 * 3); // an hour from the start, on a bar
    const auto* voice = h.padEngine().findVoice (p);
    ASSERT_NE (voice, nullptr);
    EXPECT_NEAR (voice->getSyncError (h.padEngine().getClock(), h.padEngine().getNextBlockSample()), 0.0,
                 1.0e-3);

    // The hour's next bar sounds like the loop's second time round did (the first has no fade-in
    // from a wrap), frame for frame.
    const auto later = h.render (96000);
    float worst = 0.0f;
    for (int i = 0; i < 96000; ++i)
        worst = juce::jmax (worst, std::abs (later.getSample (0, i) - first.getSample (0, 192000 + i)));
    EXPECT_LT (worst, 1.0e-3f);
}

TEST (Tempo, TempoChangesAndManyMovesKeepASyncedLoopOnTheClock)
{
    EngineHarness h (rate, 128);
    const auto loop =
        h.load (test::writeWav (h.temp / "loop100.wav", rate, 1, 115200, beatLoop (100.0, 1000.0)));
    auto s = quantized (Quantize::off, PlayMode::loop);
    s.bpm = 100.0;
    s.sync = true;
    const int p = h.addPad (loop, s);
    h.publish();

    h.render (48000, { { 0, EngineHarness::on (p) } });
    std::mt19937 random (3);
    for (int i = 0; i < 200; ++i)
    {
        h.tempoBpm = 90.0 + (random() % 5000) / 100.0;
        h.publish();
        h.render (128 * (1 + (int) (random() % 40)));
        const auto* voice = h.padEngine().findVoice (p);
        ASSERT_NE (voice, nullptr);
        EXPECT_NEAR (voice->getSyncError (h.padEngine().getClock(), h.padEngine().getNextBlockSample()), 0.0,
                     1.0e-3)
            << "after move " << i;
    }
}

TEST (Tempo, ALaunchInPhaseStartsWhereItWouldBeHadItStartedOnTheBar)
{
    auto renderFrom = [] (juce::int64 hit, bool inPhase)
    {
        EngineHarness h (rate, 128);
        const auto loop =
            h.load (test::writeWav (h.temp / "loop120.wav", rate, 1, 96000, beatLoop (120.0, 700.0)));
        auto s = quantized (Quantize::off, PlayMode::loop);
        s.bpm = 120.0;
        s.sync = true;
        s.inPhase = inPhase;
        const int p = h.addPad (loop, s);
        h.publish();
        return h.render (96000 * 2, { { hit, EngineHarness::on (p) } });
    };

    const auto onTheBar = renderFrom (96000, false);
    const auto late = renderFrom (96000 + 30000, true); // 1.25 beats into bar 1
    float worst = 0.0f;
    for (int i = 96000 + 30000 + 200; i < 96000 * 2; ++i)
        worst = juce::jmax (worst, std::abs (late.getSample (0, i) - onTheBar.getSample (0, i)));
    EXPECT_LT (worst, 1.0e-4f);
}

TEST (Tempo, ASweepWithEightSyncedPadsNeverClicksOrUnderruns)
{
    EngineHarness h (rate, 128);
    std::vector<int> pads;
    for (int i = 0; i < 8; ++i)
    {
        const double bpm = 96.0 + 4.0 * i;
        const auto frames = (juce::int64) std::llround (4.0 * 60.0 * rate / bpm);
        const auto loop = h.load (test::writeWav (h.temp / ("loop" + juce::String (i) + ".wav"), rate, 1,
                                                  frames, test::sine (220.0 + 55.0 * i, rate, 0.1f)));
        auto s = quantized (Quantize::off, PlayMode::loop);
        s.bpm = 4.0 * 60.0 * rate / (double) frames;
        s.sync = true;
        s.pitchMode = i % 2 == 0 ? PitchMode::varispeed : PitchMode::keyLock;
        pads.push_back (h.addPad (loop, s));
    }
    h.tempoBpm = 120.0;
    h.publish();

    std::vector<std::pair<juce::int64, juce::MidiMessage>> hits;
    for (auto p : pads)
        hits.push_back ({ 0, EngineHarness::on (p) });
    juce::AudioBuffer<float> all (2, 48000 * 12);
    int written = 0;
    auto keep = [&] (const juce::AudioBuffer<float>& b)
    {
        all.copyFrom (0, written, b, 0, 0, b.getNumSamples());
        written += b.getNumSamples();
    };
    h.engine.waitForKeyLock (128);
    keep (h.render (128, hits));
    h.makePrimes = false; // the voices have started: the many snapshots below need none
    for (int b = 0; b < 374; ++b)
    {
        h.engine.waitForKeyLock (128);
        keep (h.render (128));
    }

    // 120 → 126 over 4 s, then → 118 over 4 s, a step each block; then hold for 2 s.
    const auto sweep = [&] (double from, double to, int blocks)
    {
        for (int b = 1; b <= blocks; ++b)
        {
            h.tempoBpm = from + (to - from) * b / blocks;
            h.publish();
            h.engine.waitForKeyLock (128);
            keep (h.render (128));
        }
    };
    sweep (120.0, 126.0, 1500);
    sweep (126.0, 118.0, 1500);
    for (int b = 0; b < 500; ++b)
    {
        h.engine.waitForKeyLock (128);
        keep (h.render (128));
    }

    // Eight sines of at most 0.1 at up to 605 Hz × 1.3: their own largest step, with room for the
    // sum of all eight; a click would be far above it.
    const float ownStep = 8 * 0.1f * 2.0f * 3.1416f * 605.0f * 1.35f / 48000.0f;
    EXPECT_LE (test::maxStep (all.getReadPointer (0), 4800, written), ownStep * 1.1f);
    EXPECT_EQ (h.engine.getKeyLockPool().getTotalUnderruns(), 0);
    for (auto p : pads)
        EXPECT_NE (h.padEngine().findVoice (p), nullptr) << "pad " << p << " still plays";
}

TEST (Tempo, ASyncedKeyLockLoopKeepsItsKeyAndItsBeatsOnTheClock)
{
    // The same 1-bar 100 BPM loop under 120 BPM, keylocked: Rubber Band's time ratio plays it in
    // time, its 440 Hz tone stays 440 Hz. The realtime stretch places each beat within a few ms
    // (its hops), without drifting; a rendered stretch (the stretch issue) makes it exact.
    EngineHarness h (rate, 128);
    const auto loop = h.load (test::writeWav (
        h.temp / "loop100.wav", rate, 1, 115200,
        [] (juce::int64 i, int)
        {
            const float burst = i % 28800 < 480 ? 0.5f * (float) std::sin (i * 2.7) : 0.0f;
            return 0.2f * (float) std::sin (juce::MathConstants<double>::twoPi * 440.0 * (double) i / rate)
                   + burst;
        }));
    auto s = quantized (Quantize::bar, PlayMode::loop);
    s.bpm = 100.0;
    s.sync = true;
    s.pitchMode = PitchMode::keyLock;
    const int p = h.addPad (loop, s);
    h.publish();

    constexpr int bars = 20;
    juce::AudioBuffer<float> all (1, 96000 * bars);
    for (int b = 0; b < 96000 * bars / 128; ++b)
    {
        h.engine.waitForKeyLock (128);
        const auto out = h.render (
            128, b == 0
                     ? std::vector<std::pair<juce::int64, juce::MidiMessage>>{ { 5, EngineHarness::on (p) } }
                     : std::vector<std::pair<juce::int64, juce::MidiMessage>>{});
        all.copyFrom (0, b * 128, out, 0, 0, 128);
    }
    const auto* x = all.getReadPointer (0);
    EXPECT_EQ (test::firstAbove (x, 0, 96000, 1.0e-6f), -1) << "waits for the bar";
    EXPECT_NEAR (test::frequencyByZeroCrossings (x, 96000 * 3 + 2000, 96000 * 3 + 20000, rate), 440.0, 4.4);

    // Each beat within 12 ms of the clock, and no drift: the late beats are on average where the
    // early ones were.
    double early = 0.0, late = 0.0;
    for (int beat = 4; beat < bars * 4; ++beat)
    {
        const int at = beat * 24000;
        const int onset = test::firstAbove (x, at - 2400, at + 2400, 0.35f);
        EXPECT_NEAR (onset, at, 48 * 12) << "beat " << beat;
        (beat < bars * 2 ? early : late) +=
            (onset - at) / (double) (bars * 2 - 4 + (beat < bars * 2 ? 0 : 4));
    }
    EXPECT_NEAR (late, early, 48 * 3);
    EXPECT_EQ (h.engine.getKeyLockPool().getTotalUnderruns(), 0);
}

TEST (Tempo, TheMetronomeClicksOnEveryBeatStartingOnItsSample)
{
    EngineHarness h (rate, 480);
    h.metronome = true;
    h.tempoBpm = 100.0; // 28,800 frames a beat
    h.publish();
    const auto out = h.render (28800 * 5);
    const auto* x = out.getReadPointer (0);
    for (int beat = 0; beat < 5; ++beat)
    {
        const int at = beat * 28800;
        EXPECT_EQ (test::firstAbove (x, at == 0 ? 0 : at - 20000, at, 1.0e-6f), -1)
            << "silent before beat " << beat;
        EXPECT_GE (test::firstAbove (x, at, at + 100, 1.0e-6f), at) << "beat " << beat;
        EXPECT_LE (test::firstAbove (x, at, at + 100, 1.0e-6f), at + 2) << "beat " << beat;
    }
}

} // namespace paddeck
