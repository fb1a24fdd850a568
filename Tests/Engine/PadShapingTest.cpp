#include "Engine/StretchHarness.h"

namespace paddeck
{
using test::EngineHarness;

namespace
{
constexpr double rate = 48000.0;
constexpr juce::int64 onset = 300; // the hit's sample in the render

/** A rising ramp, never zero and below the master's clip guard: which frame plays where shows at every
    output frame. */
float ramp (juce::int64 i) { return 0.1f + 0.6f * (float) i / 48000.0f; }

enum class Storage
{
    ram,
    streamed
};

const char* nameOf (Storage s) { return s == Storage::ram ? "RAM" : "streamed"; }

/** A pad on a generated file, in RAM or streamed (loaded with the pad's own region, as the session
    loads it, so a reversed stream keeps the frames before its end point in RAM). */
struct ShapingHarness : EngineHarness
{
    ShapingHarness()
        : EngineHarness (rate, 128)
    {
    }

    int pad (const juce::File& file, Storage storage, const PadSettings& s)
    {
        return addPad (
            load (file, storage == Storage::ram ? 32 * 1024 * 1024 : 0, SnapshotCompiler::regionOf (s)), s);
    }

    juce::AudioBuffer<float> hit (int p, juce::int64 frames, std::function<void (juce::int64)> pace = {})
    {
        publish();
        return render (frames, { { onset, on (p) } }, std::move (pace));
    }

