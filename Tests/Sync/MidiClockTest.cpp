#include "Support/AllocationCounter.h"
#include "Sync/SyncRig.h"

#include <mutex>
#include <random>

namespace paddeck
{
using test::SyncRig;

namespace
{
/** A MIDI sink: what the clock out's sender thread sent, with when it was due and sent. */
struct Sink
{
    struct Sent
    {
        MidiClockOut::Event event;
        double sentMicros;
    };

    MidiClockOut::Sink make()
    {
        return [this] (const MidiClockOut::Event& e)
        {
            const std::lock_guard<std::mutex> lock (mutex);
            sent.push_back ({ e, HostClock::micros() });
        };
    }

    std::vector<Sent> take()
    {
        const std::lock_guard<std::mutex> lock (mutex);
        return sent;
    }

    size_t count()
    {
        const std::lock_guard<std::mutex> lock (mutex);
        return sent.size();
    }

    std::mutex mutex;
    std::vector<Sent> sent;
};

std::vector<MidiClockOut::Event> ofType (const std::vector<Sink::Sent>& sent, juce::uint8 status)
{
    std::vector<MidiClockOut::Event> events;
    for (auto& s : sent)
        if (s.event.bytes[0] == status)
            events.push_back (s.event);
    return events;
}

int sppValue (const MidiClockOut::Event& e) { return e.bytes[1] | (e.bytes[2] << 7); }
} // namespace

TEST (MidiClockOut, TicksStartStopAndSongPositionAreScheduledOnTheBeat)
{
    SyncRig rig (0.008);
    ASSERT_TRUE (rig.session.setMasterTempo (120.0).wasOk());
    rig.session.publishNow();
    Sink sink;
    rig.sync.getClockOut().setSink (sink.make());

    const auto blocksFor = [&] (double seconds) { return (int) std::ceil (seconds * rig.rate / rig.block); };
    for (int i = 0; i < blocksFor (0.3); ++i)
        rig.renderBlock();
    rig.sync.setPlaying (true); // starts on the next bar
    for (int i = 0; i < blocksFor (2.7); ++i)
        rig.renderBlock();

    // The sender sends each message when its audio is heard: wait for the last one.
    const auto waitForSender = [&]
    {
        const auto lastDue = rig.heardAt ((double) rig.nextSample());
        return SyncRig::waitUntil ([&] { return HostClock::micros() > lastDue + 20000.0; }, 30000);
    };
    ASSERT_TRUE (waitForSender());

    // A receiver plugged in while the song plays is told where it is.
    Sink late;
    rig.sync.getClockOut().setSink (late.make());
    for (int i = 0; i < blocksFor (1.0); ++i)
        rig.renderBlock();
    rig.sync.setPlaying (false);
    const auto stopBlockStart = rig.nextSample();
    for (int i = 0; i < blocksFor (0.3); ++i)
        rig.renderBlock();

    ASSERT_TRUE (waitForSender());

    const auto first = sink.take();
    const auto ticks = ofType (first, 0xf8);
    ASSERT_GT (ticks.size(), 100u);

    // 24 ticks a beat at 120 BPM: one every 1000 frames at 48 kHz, exactly on the clock's beats.
    double worstJitterMs = 0.0;
    for (size_t i = 1; i < ticks.size(); ++i)
        worstJitterMs =
            std::max (worstJitterMs, std::abs (ticks[i].sample - ticks[i - 1].sample - 1000.0) / 48.0);
    std::cout << "worst tick spacing error: " << worstJitterMs << " ms over " << ticks.size() << " ticks"
              << std::endl;
    EXPECT_LE (worstJitterMs, 0.1);
    for (auto& t : ticks)
        EXPECT_NEAR (std::fmod (t.sample, 1000.0), 0.0, 1.0e-6);

    // Each is sent as its sample is heard: the callback's time plus the output latency.
    for (auto& t : ticks)
        EXPECT_NEAR (t.micros, rig.heardAt (t.sample), 1.0);

    // Start, after Song Position 0, just before the tick on the first bar line after the request.
    const auto starts = ofType (first, 0xfa);
    ASSERT_EQ (starts.size(), 1u);
    EXPECT_DOUBLE_EQ (starts[0].sample, 96000.0); // bar 2 at 120 BPM, 4/4
    for (size_t i = 0; i < first.size(); ++i)
        if (first[i].event.bytes[0] == 0xfa)
        {
            ASSERT_GE (i, 1u);
            EXPECT_EQ (first[i - 1].event.bytes[0], 0xf2);
            EXPECT_EQ (sppValue (first[i - 1].event), 0);
            ASSERT_LT (i + 1, first.size());
            EXPECT_EQ (first[i + 1].event.bytes[0], 0xf8);
            EXPECT_DOUBLE_EQ (first[i + 1].event.sample, starts[0].sample);
        }

    // The late receiver: Song Position (sixteenths since Start) and Continue on that sixteenth.
    const auto second = late.take();
    const auto positions = ofType (second, 0xf2);
    const auto continues = ofType (second, 0xfb);
    ASSERT_EQ (positions.size(), 1u);
    ASSERT_EQ (continues.size(), 1u);
    EXPECT_DOUBLE_EQ (positions[0].sample, continues[0].sample);
    EXPECT_NEAR ((continues[0].sample - 96000.0) / 6000.0, sppValue (positions[0]), 1.0e-9);

    // Stop at once: at the first block after the request.
    const auto stops = ofType (second, 0xfc);
    ASSERT_EQ (stops.size(), 1u);
    EXPECT_DOUBLE_EQ (stops[0].sample, (double) stopBlockStart);

    // How late the sender thread sent what was due (only the first receiver's messages were due in
    // the future: the test's clock fell behind the real one while it waited for them).
    double worstLateMs = 0.0;
    for (auto& s : first)
        worstLateMs = std::max (worstLateMs, (s.sentMicros - s.event.micros) / 1000.0);
    std::cout << "sender thread: worst lateness " << worstLateMs << " ms (a figure, not a pass condition)"
              << std::endl;
}

namespace
{
/** A MIDI clock like a hardware box's: ticks at a tempo, each arriving up to ±1 ms off its time. */
struct GeneratedClock
{
    struct Message
    {
        double micros;
        juce::MidiMessage message;
    };

