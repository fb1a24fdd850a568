#include "Engine/EngineHarness.h"

#include <sched.h>

namespace paddeck
{
using test::EngineHarness;

namespace
{
constexpr double rate = 48000.0;

VoiceMixer::Threads oneThread()
{
    auto threads = EngineHarness::testThreads();
    threads.workers = 0;
    return threads;
}

/** A worker beside the audio thread even where real-time priority is refused. */
VoiceMixer::Threads twoThreads (double joinDeadline = EngineHarness::testThreads().joinDeadline)
{
    VoiceMixer::Threads threads;
    threads.workers = 1;
    threads.requireRealtime = false;
    threads.joinDeadline = joinDeadline;
    return threads;
}

/** A busy performance on RAM pads: every play mode, pitches, EQ moves, synced loops, hits and
    releases at random offsets, stops, a tempo nudge; the same on whatever engine it is given. */
struct Performance
{
    explicit Performance (EngineHarness& h)
    {
        const auto tone =
            h.load (test::writeWav (h.temp / "tone.wav", rate, 2, 72000,
                                    [] (juce::int64 i, int c)
                                    {
                                        return 0.1f * (float) std::sin (0.031 * (double) i * (1 + c))
                                               + 0.03f * (float) std::sin (0.0007 * (double) i);
                                    }));
        const auto other = h.load (
            test::writeWav (h.temp / "other.wav", 44100.0, 1, 30000, test::sine (180.0, 44100.0, 0.15f)));
        const auto beat = h.load (test::writeWav (
            h.temp / "beat.wav", rate, 1, 48000,
            [] (juce::int64 i, int)
            { return (i % 12000) < 300 ? 0.2f : 0.05f * (float) std::sin (0.05 * (double) i); }));

        const PlayMode modes[] = { PlayMode::oneShot, PlayMode::loop, PlayMode::gate, PlayMode::toggle,
                                   PlayMode::retrigger };
        for (int i = 0; i < 60; ++i)
        {
            PadSettings s;
            s.playMode = modes[i % 5];
            s.semitones = (i * 7) % 13 - 6;
            s.cents = (float) ((i * 31) % 100 - 50);
            s.eqLowDb = i % 3 == 0 ? -12.0f : 0.0f;
            s.eqHighDb = i % 4 == 0 ? 4.0f : 0.0f;
            s.chokeGroup = i % 11 == 0 ? 1 : 0;
            if (i % 9 == 0) // a synced loop: steered by the clock every block
            {
                s.playMode = PlayMode::loop;
                s.bpm = 120.0; // 48,000 frames = 4 beats at 120
                s.sync = true;
            }
            h.addPad (i % 9 == 0 ? beat : (i % 2 == 0 ? tone : other), s);
        }
        h.publish();
    }

    /** Renders `blocks` blocks of events from `seed`; the UI moves knobs between some blocks. */
    juce::AudioBuffer<float> play (EngineHarness& h, int blocks)
    {
        juce::Random random (1234);
        juce::AudioBuffer<float> out (2, blocks * h.blockSize);
        for (int b = 0; b < blocks; ++b)
        {
            std::vector<std::pair<juce::int64, juce::MidiMessage>> events;
            for (int e = random.nextInt (5); e > 0; --e)
            {
                const int pad = random.nextInt (60);
                const auto at = (juce::int64) random.nextInt (h.blockSize);
                events.push_back ({ at, random.nextInt (3) != 0
                                            ? EngineHarness::on (pad, 0.5f + 0.5f * random.nextFloat())
                                            : EngineHarness::off (pad) });
            }
            if (b % 97 == 96)
                events.push_back ({ random.nextInt (h.blockSize), juce::MidiMessage::allNotesOff (1) });
            if (b % 40 == 20)
            {
                for (auto& [sample, s] : h.pads)
                {
                    s.eqMidDb = random.nextFloat() * -20.0f;
                    s.gainDb = -3.0f - random.nextFloat() * 6.0f;
                    s.semitones = random.nextInt ({ -6, 7 });
                }
                h.publish();
            }
            if (b == 150)
                h.engine.send (EngineCommand::nudge (1));
            if (b == 250)
                h.engine.send (EngineCommand::nudge (0));

            const auto block = h.render (h.blockSize, events);
            for (int c = 0; c < 2; ++c)
                out.copyFrom (c, b * h.blockSize, block, c, 0, h.blockSize);
        }
        return out;
    }
};

} // namespace

TEST (VoicesOnBothCores, ThreadedAndSingleThreadedRendersAgreeWithinMinus120DbWithOnsetsOnTheirSample)
{
    constexpr int blocks = 600;
    EngineHarness single (rate, 128, 128, oneThread());
    EngineHarness threaded (rate, 128, 128, twoThreads());
    ASSERT_EQ (threaded.engine.getMeters().voiceThreads.load(), 2);
    ASSERT_EQ (single.engine.getMeters().voiceThreads.load(), 1);

    Performance a (single), b (threaded);
    const auto reference = a.play (single, blocks);
    const auto result = b.play (threaded, blocks);

    float peak = 0.0f, worst = 0.0f;
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < reference.getNumSamples(); ++i)
        {
            peak = juce::jmax (peak, std::abs (reference.getSample (c, i)));
            worst = juce::jmax (worst, std::abs (reference.getSample (c, i) - result.getSample (c, i)));
        }

