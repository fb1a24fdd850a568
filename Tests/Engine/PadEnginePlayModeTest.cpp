#include "Engine/EngineHarness.h"

namespace paddeck
{
using test::EngineHarness;

/** A 440 Hz sine pad (1 s) per play mode; the sine's own largest step is the click threshold. */
struct PlayModeHarness : EngineHarness
{
    PlayModeHarness()
    {
        sine = load (test::writeWav (temp / "sine.wav", 48000.0, 1, 48000, test::sine (440.0, 48000.0)));
    }

    int pad (PlayMode mode, int choke = 0, PadSettings s = {})
    {
        s.playMode = mode;
        s.chokeGroup = choke;
        return addPad (sine, s);
    }

    int voicesOf (int p) { return engine.getMeters().padVoices[(size_t) p].load(); }

    // The sine's own biggest sample-to-sample step, with a little room for gain ramps.
    static constexpr float clickThreshold = 0.5f * 2.0f * 3.14159265f * 440.0f / 48000.0f * 1.1f;

    Sample::Ptr sine;
};

TEST (PlayModes, OneShotPlaysToTheEndAndLayersOnRepeatedHits)
{
    PlayModeHarness h;
    const int p = h.pad (PlayMode::oneShot);
    h.publish();

    h.render (
        4800,
        { { 0, EngineHarness::on (p) }, { 2400, EngineHarness::on (p) }, { 3000, EngineHarness::off (p) } });
    EXPECT_EQ (h.voicesOf (p), 2); // note-off does not stop a one-shot

    const auto tail = h.render (48000);
    EXPECT_EQ (h.voicesOf (p), 0);
    EXPECT_EQ (test::firstAbove (tail.getReadPointer (0), 46000, 48000, 1.0e-6f), -1); // ended: silence
}

TEST (PlayModes, GateSoundsWhileHeldAndStopsWithAFadeNotAClick)
{
    PlayModeHarness h;
    const int p = h.pad (PlayMode::gate);
    h.publish();

    const auto out = h.render (9600, { { 100, EngineHarness::on (p) }, { 4000, EngineHarness::off (p) } });
    const auto* x = out.getReadPointer (0);
    EXPECT_GT (std::abs (x[3990]) + std::abs (x[3980]), 0.0f);
    EXPECT_EQ (test::firstAbove (x, 4000 + 48 * 6, 9600, 1.0e-6f), -1) << "silent within 6 ms of the release";
    EXPECT_LE (test::maxStep (x, 0, 9600), PlayModeHarness::clickThreshold);
}

TEST (PlayModes, ToggleStartsAndTheNextHitStops)
{
    PlayModeHarness h;
    const int p = h.pad (PlayMode::toggle);
    h.publish();

    h.render (2000, { { 0, EngineHarness::on (p) }, { 500, EngineHarness::off (p) } });
    EXPECT_EQ (h.voicesOf (p), 1);
    const auto out = h.render (4800, { { 0, EngineHarness::on (p) } });
    EXPECT_EQ (h.voicesOf (p), 0);
    EXPECT_LE (test::maxStep (out.getReadPointer (0), 0, 4800), PlayModeHarness::clickThreshold);
}

TEST (PlayModes, LoopModeLoopsPastTheEndWithoutClicksUntilHitAgain)
{
    PlayModeHarness h;
    PadSettings s;
    s.loopEnd = 48000 - 37; // the wrap lands mid-cycle: without its fade it would click
    const int p = h.pad (PlayMode::loop, 0, s);
    h.publish();

    const auto out = h.render (48000 * 3, { { 0, EngineHarness::on (p) } });
    EXPECT_EQ (h.voicesOf (p), 1);
    const auto* x = out.getReadPointer (0);
    EXPECT_GT (test::rmsDb (x, 48000 * 2, 48000 * 3), -10.0);
    EXPECT_LE (test::maxStep (x, 0, out.getNumSamples()), PlayModeHarness::clickThreshold);

    h.render (4800, { { 0, EngineHarness::on (p) } });
    EXPECT_EQ (h.voicesOf (p), 0);
}

TEST (PlayModes, GateLoopLoopsWhileHeldAndStopsWhenLetGo)
{
    PlayModeHarness h;
    const int p = h.pad (PlayMode::gateLoop);
    h.publish();

    // Held for 2.5 s: well past the 1 s sample's end, it still sounds.
    const auto held = h.render (48000 * 5 / 2, { { 0, EngineHarness::on (p) } });
    EXPECT_EQ (h.voicesOf (p), 1);
    EXPECT_GT (test::rmsDb (held.getReadPointer (0), 48000 * 2, 48000 * 5 / 2), -10.0);

    const auto out = h.render (9600, { { 100, EngineHarness::off (p) } });
    EXPECT_EQ (h.voicesOf (p), 0);
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 100 + 48 * 6, 9600, 1.0e-6f), -1)
        << "silent within 6 ms of the release";
    EXPECT_LE (test::maxStep (out.getReadPointer (0), 0, 9600), PlayModeHarness::clickThreshold);
}