    void ticks (double bpm, int count)
    {
        for (int i = 0; i < count; ++i)
        {
            messages.push_back ({ now + jitter (random), juce::MidiMessage::midiClock() });
            if (running)
                songTicks.push_back ({ now, songTick++ });
            now += 60.0e6 / (bpm * 24.0);
        }
    }
    void send (const juce::MidiMessage& m) { messages.push_back ({ now - 1000.0, m }); }
    void start()
    {
        send (juce::MidiMessage::midiStart());
        running = true;
        songTick = 0;
    }
    void songPosition (int sixteenths)
    {
        send (juce::MidiMessage::songPositionPointer (sixteenths));
        songTick = 6 * sixteenths;
    }
    void continuePlaying()
    {
        send (juce::MidiMessage::midiContinue());
        running = true;
    }
    void stop()
    {
        send (juce::MidiMessage::midiStop());
        running = false;
    }

    /** The sender's song beat at an instant (from its true, unjittered tick times). */
    double songBeatAt (double micros) const
    {
        for (size_t i = songTicks.size(); i-- > 1;)
            if (songTicks[i - 1].first <= micros)
            {
                const auto& [t0, k0] = songTicks[i - 1];
                const auto& [t1, k1] = songTicks[i];
                return (k0 + (micros - t0) / (t1 - t0) * (double) (k1 - k0)) / 24.0;
            }
        return 0.0;
    }

    double now = 0.0;
    bool running = false;
    juce::int64 songTick = 0;
    std::vector<Message> messages;
    std::vector<std::pair<double, juce::int64>> songTicks;
    std::mt19937 random{ 5 };
    std::uniform_real_distribution<double> jitter{ -1000.0, 1000.0 };
};

/** Plays the clock into PadDeck (what arrived before each callback is there for it) and renders. */
struct ClockFollower
{
    explicit ClockFollower (SyncRig& r)
        : rig (r)
    {
        clock.now = rig.t0;
    }

    void renderUntil (double micros, const std::function<void()>& afterBlock = {})
    {
        while (rig.hostAt ((double) rig.nextSample()) < micros)
        {
            const auto callback = rig.hostAt ((double) rig.nextSample());
            for (; next < clock.messages.size() && clock.messages[next].micros <= callback; ++next)
                rig.sync.getClockIn().receive (clock.messages[next].message, clock.messages[next].micros);
            rig.renderBlock();
            if (afterBlock)
                afterBlock();
        }
    }

