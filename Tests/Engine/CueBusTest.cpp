#include "Engine/EngineHarness.h"

#include <cstring>

namespace paddeck
{

using test::EngineHarness;

namespace
{
auto constant (float v)
{
    return [v] (juce::int64, int) { return v; };
}

constexpr int cueOut = 4; // channels of a device with outputs 3/4
constexpr int cueLeft = 2, cueRight = 3;

/** A pad holding a constant, so levels can be read as numbers. */
int addConstantPad (EngineHarness& h, const juce::String& name, float level, bool cued,
                    PlayMode mode = PlayMode::loop)
{
    PadSettings settings;
    settings.cue = cued;
    settings.playMode = mode;
    return h.addPad (h.load (test::writeWav (h.temp / name, 48000.0, 1, 48000, constant (level))), settings);
}

float at (const juce::AudioBuffer<float>& b, int channel, int frame) { return b.getSample (channel, frame); }

bool silent (const juce::AudioBuffer<float>& b, int channel)
{
    return b.getMagnitude (channel, 0, b.getNumSamples()) == 0.0f;
}

/** Voices in banks rendered by a worker as well as the audio thread, whatever priority it gets. */
VoiceMixer::Threads sharedThreads()
{
    VoiceMixer::Threads threads;
    threads.workers = 1;
    threads.requireRealtime = false;
    threads.joinDeadline = 50.0;
    return threads;
}
} // namespace

TEST (CueBus, ACuedPadIsHeardOnTheCueAndAnUncuedOneIsNot)
{
    EngineHarness h;
    const int cued = addConstantPad (h, "cued.wav", 0.1f, true);
    const int uncued = addConstantPad (h, "uncued.wav", 0.2f, false);
    h.publish();

    const auto out =
        h.render (1024, { { 0, EngineHarness::on (cued) }, { 0, EngineHarness::on (uncued) } }, {}, cueOut);
    // The master has both; the cue only the cued pad.
    EXPECT_NEAR (at (out, 0, 512), 0.3f, 1.0e-6f);
    EXPECT_NEAR (at (out, 1, 512), 0.3f, 1.0e-6f);
    EXPECT_NEAR (at (out, cueLeft, 512), 0.1f, 1.0e-6f);
    EXPECT_NEAR (at (out, cueRight, 512), 0.1f, 1.0e-6f);
    EXPECT_TRUE (h.engine.getMeters().cueLive.load());
}

TEST (CueBus, CuedVoicesAreRoutedTheSameWhenTheWorkersShareTheBanks)
{
    // Twelve pads: two banks of voices, so a worker renders one of them into its own buffers.
    EngineHarness h (48000.0, 128, 128, sharedThreads());
    std::vector<std::pair<juce::int64, juce::MidiMessage>> hits;
    for (int p = 0; p < 12; ++p)
    {
        addConstantPad (h, "p" + juce::String (p) + ".wav", 0.01f * (float) (p + 1), p % 3 == 0);
        hits.push_back ({ 0, EngineHarness::on (p) });
    }
    h.publish();

    const auto out = h.render (1024, hits, {}, cueOut);
    EXPECT_NEAR (at (out, 0, 512), 0.78f, 1.0e-5f);                          // 0.01 × (1 + … + 12)
    EXPECT_NEAR (at (out, cueLeft, 512), 0.01f * (1 + 4 + 7 + 10), 1.0e-5f); // pads 0, 3, 6, 9
}

TEST (CueBus, APreviewIsInTheCueOnlyAndLeavesTheMasterAlone)
{
    EngineHarness h;
    const int loop = addConstantPad (h, "loop.wav", 0.2f, false);
    const int other = addConstantPad (h, "other.wav", 0.05f, false, PlayMode::oneShot);
    h.publish();

    h.render (256, { { 0, EngineHarness::on (loop) } }, {}, cueOut);
    // Previewing the looping pad that plays in the master: the master goes on, unstopped.
    h.engine.send (EngineCommand::preview (loop, 1.0f));
    h.engine.send (EngineCommand::preview (other, 1.0f));
    auto out = h.render (1024, {}, {}, cueOut);
    EXPECT_NEAR (at (out, 0, 512), 0.2f, 1.0e-6f);
    EXPECT_NEAR (at (out, cueLeft, 512), 0.25f, 1.0e-6f);

    // A second preview hit on a loop stops its preview only.
    h.engine.send (EngineCommand::preview (loop, 1.0f));
    h.render (1024, {}, {}, cueOut);
    out = h.render (1024, {}, {}, cueOut);
    EXPECT_NEAR (at (out, 0, 512), 0.2f, 1.0e-6f);
    EXPECT_NEAR (at (out, cueLeft, 512), 0.05f, 1.0e-6f);
}

TEST (CueBus, APreviewWithoutACueBusPlaysNowhere)
{
    EngineHarness h;
    const int pad = addConstantPad (h, "pad.wav", 0.2f, false);
    h.publish();
    h.engine.send (EngineCommand::preview (pad, 1.0f));
    const auto out = h.render (1024); // two channels: a 2-output device
    EXPECT_TRUE (silent (out, 0));
    EXPECT_TRUE (silent (out, 1));
    EXPECT_FALSE (h.engine.getMeters().cueLive.load());
    EXPECT_EQ (h.padEngine().findVoice (pad), nullptr);
}

TEST (CueBus, TheBlendAndLevelMixCueAndMasterAsSet)
{
    EngineHarness h;
    const int cued = addConstantPad (h, "cued.wav", 0.1f, true);
    const int uncued = addConstantPad (h, "uncued.wav", 0.2f, false);
    h.publish();
    h.render (256, { { 0, EngineHarness::on (cued) }, { 0, EngineHarness::on (uncued) } }, {}, cueOut);

    struct Case
    {
        float blend, gainDb, expected;
    };
    // cue mix 0.1, master 0.3: level × ((1 − blend) × 0.1 + blend × 0.3)
    for (const auto c : { Case{ 0.0f, 0.0f, 0.1f }, Case{ 1.0f, 0.0f, 0.3f }, Case{ 0.5f, 0.0f, 0.2f },
                          Case{ 0.25f, -6.0f, 0.15f * juce::Decibels::decibelsToGain (-6.0f) },
                          Case{ 0.5f, -100.0f, 0.0f } })
    {
        h.cueBlend = c.blend;
        h.cueGain = c.gainDb <= -100.0f ? 0.0f : juce::Decibels::decibelsToGain (c.gainDb);
        h.publish();
        h.render (256, {}, {}, cueOut); // the ramp to the new setting
        const auto out = h.render (256, {}, {}, cueOut);
        EXPECT_NEAR (at (out, cueLeft, 100), c.expected, 1.0e-6f)
            << "blend " << c.blend << ", " << c.gainDb << " dB";
        EXPECT_NEAR (at (out, cueRight, 200), c.expected, 1.0e-6f);
        EXPECT_NEAR (at (out, 0, 100), 0.3f, 1.0e-6f) << "the master is untouched";
    }
    EXPECT_GT (EngineMeters::takePeak (h.engine.getMeters().cuePeakLeft), 0.0f);
}

TEST (CueBus, TheBlendRampsWithoutAStep)
{
    EngineHarness h;
    const int cued = addConstantPad (h, "cued.wav", 0.1f, true);
    const int uncued = addConstantPad (h, "uncued.wav", 0.4f, false);
    h.publish();
    h.render (256, { { 0, EngineHarness::on (cued) }, { 0, EngineHarness::on (uncued) } }, {}, cueOut);
    h.cueBlend = 1.0f;
    h.publish();
    const auto out = h.render (256, {}, {}, cueOut);
    // From 0.1 to 0.5 across the first block (128 frames): no step larger than the ramp's.
    EXPECT_LT (test::maxStep (out.getReadPointer (cueLeft), 1, 256), 0.4f / (float) h.blockSize * 1.01f);
    EXPECT_NEAR (at (out, cueLeft, 0), 0.1f + 0.4f / (float) h.blockSize, 1.0e-6f);
    EXPECT_NEAR (at (out, cueLeft, h.blockSize - 1), 0.5f, 1.0e-6f);
}

TEST (CueBus, TheMetronomeClicksInTheCueWhenAsked)
{
    EngineHarness h;
    h.metronome = true;
    h.publish();
    auto out = h.render (48000, {}, {}, cueOut); // two beats at 120 BPM
    EXPECT_FALSE (silent (out, 0));
    EXPECT_TRUE (silent (out, cueLeft));

    h.metronomeToCue = true;
    h.publish();
    out = h.render (48000, {}, {}, cueOut);
    EXPECT_TRUE (silent (out, 0));
    EXPECT_TRUE (silent (out, 1));
    EXPECT_GT (out.getMagnitude (cueLeft, 0, 48000), 0.1f);

    // Without a cue bus the click stays in the master: it is never lost.
    out = h.render (48000);
    EXPECT_GT (out.getMagnitude (0, 0, 48000), 0.1f);
}

TEST (CueBus, TheMasterIsTheSameWithOrWithoutACueBusAndCueFlags)
{
    auto renderMaster = [] (bool cued, int channels)
    {
        EngineHarness h;
        const auto file =
            test::writeWav (h.temp / "sine.wav", 48000.0, 1, 24000, test::sine (441.0, 48000.0));
        PadSettings settings;
        settings.cue = cued;
        settings.eqLowDb = -10.0f;
        h.addPad (h.load (file), settings);
        h.publish();
        auto out = h.render (24576, { { 77, EngineHarness::on (0) } }, {}, channels);
        out.setSize (2, out.getNumSamples(), true);
        return out;
    };
    const auto plain = renderMaster (false, 2);
    for (const auto& other :
         { renderMaster (true, 2), renderMaster (true, cueOut), renderMaster (false, cueOut) })
        for (int c = 0; c < 2; ++c)
            EXPECT_EQ (std::memcmp (plain.getReadPointer (c), other.getReadPointer (c),
                                    sizeof (float) * (size_t) plain.getNumSamples()),
                       0);
}

} // namespace paddeck