    EXPECT_GT (peak, 0.3f) << "the performance should be loud";
    EXPECT_EQ (single.engine.getMeters().masterClips.load(), 0)
        << "and stay below the clip guard: a linear mix";
    EXPECT_LT (worst, peak * 1.0e-6f)
        << "threaded mix off by " << juce::Decibels::gainToDecibels (worst / peak) << " dB";
    EXPECT_GT (threaded.engine.getMeters().voiceBanksOnWorkers.load(), blocks / 4)
        << "the worker took its share";
    EXPECT_EQ (threaded.engine.getMeters().voiceWorkerStalls.load(), 0);
    EXPECT_EQ (threaded.engine.getMeters().activeVoices.load(),
               single.engine.getMeters().activeVoices.load());
    EXPECT_EQ (threaded.engine.getMeters().voicesStolen.load(),
               single.engine.getMeters().voicesStolen.load());
}

TEST (VoicesOnBothCores, HitsSoundOnTheirSampleWhileBothThreadsAreBusy)
{
    for (const int block : { 32, 128, 480 })
    {
        EngineHarness h (rate, block, 160, twoThreads());
        // A bed of looping voices that costs what any does (pitched, EQ engaged) but is silent, so
        // the hit alone decides the first sound.
        PadSettings bedSettings;
        bedSettings.playMode = PlayMode::loop;
        bedSettings.semitones = 3;
        bedSettings.eqLowDb = -10.0f;
        const auto silence = h.load (
            test::writeWav (h.temp / "silence.wav", rate, 2, 48000, [] (juce::int64, int) { return 0.0f; }));
        for (int i = 0; i < 120; ++i)
            h.addPad (silence, bedSettings);
        const int hit = h.addPad (h.load (
            test::writeWav (h.temp / "dc.wav", rate, 1, 4800, [] (juce::int64, int) { return 0.25f; })));
        h.publish();
        for (int i = 0; i < 120; ++i)
            h.engine.send (EngineCommand::press (i, 1.0f));
        h.render (block * 4);
        ASSERT_EQ (h.engine.getMeters().activeVoices.load(), 120);
        const auto before = h.engine.getMeters().voiceBanksOnWorkers.load();

        for (const int offset : { 0, 1, block / 2, block - 1 })
        {
            const auto out = h.render (block * 8, { { block * 3 + offset, EngineHarness::on (hit) } });
            EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, out.getNumSamples(), 1.0e-6f),
                       block * 3 + offset)
                << "block " << block << ", offset " << offset;
            h.render (4800 + block * 4); // the one-shot ends
        }
        EXPECT_GT (h.engine.getMeters().voiceBanksOnWorkers.load(), before) << "block " << block;
        EXPECT_EQ (h.engine.getMeters().voiceWorkerStalls.load(), 0);
    }
}

