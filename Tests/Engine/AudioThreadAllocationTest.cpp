#include "Engine/EngineHarness.h"
#include "Support/AllocationCounter.h"

namespace paddeck
{
using test::EngineHarness;

// The audio thread must never allocate, nor the voice worker that renders beside it inside the
// callback. The test thread plays the audio thread: every block is rendered with the counter on
// (for it and the worker), while the message-thread work between blocks (new snapshots, loading
// pads) runs with it off — exactly the split the app has.
TEST (AudioThread, NeverAllocatesWhileVoicesPlayRetriggerChangeAndPadsLoad)
{
    auto threads = EngineHarness::testThreads();
    threads.workers = 1;
    threads.requireRealtime = false; // both threads busy even where real-time priority is refused
    EngineHarness h (48000.0, 128, 128, threads);
    const auto workerThreads = h.engine.getPadEngine().getVoiceMixer().getWorkerThreadIds();
    ASSERT_EQ (workerThreads.size(), 1u);
    const auto ram =
        h.load (test::writeWav (h.temp / "ram.wav", 48000.0, 2, 48000, test::sine (330.0, 48000.0)));
    const auto stream = h.load (
        test::writeWav (h.temp / "stream.wav", 48000.0, 2, 4 * 48000, test::sine (550.0, 48000.0)), 0);
    ASSERT_TRUE (stream->isStreamed());

    for (int i = 0; i < 64; ++i)
    {
        PadSettings s;
        s.playMode = i % 3 == 0 ? PlayMode::retrigger : PlayMode::loop;
        s.chokeGroup = i % 5 == 0 ? 1 : 0;
        s.cue = i % 4 == 0; // and the cue bus (a device with outputs 3/4) carries some of them
        h.addPad (i % 2 == 0 ? ram : stream, s);
    }
    h.cueBlend = 0.5f;
    h.metronome = h.metronomeToCue = true;
    h.publish();

    juce::Random random (42);
    juce::MidiBuffer midi;
    juce::AudioBuffer<float> block (4, 128);
    size_t allocations = 0, deallocations = 0;

    for (int b = 0; b < 2000; ++b)
    {
        midi.clear();
        for (int e = 0; e < 4; ++e) // hits and releases, retriggers among them
            midi.addEvent (random.nextBool() ? EngineHarness::on (random.nextInt (64), 0.8f)
                                             : EngineHarness::off (random.nextInt (64)),
                           random.nextInt (128));

        if (b % 50 == 0) // the UI moves pitch, EQ and gain: a new snapshot from the message thread
        {
            for (auto& [sample, s] : h.pads)
            {
                s.semitones = random.nextInt ({ -12, 13 });
                s.eqLowDb = random.nextFloat() * -40.0f;
                s.eqHighKill = random.nextBool();
                s.gainDb = random.nextFloat() * -12.0f;
            }
            h.publish();
        }
        if (b == 1000) // a new pad is loaded and published while everything plays
        {
            h.addPad (
                h.load (test::writeWav (h.temp / "new.wav", 44100.0, 1, 44100, test::sine (880.0, 44100.0))));
            h.publish();
        }
        if (b % 10 == 0)
            h.engine.send (EngineCommand::press (random.nextInt (64), 1.0f, random.nextInt (128)));
        if (b % 10 == 5)
            h.engine.send (EngineCommand::preview (random.nextInt (64), 1.0f));

        {
            test::ScopedAllocationCounter counter (workerThreads);
            h.engine.renderBlock (block, midi);
            allocations += counter.getAllocations();
            deallocations += counter.getDeallocations();
        }
        h.engine.collectGarbage();
        if (b % 100 == 0)
            juce::Thread::sleep (2); // let the streaming thread keep up, as a real device's pace would
    }

    EXPECT_GT (h.engine.getMeters().activeVoices.load(), 16) << "the test should keep many voices busy";
    EXPECT_GT (h.engine.getMeters().voiceBanksOnWorkers.load(), 100) << "the worker should render its share";
    EXPECT_GT (EngineMeters::takePeak (h.engine.getMeters().cuePeakLeft), 0.0f) << "the cue played too";
    EXPECT_EQ (allocations, 0u);
    EXPECT_EQ (deallocations, 0u);
}

} // namespace paddeck

namespace paddeck
{
TEST (AudioThread, TheAllocationCounterSeesAllocations)
{
    test::ScopedAllocationCounter counter;
    std::vector<float> v (100);
    juce::String s ("long enough to need the heap, surely more than a small buffer");
    // Seen from outside, or clang (the sanitizer builds) elides the unused allocations.
    asm volatile("" : : "g"(v.data()), "g"(s.toRawUTF8()) : "memory");
    EXPECT_GE (counter.getAllocations(), 2u);
}
} // namespace paddeck

namespace paddeck
{
TEST (AudioThread, AFloodOfMidiIsSurvivedWithoutAllocatingAndPlayingGoesOn)
{
    test::EngineHarness h (48000.0, 256);
    const auto sample =
        h.load (test::writeWav (h.temp / "s.wav", 48000.0, 1, 4800, test::sine (300.0, 48000.0)));
    h.addPad (sample);
    h.publish();

    juce::MidiBuffer flood;
    juce::Random random (7);
    for (int i = 0; i < 10000; ++i) // 10,000 events in one 5 ms block: notes, CCs, sysex, garbage
    {
        switch (i % 4)
        {
            case 0:
                flood.addEvent (
                    juce::MidiMessage::noteOn (1 + i % 16, random.nextInt (128), (juce::uint8) 100), i % 256);
                break;
            case 1:
                flood.addEvent (juce::MidiMessage::noteOff (1, random.nextInt (128)), i % 256);
                break;
            case 2:
                flood.addEvent (
                    juce::MidiMessage::controllerEvent (1, random.nextInt (128), random.nextInt (128)),
                    i % 256);
                break;
            default:
            {
                const juce::uint8 sysex[] = { 0xf0, 0x7e, 0x7f, 0x06, 0x01, 0xf7 };
                flood.addEvent (sysex, (int) sizeof (sysex), i % 256);
            }
        }
    }

    juce::AudioBuffer<float> block (2, 256);
    {
        test::ScopedAllocationCounter counter;
        h.engine.renderBlock (block, flood);
        EXPECT_EQ (counter.getAllocations(), 0u);
    }

    h.render (4800); // whatever the flood started has played out
    const auto after = h.render (2400, { { 10, test::EngineHarness::on (0) } });
    EXPECT_EQ (test::firstAbove (after.getReadPointer (0), 0, 2400, 0.0f),
               11) // the sine is 0 at frame 0 of the hit
        << "a hit after the flood lands on its sample";
    EXPECT_EQ (after.getSample (0, 10), 0.0f); // the sine starts at zero
}
} // namespace paddeck