// The trap this closes: "One-shot" with "Loop" ticked gave every hit another endless voice that
// only STOP ALL could end. Whatever the mode and however the pad is hit, its own hits and releases
// end what it plays, and it never holds more than one looping voice.
TEST (PlayModes, NoModeLeavesAVoiceItsOwnPadCannotStop)
{
    for (const auto mode : { PlayMode::oneShot, PlayMode::loop, PlayMode::gate, PlayMode::toggle,
                             PlayMode::retrigger, PlayMode::gateLoop })
        for (int hits = 1; hits <= 4; ++hits)
        {
            SCOPED_TRACE (toString (mode) + ", " + juce::String (hits) + " hits");
            PlayModeHarness h;
            const int p = h.pad (mode);
            h.publish();

            // Quick taps (each held 0.05 s), 0.1 s apart, as a performer drums on a pad.
            int mostVoices = 0;
            for (int i = 0; i < hits; ++i)
            {
                h.render (2400, { { 0, EngineHarness::on (p) } });
                mostVoices = juce::jmax (mostVoices, h.voicesOf (p));
                h.render (2400, { { 0, EngineHarness::off (p) } });
            }
            PadSettings settings;
            settings.playMode = mode;
            if (settings.shouldLoop())
            {
                EXPECT_LE (mostVoices, 1) << "a looping pad holds one voice";
            }

            h.render (48000 * 2); // past the 1 s sample's end
            if (h.voicesOf (p) > 0)
            {
                EXPECT_EQ (mode, PlayMode::loop) << "only a loop still plays, and its next hit stops it";
                EXPECT_EQ (hits % 2, 1);
                h.render (4800, { { 0, EngineHarness::on (p) }, { 1200, EngineHarness::off (p) } });
            }
            EXPECT_EQ (h.voicesOf (p), 0);
            EXPECT_EQ (h.engine.getMeters().activeVoices.load(), 0);
        }
}

TEST (PlayModes, RetriggerRestartsFromTheTopAndFadesTheOldHit)
{
    PlayModeHarness h;
    const int p = h.pad (PlayMode::retrigger);
    h.publish();

    const auto out = h.render (9600, { { 0, EngineHarness::on (p) }, { 1001, EngineHarness::on (p) } });
    EXPECT_EQ (h.voicesOf (p), 1); // the old hit has faded out
    // After the fade, the output is the sample again from frame 0, started at 1001.
    const auto* x = out.getReadPointer (0);
    for (int i = 1001 + 480; i < 1001 + 600; ++i)
        EXPECT_NEAR (x[i], 0.5f * std::sin (2.0 * 3.14159265358979 * 440.0 * (i - 1001) / 48000.0), 1.0e-4);
}

TEST (PlayModes, AChokeGroupSilencesTheOthersInItsGroupOnly)
{
    PlayModeHarness h;
    const int open = h.pad (PlayMode::oneShot, 1);
    const int closed = h.pad (PlayMode::oneShot, 1);
    const int other = h.pad (PlayMode::oneShot, 2);
    h.publish();

    h.render (2400, { { 0, EngineHarness::on (open) }, { 0, EngineHarness::on (other) } });
    const auto out = h.render (2400, { { 100, EngineHarness::on (closed) } });
    EXPECT_EQ (h.voicesOf (open), 0);
    EXPECT_EQ (h.voicesOf (closed), 1);
    EXPECT_EQ (h.voicesOf (other), 1);
    // Both sines start in phase at 0, so any click would show as a step beyond two sines' own.
    EXPECT_LE (test::maxStep (out.getReadPointer (0), 0, 2400), 3.0f * PlayModeHarness::clickThreshold);
}

TEST (PlayModes, StopAllFadesEverythingOut)
{
    PlayModeHarness h;
    for (int i = 0; i < 8; ++i)
        h.pad (PlayMode::loop);
    h.publish();

    std::vector<std::pair<juce::int64, juce::MidiMessage>> hits;
    for (int i = 0; i < 8; ++i)
        hits.push_back ({ i * 10, EngineHarness::on (i) });
    h.render (2400, hits);
    EXPECT_EQ (h.engine.getMeters().activeVoices.load(), 8);

    h.engine.send (EngineCommand::stopEverything());
    const auto out = h.render (4800);
    EXPECT_EQ (h.engine.getMeters().activeVoices.load(), 0);
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 480, 4800, 1.0e-6f), -1);
}

TEST (PlayModes, VelocitySensitivityScalesTheLevelOnlyWhenOn)
{
    PlayModeHarness h;
    PadSettings fixed;
    fixed.velocitySensitive = false;
    const int sensitive = h.pad (PlayMode::oneShot);
    const int flat = h.pad (PlayMode::oneShot, 0, fixed);
    h.publish();

    auto peak = [&] (int p)
    {
        const auto out = h.render (4800, { { 0, EngineHarness::on (p, 0.5f) } });
        h.render (48000);
        return out.getMagnitude (0, 0, 4800);
    };
    EXPECT_NEAR (peak (sensitive), 0.5f * (64.0f / 127.0f), 0.01f);
    EXPECT_NEAR (peak (flat), 0.5f, 0.01f);
}

TEST (PadEngine, StealsTheOldestQuietestVoiceWhenThePoolIsFull)
{
    test::EngineHarness h (48000.0, 128, 4);
    const auto s = h.load (test::writeWav (h.temp / "s.wav", 48000.0, 1, 96000, test::sine (220.0, 48000.0)));
    for (int i = 0; i < 6; ++i)
        h.addPad (s);
    h.publish();

    std::vector<std::pair<juce::int64, juce::MidiMessage>> hits;
    for (int i = 0; i < 6; ++i)
        hits.push_back ({ i * 256, EngineHarness::on (i) });
    const auto out = h.render (4800, hits);
    EXPECT_EQ (h.engine.getMeters().activeVoices.load(), 4);
    EXPECT_EQ (h.engine.getMeters().voicesStolen.load(), 2);
    EXPECT_EQ (h.engine.getMeters().padVoices[0].load(), 0); // the oldest went first
    EXPECT_EQ (h.engine.getMeters().padVoices[5].load(), 1);
}

} // namespace paddeck