    int voicesOf (int p) { return engine.getMeters().padVoices[(size_t) p].load(); }
};

/** Render frames of a one-shot that plays `frames` frames from the hit, frame k of them being
    expected (k) × the seam's fade into the end (2 ms), and silence from then on, exactly. */
void expectOneShot (const juce::AudioBuffer<float>& out, juce::int64 frames,
                    const std::function<float (juce::int64)>& expected, int endFade)
{
    for (int ch = 0; ch < 2; ++ch)
    {
        const auto* x = out.getReadPointer (ch);
        for (int i = 0; i < onset; ++i)
            ASSERT_EQ (x[i], 0.0f) << "before the hit, frame " << i;
        for (juce::int64 k = 0; k < frames; ++k)
        {
            const auto g = k < frames - endFade ? 1.0f : (float) (frames - k) / (float) (endFade + 1);
            ASSERT_NEAR (x[onset + k], expected (k) * g, 1.0e-6f)
                << "frame " << k << " of the hit, channel " << ch;
        }
        for (auto i = (int) (onset + frames); i < out.getNumSamples(); ++i)
            ASSERT_EQ (x[i], 0.0f) << "after the end, frame " << i - onset << " of the hit";
    }
}

juce::File rampFile (const test::TempFolder& temp)
{
    return test::writeWav (temp / "ramp.wav", rate, 1, 48000, [] (juce::int64 i, int) { return ramp (i); });
}

// KeyLock voices are rendered ahead by worker threads: those tests render at device pace.
auto devicePace (const EngineHarness& h)
{
    return [&h] (juce::int64)
    { juce::Thread::sleep (juce::roundToInt (1000.0 * h.blockSize / h.sampleRate)); };
}

constexpr int seamFade = 96; // LoopFadeSource::seamFadeSeconds at 48 kHz

/** The sine's own biggest sample-to-sample step at hz, with a little room for gain ramps. */
float clickThreshold (double hz) { return 0.5f * 2.0f * 3.14159265f * (float) hz / 48000.0f * 1.1f; }
} // namespace

TEST (ShapedPads, TheEndPointStopsAOneShotOnItsExactFrame)
{
    for (const auto storage : { Storage::ram, Storage::streamed })
    {
        SCOPED_TRACE (nameOf (storage));
        ShapingHarness h;
        PadSettings s;
        s.startFrame = 1000;
        s.endFrame = 10000;
        const int p = h.pad (rampFile (h.temp), storage, s);
        const auto out = h.hit (p, 20000);
        expectOneShot (
            out, 9000, [] (juce::int64 k) { return ramp (1000 + k); }, seamFade);
        EXPECT_EQ (h.voicesOf (p), 0) << "the voice ended on its end point";
    }
}

TEST (ShapedPads, AReversedRampPlaysBackwardsExactlyFromTheFrameBeforeItsEndToItsStart)
{
    for (const auto storage : { Storage::ram, Storage::streamed })
        for (const juce::int64 end : { (juce::int64) -1, (juce::int64) 30000 })
        {
            SCOPED_TRACE (juce::String (nameOf (storage)) + " end " + juce::String (end));
            ShapingHarness h;
            PadSettings s;
            s.startFrame = 1000;
            s.endFrame = end;
            s.reverse = true;
            const int p = h.pad (rampFile (h.temp), storage, s);
            const auto top = end < 0 ? 48000 : end;
            const auto out = h.hit (p, 50000);
            expectOneShot (
                out, top - 1000, [top] (juce::int64 k) { return ramp (top - 1 - k); }, seamFade);
            EXPECT_EQ (h.voicesOf (p), 0);
        }
}

TEST (ShapedPads, AFadeInShapesEachHitAndAFadeOutEndsExactlyOnTheEndPoint)
{
    // A constant signal: what plays is the envelope itself.
    for (const auto storage : { Storage::ram, Storage::streamed })
        for (const bool reverse : { false, true })
        {
            SCOPED_TRACE (juce::String (nameOf (storage)) + (reverse ? " reversed" : ""));
            ShapingHarness h;
            const auto file =
                test::writeWav (h.temp / "dc.wav", rate, 2, 48000, [] (juce::int64, int) { return 0.5f; });
            PadSettings s;
            s.startFrame = 2400;
            s.endFrame = 24000;
            s.reverse = reverse;
            s.fadeInMs = 10.0f;  // 480 frames
            s.fadeOutMs = 20.0f; // 960 frames
            const int p = h.pad (file, storage, s);

            for (int hit = 0; hit < 2; ++hit) // each hit fades in again
            {
                SCOPED_TRACE ("hit " + juce::String (hit + 1));
                const auto out = h.hit (p, 24000);
                expectOneShot (
                    out, 21600,
                    [] (juce::int64 k) { return 0.5f * (k < 480 ? (float) (k + 1) / 481.0f : 1.0f); }, 960);
                EXPECT_LE (test::maxStep (out.getReadPointer (0), 0, 24000), 0.5f / 480.0f);
            }
        }
}

TEST (ShapedPads, ReversedAndTrimmedMidCycleWithShortFadesNeverClickInEitherPitchMode)
{
    // The start and end points cut a 440 Hz sine mid-cycle: without the fades each would be a step
    // of up to its full level. With them, no step is bigger than the sine's own.
    for (const auto mode : { PitchMode::varispeed, PitchMode::keyLock })
        for (const auto storage : { Storage::ram, Storage::streamed })
            for (const bool reverse : { false, true })
            {
                SCOPED_TRACE (juce::String (mode == PitchMode::keyLock ? "KeyLock " : "Varispeed ")
                              + nameOf (storage) + (reverse ? " reversed" : ""));
                ShapingHarness h;
                const auto file =
                    test::writeWav (h.temp / "sine.wav", rate, 1, 48000, test::sine (440.0, rate));
                PadSettings s;
                s.pitchMode = mode;
                s.semitones = 7;
                s.startFrame = 1037;
                s.endFrame = 30011;
                s.reverse = reverse;
                s.fadeInMs = 5.0f;
                s.fadeOutMs = 5.0f;
                const int p = h.pad (file, storage, s);
                const auto out =
                    h.hit (p, 48000,
                           mode == PitchMode::keyLock ? std::function<void (juce::int64)> (devicePace (h))
                                                      : nullptr);
                const auto pitched = 440.0 * std::pow (2.0, 7.0 / 12.0);
                // Rubber Band's output is not the sine to the sample: a little more room.
                const auto threshold = clickThreshold (pitched) * (mode == PitchMode::keyLock ? 1.3f : 1.0f);
                EXPECT_LE (test::maxStep (out.getReadPointer (0), 0, 48000), threshold);
                EXPECT_GT (test::rmsDb (out.getReadPointer (0), (int) onset + 4800, (int) onset + 9600),
                           -12.0);

                // Varispeed at +7: the 28974 frames play in 28974 / 1.498 output frames, to the frame.
                const auto played = 28974.0 / std::pow (2.0, 7.0 / 12.0);
                int last = 0;
                for (int i = 0; i < out.getNumSamples(); ++i)
                    if (out.getSample (0, i) != 0.0f)
                        last = i;
                if (mode == PitchMode::varispeed)
                    EXPECT_NEAR (last - onset, played, 2.0);
                else // KeyLock keeps the tempo: the region's own length, within Rubber Band's smear
                    EXPECT_NEAR (last - onset, 28974, 600);
            }
}

TEST (ShapedPads, AReversedKeyLockedPadPlaysItsSecondHalfFirstAtItsPitch)
{
    // 440 Hz, then 880 Hz: reversed, the 880 comes first; at +12 KeyLock, 1760 then 880, a second long.
    for (const auto storage : { Storage::ram, Storage::streamed })
    {
        SCOPED_TRACE (nameOf (storage));
        ShapingHarness h;
        const auto file = test::writeWav (
            h.temp / "two.wav", rate, 1, 48000,
            [] (juce::int64 i, int)
            {
                const auto hz = i < 24000 ? 440.0 : 880.0;
                return 0.5f * (float) std::sin (juce::MathConstants<double>::twoPi * hz * (double) i / rate);
            });
        PadSettings s;
        s.pitchMode = PitchMode::keyLock;
        s.semitones = 12;
        s.reverse = true;
        const int p = h.pad (file, storage, s);
        const auto out = h.hit (p, 60000, devicePace (h));
        const auto* x = out.getReadPointer (0);

        const int first = test::firstAbove (x, 0, out.getNumSamples(), 1.0e-5f);
        EXPECT_GE (first, (int) onset);
        EXPECT_LE (first, (int) onset + 2) << "a reversed KeyLock hit sounds on its sample";
        EXPECT_NEAR (test::frequencyByZeroCrossings (x, (int) onset + 4800, (int) onset + 19200, rate),
                     1760.0, 17.6);
        EXPECT_NEAR (test::frequencyByZeroCrossings (x, (int) onset + 28800, (int) onset + 43200, rate),
                     880.0, 8.8);
        EXPECT_EQ (h.engine.getKeyLockPool().getTotalUnderruns(), 0);
    }
}

TEST (ShapedPads, AVarispeedReversedRampPitchedAnOctaveUpPlaysBackwardsTwiceAsFast)
{
    for (const auto storage : { Storage::ram, Storage::streamed })
    {
        SCOPED_TRACE (nameOf (storage));
        ShapingHarness h;
        PadSettings s;
        s.semitones = 12;
        s.startFrame = 4000;
        s.endFrame = 28000;
        s.reverse = true;
        const int p = h.pad (rampFile (h.temp), storage, s);
        const auto out = h.hit (p, 20000);
        const auto* x = out.getReadPointer (0);
        // Two source frames per output frame, from frame 27999 down: the ramp's value, to the
        // interpolator's precision, away from the edges.
        for (juce::int64 k = 200; k < 11800; k += 97)
            ASSERT_NEAR (x[onset + k], ramp (27999 - 2 * k), 1.0e-3f) << "frame " << k;
        EXPECT_EQ (test::firstAbove (x, (int) onset + 12002, out.getNumSamples(), 0.0f), -1)
            << "ended after its 24000 frames: 12000 output frames";
        EXPECT_NE (x[onset + 11990], 0.0f);
    }
}

TEST (ShapedPads, AReversedLoopRepeatsItsRegionBackwardsWithoutClicks)
{
    for (const auto storage : { Storage::ram, Storage::streamed })
    {
        SCOPED_TRACE (nameOf (storage));
        ShapingHarness h;
        PadSettings s;
        s.playMode = PlayMode::loop;
        s.loopStart = 5000;
        s.loopEnd = 15000;
        s.endFrame = 20000;
        s.reverse = true;
        const int p = h.pad (rampFile (h.temp), storage, s);
        const auto out = h.hit (p, 40000);
        const auto* x = out.getReadPointer (0);
        // From the end point down to the loop start, then 14999 down to 5000, again and again.
        const auto expected = [] (juce::int64 k)
        { return k < 15000 ? ramp (19999 - k) : ramp (14999 - (k - 15000) % 10000); };
        for (const juce::int64 k : { 0, 1, 5000, 14000, 15000 + 200, 15000 + 5000, 25000 + 300, 35000 + 100 })
            EXPECT_NEAR (x[onset + k], expected (k), 1.0e-6f) << "frame " << k;
        // The wrap from the loop start back to its end is a jump of 0.17: faded, no step above the seam's.
        EXPECT_LE (test::maxStep (x, (int) onset + 1, 40000), 0.9f / (seamFade + 1) + 1.0e-4f);
        EXPECT_EQ (h.voicesOf (p), 1);
    }
}

TEST (ShapedPads, AReversedSyncedLoopLaunchedLateInPhaseIsWhereItWouldBeHadItStartedOnTheBar)
{
    // A one-bar loop at the master's 240 BPM, reversed: launched 1.25 beats into a bar, in phase, it
    // joins the bar where a launch on the bar has got to, backwards, and stays on the clock. (A bar
    // is a second: a stream holds it all in RAM, so the test needs no pacing; reading backwards
    // from disk is StreamingReader's test.)
    const auto renderFrom = [] (juce::int64 hit, bool inPhase, Storage storage)
    {
        ShapingHarness h;
        h.tempoBpm = 240.0;
        const auto file = test::writeWav (h.temp / "loop240.wav", rate, 1, 48000,
                                          [] (juce::int64 i, int) {
                                              return 0.3f * (float) std::sin (0.0917 * (double) i)
                                                     + 0.2f * (float) std::sin (2.7e-4 * (double) i);
                                          });
        PadSettings s;
        s.playMode = PlayMode::loop;
        s.quantize = (int) Quantize::off;
        s.bpm = 240.0;
        s.sync = true;
        s.inPhase = inPhase;
        s.reverse = true;
        const int p = h.pad (file, storage, s);
        h.publish();
        auto out = h.render (96000 * 2, { { hit, EngineHarness::on (p) } });
        const auto* voice = h.padEngine().findVoice (p);
        EXPECT_NE (voice, nullptr);
        if (voice != nullptr)
        {
            EXPECT_NEAR (voice->getSyncError (h.padEngine().getClock(), h.padEngine().getNextBlockSample()),
                         0.0, 1.0e-6);
        }
        return out;
    };

    for (const auto storage : { Storage::ram, Storage::streamed })
    {
        SCOPED_TRACE (nameOf (storage));
        const auto onTheBar = renderFrom (48000, false, storage);
        // On the bar, a reversed loop starts from its last frame.
        EXPECT_NEAR (onTheBar.getSample (0, 48000 + 500),
                     0.3f * (float) std::sin (0.0917 * 47499.0) + 0.2f * (float) std::sin (2.7e-4 * 47499.0),
                     1.0e-4f);
        const auto late = renderFrom (48000 + 15000, true, storage);
        float worst = 0.0f;
        for (int i = 48000 + 15000 + 200; i < 96000 * 2; ++i)
            worst = juce::jmax (worst, std::abs (late.getSample (0, i) - onTheBar.getSample (0, i)));
        EXPECT_LT (worst, 1.0e-4f);
    }
}

TEST (ShapedPads, AShapedKeyLockPadNeverPlaysTheRenderOfItsWholeFile)
{
    EngineHarness h (rate, 128);
    const auto file =
        test::writeWav (h.temp / "tone.wav", rate, 2, (juce::int64) (2 * rate), test::sine (300.0, rate));
    PadSettings s;
    s.pitchMode = PitchMode::keyLock;
    s.semitones = 3;
    h.addPad (h.load (file), s);
    test::setRender (h, 0, test::renderStretch (h, 0));
    ASSERT_NE (h.renders[0], nullptr);

    h.publish();
    h.render (2048, { { 0, EngineHarness::on (0) } }, devicePace (h));
    ASSERT_TRUE (h.padEngine().findVoice (0)->isOnRenderedStretch()) << "unshaped, the render fits";
    h.render (1024, { { 0, juce::MidiMessage::allNotesOff (1) } }, devicePace (h));

    // Reversed, faded, or stopped early by an end point, the pad is no longer what was rendered.
    const std::vector<std::function<void (PadSettings&)>> shapes = {
        [] (PadSettings& p) { p.reverse = true; }, [] (PadSettings& p) { p.fadeInMs = 3.0f; },
        [] (PadSettings& p) { p.endFrame = 50000; }
    };
    for (const auto& shape : shapes)
    {
        auto shaped = s;
        shape (shaped);
        EXPECT_TRUE (shaped.isShaped());
        EXPECT_FALSE (StretchRequest::forPad (shaped, *h.pads[0].first, rate, h.tempoBpm, 0).has_value())
            << "no render is asked for a shaped pad";
        h.pads[0].second = shaped;
        h.publish(); // still carrying the old render, as a pad keeps its last one
        h.render (2048, { { 0, EngineHarness::on (0) } }, devicePace (h));
        ASSERT_NE (h.padEngine().findVoice (0), nullptr);
        EXPECT_FALSE (h.padEngine().findVoice (0)->isOnRenderedStretch());
        h.render (1024, { { 0, juce::MidiMessage::allNotesOff (1) } }, devicePace (h));
    }
}

} // namespace paddeck
