#include "Engine/StretchHarness.h"

namespace paddeck
{
using test::EngineHarness;

namespace
{
constexpr double rate = 48000.0;

// KeyLock voices are rendered ahead by worker threads: these tests render at device pace.
auto devicePace (const EngineHarness& h)
{
    return [&h] (juce::int64)
    { juce::Thread::sleep (juce::roundToInt (1000.0 * h.blockSize / h.sampleRate)); };
}

/** A tone with some movement (two partials, a slow swell), so a misplaced switch would show. */
std::function<float (juce::int64, int)> music()
{
    return [] (juce::int64 i, int)
    {
        const auto t = (double) i / rate;
        const auto swell = 0.75 + 0.25 * std::sin (2.0 * juce::MathConstants<double>::pi * 1.5 * t);
        return (float) (swell
                        * (0.35 * std::sin (2.0 * juce::MathConstants<double>::pi * 220.0 * t)
                           + 0.15 * std::sin (2.0 * juce::MathConstants<double>::pi * 330.0 * t)));
    };
}

double correlation (const float* a, const float* b, int start, int end)
{
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (int i = start; i < end; ++i)
        ab += (double) a[i] * b[i], aa += (double) a[i] * a[i], bb += (double) b[i] * b[i];
    return ab / std::sqrt (aa * bb + 1.0e-30);
}

PadSettings keyLocked (int semitones)
{
    PadSettings s;
    s.pitchMode = PitchMode::keyLock;
    s.semitones = semitones;
    return s;
}
} // namespace

TEST (RenderedStretch, TheSwitchFromTheRealtimeStretchToTheRenderIsSeamless)
{
    // The pad plays through the realtime KeyLock for a second, then its render lands.
    EngineHarness switched (rate, 128);
    const auto file =
        test::writeWav (switched.temp / "music.wav", rate, 2, (juce::int64) (4 * rate), music());
    switched.addPad (switched.load (file), keyLocked (3));
    const auto stretch = test::renderStretch (switched, 0);
    ASSERT_NE (stretch, nullptr);
    switched.publish();
    const auto before = switched.render (48000, { { 0, EngineHarness::on (0) } }, devicePace (switched));
    ASSERT_FALSE (switched.padEngine().findVoice (0)->isOnRenderedStretch());
    test::setRender (switched, 0, stretch);
    switched.publish();
    juce::int64 onRenderFrom = -1;
    const auto after =
        switched.render (48000, {},
                         [&] (juce::int64 at)
                         {
                             devicePace (switched) (at);
                             if (onRenderFrom < 0 && switched.padEngine().findVoice (0) != nullptr
                                 && switched.padEngine().findVoice (0)->isOnRenderedStretch())
                                 onRenderFrom = at;
                         });
    ASSERT_GE (onRenderFrom, 0) << "the voice switched to its render";
    EXPECT_LE (onRenderFrom, 48000 + 2048 + 256) << "within the fade of the block the render landed in";
    EXPECT_EQ (switched.engine.getKeyLockPool().getTotalUnderruns(), 0);

    // The same hit with the render there from the start: it never switches.
    EngineHarness plain (rate, 128);
    plain.addPad (plain.load (file), keyLocked (3));
    test::setRender (plain, 0, stretch);
    plain.publish();
    const auto reference = plain.render (96000, { { 0, EngineHarness::on (0) } });
    ASSERT_TRUE (plain.padEngine().findVoice (0)->isOnRenderedStretch());

    // And with the realtime stretch only, never switched: what the fade starts from.
    EngineHarness realtime (rate, 128);
    realtime.addPad (realtime.load (file), keyLocked (3));
    realtime.publish();
    const auto unswitched = realtime.render (96000, { { 0, EngineHarness::on (0) } }, devicePace (realtime));

    juce::AudioBuffer<float> heard (2, 96000);
    for (int c = 0; c < 2; ++c)
    {
        heard.copyFrom (c, 0, before, c, 0, 48000);
        heard.copyFrom (c, 48000, after, c, 0, 48000);
    }

    for (int c = 0; c < 2; ++c)
    {
        const auto* x = heard.getReadPointer (c);
        const auto* ref = reference.getReadPointer (c);

        // No step beyond the signal's own around the switch.
        const auto ownStep = juce::jmax (test::maxStep (x, 40000, 47900), test::maxStep (ref, 47000, 52000));
        EXPECT_LE (test::maxStep (x, 47900, 52000), ownStep * 1.1f) << "channel " << c;

        // The level holds through the fade (5 ms windows): no dip or bump beyond the two it joins.
        // Rubber Band's realtime R2 and offline R3 do not keep the same phases, so the two are only
        // partly alike; the crossfade's gains follow how alike they are, which holds the level
        // within about 1.3 dB of the quieter one here.
        const auto* from = unswitched.getReadPointer (c);
        for (int w = 47520; w < 50560; w += 240)
        {
            const auto a = test::rmsDb (from, w, w + 240), b = test::rmsDb (ref, w, w + 240);
            EXPECT_GE (test::rmsDb (x, w, w + 240), juce::jmin (a, b) - 2.0)
                << "channel " << c << " at " << w;
            EXPECT_LE (test::rmsDb (x, w, w + 240), juce::jmax (a, b) + 2.0)
                << "channel " << c << " at " << w;
        }
        EXPECT_GT (correlation (x, from, 40000, 48000), 0.99)
            << "before: the realtime stretch, as if never switched";
        EXPECT_GT (correlation (x, ref, 50048, 96000), 0.999999)
            << "after it: the render, on the same frames";
        float worst = 0.0f;
        for (int i = 50200; i < 96000; ++i)
            worst = juce::jmax (worst, std::abs (x[i] - ref[i]));
        EXPECT_LT (worst, 1.0e-4f) << "sample-exact: the never-switched render's own frames";
    }
}

TEST (RenderedStretch, AVoiceOnItsRenderKeepsItsSampleInUseWhenThePadGetsAnotherFile)
{
    // A 60-minute soak under ASan: a pad reloaded under a voice playing its render freed the
    // voice's first file (the drained KeyLock worker had let go of its reader) while the voice
    // still read it. The voice itself counts as its sample's user now.
    EngineHarness h (rate, 128);
    const auto original =
        h.load (test::writeWav (h.temp / "music.wav", rate, 2, (juce::int64) (4 * rate), music()));
    h.addPad (original, keyLocked (3));
    const auto stretch = test::renderStretch (h, 0);
    ASSERT_NE (stretch, nullptr);
    h.publish();
    h.render (24000, { { 0, EngineHarness::on (0) } }, devicePace (h)); // the realtime stretch
    test::setRender (h, 0, stretch);
    h.publish();
    h.render (48000, {}, devicePace (h)); // on its render; the KeyLock worker drained
    const auto* voice = h.padEngine().findVoice (0);
    ASSERT_NE (voice, nullptr);
    ASSERT_TRUE (voice->isOnRenderedStretch());

    // Another file dropped on the pad: the voice plays on, on its render.
    h.pads[0].first = h.load (test::writeWav (h.temp / "other.wav", rate, 2, (juce::int64) rate, music()));
    test::setRender (h, 0, nullptr);
    h.publish();
    const auto playing = h.render (4800, {}, devicePace (h));
    EXPECT_GT (test::rmsDb (playing.getReadPointer (0), 0, 4800), -40.0) << "the voice plays on";
    EXPECT_GE (original->getNumUsers(), 1) << "the voice still reads its sample: nothing may free it";

    h.engine.send (EngineCommand::stopEverything());
    h.render (24000, {}, devicePace (h));
    EXPECT_EQ (h.padEngine().findVoice (0), nullptr);
    EXPECT_EQ (original->getNumUsers(), 0) << "a stopped voice lets go of it";
}

TEST (RenderedStretch, APitchMoveOnARenderedPadIsHeardThroughTheRealtimeStretchAtOnce)
{
    EngineHarness h (rate, 128);
    const auto file =
        test::writeWav (h.temp / "tone.wav", rate, 2, (juce::int64) (4 * rate), test::sine (300.0, rate));
    h.addPad (h.load (file), keyLocked (3));
    test::setRender (h, 0, test::renderStretch (h, 0));
    ASSERT_NE (h.renders[0], nullptr);
    h.publish();
    const auto before = h.render (24000, { { 0, EngineHarness::on (0) } }, devicePace (h));
    ASSERT_TRUE (h.padEngine().findVoice (0)->isOnRenderedStretch()) << "a hit plays the render that fits";
    EXPECT_EQ (h.engine.getMeters().keyLockFallbacks.load(), 0);

    // +3 → +7: the render no longer fits; the realtime stretch takes over from where the voice is.
    h.pads[0].second.semitones = 7;
    h.publish();
    // Paced like a device, but never ahead of the KeyLock worker: on a loaded machine (a sanitizer
    // build, a soak beside it) a late worker is heard as a miss, which is not what this measures.
    const auto after = h.render (24000, {},
                                 [&h] (juce::int64 at)
                                 {
                                     devicePace (h) (at);
                                     h.engine.waitForKeyLock (h.blockSize);
                                 });
    ASSERT_NE (h.padEngine().findVoice (0), nullptr);
    EXPECT_FALSE (h.padEngine().findVoice (0)->isOnRenderedStretch());

    const auto* x = after.getReadPointer (0);
    const auto target = 300.0 * std::pow (2.0, 7.0 / 12.0);
    // Heard within 20 ms (the lead and the fade), measured over the next 10 ms.
    EXPECT_NEAR (test::frequencyByZeroCrossings (x, 960, 1440, rate), target, target * 0.02);
    // Rubber Band's realtime R2 beats a little on a pure tone: the median of 25 ms windows.
    std::vector<double> windows;
    for (int w = 2400; w + 1200 <= 24000; w += 1200)
        windows.push_back (test::frequencyByZeroCrossings (x, w, w + 1200, rate));
    std::nth_element (windows.begin(), windows.begin() + (long) windows.size() / 2, windows.end());
    EXPECT_NEAR (windows[windows.size() / 2], target, target * 0.01);
    for (int w = 0; w < 4800; w += 240)
        EXPECT_GT (test::rmsDb (x, w, w + 240), test::rmsDb (before.getReadPointer (0), 12000, 24000) - 3.0)
            << "no gap at " << w;
    EXPECT_EQ (h.engine.getKeyLockPool().getTotalUnderruns(), 0);
}

TEST (KeyLockPads, AHitRightAfterAPitchChangeKeepsItsAttack)
{
    // A struck tone: its attack is most of what the first 20 ms hold.
    const auto struck = [] (juce::int64 i, int)
    {
        const auto t = (double) i / rate;
        return (float) (0.6 * std::exp (-t / 0.08)
                        * std::cos (2.0 * juce::MathConstants<double>::pi * 400.0 * t));
    };
    const juce::int64 onset = 3 * 128 + 40;

    // The reference: +5 st, its prime made long before the hit.
    EngineHarness steady (rate, 128);
    const auto file = test::writeWav (steady.temp / "struck.wav", rate, 2, (juce::int64) rate, struck);
    steady.addPad (steady.load (file), keyLocked (5));
    steady.publish();
    const auto reference =
        steady.render (onset + 4800, { { onset, EngineHarness::on (0) } }, devicePace (steady));

    // +2 → +5 and at once a hit: the new prime is still being made (the session's snapshot has none).
    EngineHarness changed (rate, 128);
    changed.addPad (changed.load (file), keyLocked (2));
    changed.publish();
    changed.render (1280, {}, devicePace (changed));
    changed.pads[0].second.semitones = 5;
    changed.makePrimes = false;
    changed.publish();
    const auto heard =
        changed.render (onset + 4800, { { onset, EngineHarness::on (0) } }, devicePace (changed));

    for (int c = 0; c < 2; ++c)
    {
        const auto* x = heard.getReadPointer (c);
        const auto* ref = reference.getReadPointer (c);
        const int first = test::firstAbove (x, 0, heard.getNumSamples(), 1.0e-3f);
        EXPECT_GE (first, (int) onset) << "channel " << c;
        EXPECT_LE (first, (int) onset + 2) << "the attack on the hit's sample, channel " << c;
        EXPECT_NEAR (test::rmsDb (x, (int) onset, (int) onset + 960),
                     test::rmsDb (ref, (int) onset, (int) onset + 960), 1.0)
            << "the first 20 ms as loud as a hit with no change before it, channel " << c;
        EXPECT_NEAR (test::frequencyByZeroCrossings (x, (int) onset + 2400, (int) onset + 4800, rate),
                     test::frequencyByZeroCrossings (ref, (int) onset + 2400, (int) onset + 4800, rate),
                     400.0 * 0.01)
            << "at the new pitch";
    }
}

TEST (RenderedStretch, ASyncedLoopOnItsRenderRepeatsAtExactlyItsLengthWithNoClickAtTheSeam)
{
    // A 1-bar loop made at 100 BPM (115,200 frames) under a 120 BPM master, keylocked: its render is
    // the bar at 120 BPM, 96,000 frames, made seamlessly loopable, and a plain voice plays it.
    EngineHarness h (rate, 128);
    h.tempoBpm = 120.0;
    PadSettings s = keyLocked (2);
    s.playMode = PlayMode::loop;
    s.bpm = 100.0;
    s.sync = true;
    s.quantize = (int) Quantize::off;
    h.addPad (h.load (test::writeWav (h.temp / "loop100.wav", rate, 2, 115200, music())), s);
    const auto stretch = test::renderStretch (h, 0);
    ASSERT_NE (stretch, nullptr);
    EXPECT_EQ (stretch->layout.loopEnd - stretch->layout.loopStart, 96000);
    test::setRender (h, 0, stretch);
    h.publish();

    const auto out = h.render (96000 * 4, { { 0, EngineHarness::on (0) } });
    ASSERT_TRUE (h.padEngine().findVoice (0)->isOnRenderedStretch());
    EXPECT_EQ (h.engine.getMeters().keyLockFallbacks.load(), 0);

    for (int c = 0; c < 2; ++c)
    {
        const auto* x = out.getReadPointer (c);
        // Every bar is the one before, frame for frame: the loop repeats at exactly its length.
        float worst = 0.0f;
        for (int i = 96000; i < 96000 * 3; ++i)
            worst = juce::jmax (worst, std::abs (x[i + 96000] - x[i]));
        EXPECT_LT (worst, 1.0e-5f) << "channel " << c;

        // No click at the seam: no step there beyond the signal's own.
        const auto ownStep = test::maxStep (x, 96000 + 2000, 2 * 96000 - 2000);
        for (int bar = 1; bar < 4; ++bar)
            EXPECT_LE (test::maxStep (x, bar * 96000 - 256, bar * 96000 + 256), ownStep * 1.1f)
                << "channel " << c << " seam " << bar;
    }
}

} // namespace paddeck