    SyncRig& rig;
    GeneratedClock clock;
    size_t next = 0;
};
} // namespace

TEST (MidiClockIn, FollowsAJitteryClocksTempoAndBarPhase)
{
    SyncRig rig (0.010);
    ASSERT_TRUE (rig.session.setMasterTempo (90.0).wasOk());
    rig.session.publishNow();
    rig.sync.setSource (ClockSource::midiClock);
    ClockFollower follower (rig);
    auto& clock = follower.clock;

    // Two beats of clock while the box is stopped, then Start, 16 beats; a new tempo; a jump by
    // Song Position and Continue.
    clock.ticks (123.4, 48);
    clock.start();
    clock.ticks (123.4, 16 * 24);
    const auto tempoChange = clock.now;
    clock.ticks (98.0, 16 * 24);
    clock.stop();
    clock.ticks (98.0, 12);
    clock.songPosition (8 * 16 + 4); // bar 9, beat 2
    clock.continuePlaying();
    const auto continued = clock.now;
    clock.ticks (98.0, 16 * 24);

    double worstBpmError = 0.0, worstPhaseMs = 0.0;
    double expectedBpm = 123.4;
    int checked = 0;
    follower.renderUntil (
        clock.now - 1.0e6,
        [&]
        {
            const auto start = (double) (rig.nextSample() - rig.block);
            const auto heard = rig.heardAt (start);
            const auto beat = rig.engine.getMeters().beat.load();
            const auto bpm = rig.padEngine().getClock().getBpm();
            const auto callback = rig.hostAt (start);
            // The filter settles within two beats of a start or a change.
            const auto settled = [&] (double since, double beats)
            { return callback > since + beats * 60.0e6 / expectedBpm; };
            if (callback > tempoChange)
                expectedBpm = 98.0;
            const bool running =
                callback < clock.now && (callback < tempoChange + 16 * 60.0e6 / 98.0 || callback > continued);
            if (!settled (rig.t0, 6) || !settled (tempoChange, 4)
                || (callback > continued - 1.0e6 && !settled (continued, 2)))
                return;
            worstBpmError = std::max (worstBpmError, std::abs (bpm - expectedBpm));
            if (running)
            {
                worstPhaseMs =
                    std::max (worstPhaseMs, test::phaseDistanceMs (beat, clock.songBeatAt (heard), 4.0, bpm));
                ++checked;
            }
        });

    std::cout << "MIDI clock in: worst tempo error " << worstBpmError << " BPM, worst bar phase error "
              << worstPhaseMs << " ms over " << checked << " blocks" << std::endl;
    EXPECT_GT (checked, 1000);
    EXPECT_LE (worstBpmError, 0.1);
    EXPECT_LE (worstPhaseMs, 1.0);
    EXPECT_NEAR (rig.sync.getClockInBpm(), 98.0, 0.1);
    EXPECT_DOUBLE_EQ (rig.session.getMasterTempo(), 90.0); // the set's own tempo is left alone
}

TEST (MidiClockIn, StartAndStopDriveTheTransport)
{
    SyncRig rig;
    rig.sync.setSource (ClockSource::midiClock);
    ClockFollower follower (rig);
    auto& clock = follower.clock;
    clock.ticks (120.0, 48);
    clock.start();
    clock.ticks (120.0, 24 * 8);
    const auto stopped = clock.now;
    clock.stop();
    clock.ticks (120.0, 48);

    follower.renderUntil (stopped - 0.1e6);
    EXPECT_TRUE (rig.sync.isPlaying());
    follower.renderUntil (clock.now - 0.1e6);
    EXPECT_FALSE (rig.sync.isPlaying());
}

TEST (MidiClockIn, TheAudioThreadNeverAllocatesWhileFollowingAClockAndSendingOne)
{
    SyncRig rig;
    rig.sync.setSource (ClockSource::midiClock);
    Sink sink;
    rig.sync.getClockOut().setSink (sink.make());
    rig.sync.setPlaying (true);
    ClockFollower follower (rig);
    follower.clock.ticks (125.0, 24);
    follower.clock.start();
    follower.clock.ticks (125.0, 24 * 16);

    size_t allocations = 0;
    while (rig.hostAt ((double) rig.nextSample()) < follower.clock.now - 1.0e6)
    {
        const auto callback = rig.hostAt ((double) rig.nextSample());
        auto& messages = follower.clock.messages;
        for (; follower.next < messages.size() && messages[follower.next].micros <= callback; ++follower.next)
            rig.sync.getClockIn().receive (messages[follower.next].message, messages[follower.next].micros);
        test::ScopedAllocationCounter counter;
        rig.renderBlock();
        allocations += counter.getAllocations();
    }
    EXPECT_GT (rig.sync.getClockIn().getTicks(), 24 * 10);
    EXPECT_EQ (allocations, 0u);
}

} // namespace paddeck