TEST (VoicesOnBothCores, AStalledWorkerLeavesTheBlockToTheAudioThreadIsCountedAndItsReleasesLandLater)
{
    // The real deadline (0.7 of the period). 256 voices, voice v holding DC at (v + 1) / 65536: the
    // mix is exact, and which bank of eight is missing can be read off its level.
    EngineHarness h (rate, 128, 256, twoThreads (VoiceMixer::Threads().joinDeadline));
    for (int v = 0; v < 256; ++v)
    {
        const auto level = (float) (v + 1) / 65536.0f;
        h.addPad (h.load (test::writeWav (h.temp / ("dc" + juce::String (v) + ".wav"), rate, 1, 96000,
                                          [level] (juce::int64, int) { return level; })));
    }
    h.publish();
    for (int v = 0; v < 256; ++v) // a free voice is taken in order: voice v plays pad v
        h.engine.send (EngineCommand::press (v, 1.0f));

    const float full = 256.0f * 257.0f / 2.0f / 65536.0f;
    auto bankLevel = [] (int bank) { return (float) (64 * bank + 36) / 65536.0f; }; // Σ v+1 over its eight
    auto level = [] (const juce::AudioBuffer<float>& b) { return b.getSample (0, b.getNumSamples() - 1); };
    ASSERT_EQ (level (h.render (128 * 4)), full);

    auto& mixer = h.engine.getPadEngine().getVoiceMixer();
    auto& meters = h.engine.getMeters();
    auto stallWorker = [&]
    {
        // The worker stalls on the first bank it claims (it may wake too late to claim any in a block).
        mixer.setWorkersStalledForTest (true);
        juce::AudioBuffer<float> block;
        for (int tries = 0; tries < 2000 && mixer.getWorkersStalledForTest() == 0; ++tries)
            block = h.render (128);
        return block;
    };

    const auto stalled = stallWorker();
    ASSERT_EQ (mixer.getWorkersStalledForTest(), 1) << "the worker never claimed a bank";
    // renderBlock came back while the worker is still stuck: the audio thread did not wait for it.
    EXPECT_EQ (meters.voiceWorkerStalls.load(), 1);
    int missing = -1;
    for (int bank = 0; bank < 32; ++bank)
        if (level (stalled) == full - bankLevel (bank))
            missing = bank;
    EXPECT_GE (missing, 0) << "exactly one bank left out, the rest mixed: " << level (stalled);

    // Held: the next blocks play without it, and it is counted once.
    const auto held = h.render (128 * 3);
    EXPECT_EQ (level (held), level (stalled));
    EXPECT_EQ (meters.voiceWorkerStalls.load(), 1);
    EXPECT_EQ (meters.activeVoices.load(), 256);

    // Let go: the worker finishes its old block (dropped), the bank is the audio thread's again.
    mixer.setWorkersStalledForTest (false);
    for (int tries = 0; tries < 1000 && mixer.getWorkersStalledForTest() != 0; ++tries)
        juce::Thread::sleep (1);
    h.render (128);
    EXPECT_EQ (level (h.render (128 * 2)), full);
    EXPECT_EQ (meters.voiceWorkerStalls.load(), 1);

    // A stop while a bank is held stops that bank's voices too, once it is back.
    stallWorker();
    ASSERT_EQ (mixer.getWorkersStalledForTest(), 1);
    EXPECT_EQ (meters.voiceWorkerStalls.load(), 2);
    h.engine.send (EngineCommand::stopEverything());
    h.render (128 * 4);
    EXPECT_GE (meters.activeVoices.load(), 8) << "the held bank's voices wait for their worker";
    mixer.setWorkersStalledForTest (false);
    for (int tries = 0; tries < 1000 && mixer.getWorkersStalledForTest() != 0; ++tries)
        juce::Thread::sleep (1);
    h.render (128 * 4);
    const auto after = h.render (128 * 4);
    EXPECT_EQ (meters.activeVoices.load(), 0);
    EXPECT_EQ (test::firstAbove (after.getReadPointer (0), 0, after.getNumSamples(), 1.0e-9f), -1);
}

TEST (VoicesOnBothCores, AWorkerRefusedRealTimePriorityLeavesOneThreadAndSaysSoInTheLog)
{
    struct Capture : juce::Logger
    {
        void logMessage (const juce::String& message) override { lines.add (message); }
        juce::StringArray lines;
    } capture;

    VoiceMixer::Threads threads;
    threads.workers = 1;
    threads.priority = sched_get_priority_max (SCHED_FIFO) + 1; // a priority no thread may have

    juce::Logger::setCurrentLogger (&capture);
    EngineHarness h (rate, 128, 64, threads);
    juce::Logger::setCurrentLogger (nullptr);

    EXPECT_EQ (h.engine.getMeters().voiceThreads.load(), 1);
    EXPECT_TRUE (h.engine.getPadEngine().getVoiceMixer().getWorkerThreadIds().empty());
    const auto log = capture.lines.joinIntoString ("\n");
    EXPECT_TRUE (log.contains ("could not get real-time priority")) << log;
    EXPECT_TRUE (log.contains ("the audio thread only")) << log;

    // It plays on one thread.
    const int p =
        h.addPad (h.load (test::writeWav (h.temp / "s.wav", rate, 1, 4800, test::sine (300.0, rate))));
    h.publish();
    const auto out = h.render (1280, { { 200, EngineHarness::on (p) } });
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, 1280, 0.0f),
               201); // the sine is 0 on its first frame
    EXPECT_EQ (h.engine.getMeters().voiceBanksOnWorkers.load(), 0);
}

} // namespace paddeck
