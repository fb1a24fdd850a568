#include "Support/AllocationCounter.h"
#include "Support/NetworkNamespace.h"
#include "Support/TestAudio.h"
#include "Sync/SyncRig.h"

#include <ableton/Link.hpp>

#include <random>

// Every test here enables Link, so each runs only as the twin of a test that made a fresh network
// namespace with nothing but loopback in it; the twin checks that before Link is switched on.

namespace paddeck
{
using test::SyncRig;

namespace
{
#define PADDECK_REQUIRE_LOOPBACK_ONLY()                                                                      \
    if (!test::NetworkNamespace::isChild())                                                                  \
        GTEST_SKIP() << "runs only inside the network namespace its twin test makes";                        \
    if (std::string why; !test::NetworkNamespace::hasOnlyLoopback (why))                                     \
        FAIL() << "refusing to enable Link outside a loopback-only namespace: " << why;

/** The other app: a bare Link peer, built from Link's headers. */
struct Peer
{
    explicit Peer (double bpm)
        : link (bpm)
    {
        link.enable (true);
    }
    ~Peer() { link.enable (false); }

    double tempo() const { return link.captureAppSessionState().tempo(); }
    void setTempo (double bpm)
    {
        auto state = link.captureAppSessionState();
        state.setTempo (bpm, link.clock().micros());
        link.commitAppSessionState (state);
    }
    double beatAt (double micros, double quantum) const
    {
        return link.captureAppSessionState().beatAtTime (std::chrono::microseconds (std::llround (micros)),
                                                         quantum);
    }
    double micros() const { return (double) link.clock().micros().count(); }

    ableton::Link link;
};

bool bothSee (SyncRig& rig, Peer& peer, int peers)
{
    return SyncRig::waitUntil (
        [&] { return rig.sync.getLinkPeers() == peers && (int) peer.link.numPeers() == peers; });
}
} // namespace

PADDECK_NETNS_TEST (LinkPeers, TempoChangesReachTheOtherSideAndPeersComeAndGo)
{
    PADDECK_REQUIRE_LOOPBACK_ONLY();
    SyncRig rig;
    ASSERT_TRUE (rig.session.setMasterTempo (128.0).wasOk());
    EXPECT_FALSE (rig.sync.isLinkOn()); // off until asked
    EXPECT_EQ (rig.sync.getLinkPeers(), 0);

    rig.sync.setLinkOn (true);
    Peer peer (128.0);
    ASSERT_TRUE (bothSee (rig, peer, 1)) << "the peers never found each other on loopback";

    // PadDeck -> the peer: the set's tempo goes into the session at PadDeck's next poll (the timer
    // runs it at 50 Hz; here it is called), and PadDeck's engine plays it from its next block.
    ASSERT_TRUE (rig.session.setMasterTempo (133.0).wasOk());
    rig.sync.poll();
    EXPECT_DOUBLE_EQ (rig.sync.getLink().getTempo(), 133.0);
    const auto sent = peer.micros();
    ASSERT_TRUE (SyncRig::waitUntil ([&] { return std::abs (peer.tempo() - 133.0) < 1.0e-3; }));
    const auto toPeerMs = (peer.micros() - sent) / 1000.0;
    rig.renderBlock();
    EXPECT_DOUBLE_EQ (rig.padEngine().getClock().getBpm(), 133.0);

    // The peer -> PadDeck: Link wakes the controller, which writes the set's tempo; the engine
    // reads the session itself, from the first block after Link has the change.
    peer.setTempo (97.5);
    const auto changed = peer.micros();
    ASSERT_TRUE (SyncRig::waitUntil ([&] { return rig.session.getMasterTempo() == 97.5; }));
    const auto toPadDeckMs = (peer.micros() - changed) / 1000.0;
    rig.renderBlock();
    EXPECT_NEAR (rig.padEngine().getClock().getBpm(), 97.5, 1.0e-3); // Link sends whole µs per beat
    EXPECT_NEAR (peer.tempo(), 97.5, 1.0e-3);                        // the set did not send its rounding back

    std::cout << "Link tempo change seen by the peer after " << toPeerMs << " ms, by PadDeck's set after "
              << toPadDeckMs << " ms (Link's clock; PadDeck adds at most one poll and one block)"
              << std::endl;

    peer.link.enable (false);
    EXPECT_TRUE (SyncRig::waitUntil ([&] { return rig.sync.getLinkPeers() == 0; }))
        << "PadDeck still counts a peer that left";
}

PADDECK_NETNS_TEST (LinkPeers, BeatPhaseAtTheOutputIsThePeersWithinAMillisecond)
{
    PADDECK_REQUIRE_LOOPBACK_ONLY();
    SyncRig rig (0.0125);
    ASSERT_TRUE (rig.session.setMasterTempo (121.0).wasOk());
    rig.sync.setLinkOn (true);
    Peer peer (121.0);
    ASSERT_TRUE (bothSee (rig, peer, 1));

    // Callbacks come ±0.4 ms off their pace, as on a real device; the block timer smooths it.
    std::mt19937 random (3);
    std::uniform_real_distribution<double> jitter (-400.0, 400.0);
    const auto quantum = 4.0;
    double worstMs = 0.0, worstWithoutLatencyMs = 1.0e9;

    const auto check = [&] (int blocks)
    {
        for (int i = 0; i < blocks; ++i)
        {
            const auto start = (double) rig.nextSample();
            rig.renderBlock (jitter (random));
            const auto ours = rig.engine.getMeters().beat.load();
            const auto bpm = rig.padEngine().getClock().getBpm();
            if (i < 400)
                continue; // the timer's fit is still filling
            worstMs = std::max (worstMs, test::phaseDistanceMs (
                                             ours, peer.beatAt (rig.heardAt (start), quantum), quantum, bpm));
            worstWithoutLatencyMs = std::min (
                worstWithoutLatencyMs,
                test::phaseDistanceMs (ours, peer.beatAt (rig.hostAt (start), quantum), quantum, bpm));
        }
    };
    check (2000);

    // The peer changes the tempo; once PadDeck's Link has it, the phase is still the peer's.
    peer.setTempo (126.0);
    ASSERT_TRUE (
        SyncRig::waitUntil ([&] { return std::abs (rig.sync.getLink().getTempo() - 126.0) < 1.0e-3; }));
    check (2000);

    std::cout << "worst beat phase difference at the output: " << worstMs << " ms" << std::endl;
    EXPECT_LE (worstMs, 1.0);
    // Placing the beat at the callback instead of at the speaker would be 12.5 ms early.
    EXPECT_GT (worstWithoutLatencyMs, 10.0);
}

PADDECK_NETNS_TEST (LinkPeers, AQuantizedLaunchLandsOnTheSharedBar)
{
    PADDECK_REQUIRE_LOOPBACK_ONLY();
    SyncRig rig (0.010);
    test::TempFolder temp;
    const auto click =
        test::writeWav (temp / "dc.wav", rig.rate, 1, 4000, [] (juce::int64, int) { return 0.5f; });
    rig.session.loadIntoPad (0, click);
    ASSERT_TRUE (SyncRig::waitUntil ([&] { return rig.session.isIdle(); }));
    auto settings = rig.session.getPadSettings (0);
    settings.quantize = (int) Quantize::bar;
    rig.session.setPadSettings (0, settings);
    rig.session.setBeatsPerBar (4);
    ASSERT_TRUE (rig.session.setMasterTempo (117.0).wasOk());
    rig.session.publishNow();

    rig.sync.setLinkOn (true);
    Peer peer (117.0);
    ASSERT_TRUE (bothSee (rig, peer, 1));

    for (int i = 0; i < 500; ++i)
        rig.renderBlock();

    for (int hit = 0; hit < 3; ++hit)
    {
        rig.session.press (0);
        juce::int64 onset = -1;
        for (int i = 0; i < 3000 && onset < 0; ++i)
        {
            const auto start = rig.nextSample();
            rig.renderBlock();
            if (const auto at = test::firstAbove (rig.buffer.getReadPointer (0), 0, rig.block, 0.1f); at >= 0)
                onset = start + at;
        }
        ASSERT_GE (onset, 0) << "the quantized hit never sounded";

        // Where the peer's session is when PadDeck's hit leaves the speakers: on a bar line.
        const auto peerBeat = peer.beatAt (rig.heardAt ((double) onset), 4.0);
        const auto offMs = test::phaseDistanceMs (peerBeat, 0.0, 4.0, 117.0);
        std::cout << "hit " << hit << ": sounded at the peer's beat " << peerBeat << " (" << offMs
                  << " ms off its bar line)" << std::endl;
        EXPECT_LE (offMs, 1.0);

        for (int i = 0; i < 200; ++i) // let it end before the next hit
            rig.renderBlock();
    }
}

PADDECK_NETNS_TEST (LinkPeers, TheAudioThreadNeverAllocatesWhileFollowingTheSession)
{
    PADDECK_REQUIRE_LOOPBACK_ONLY();
    SyncRig rig;
    rig.sync.setLinkOn (true);
    rig.sync.setLinkStartStop (true);
    Peer peer (120.0);
    ASSERT_TRUE (bothSee (rig, peer, 1));

    size_t allocations = 0;
    for (int i = 0; i < 3000; ++i)
    {
        if (i == 1000)
            peer.setTempo (131.0); // a tempo change arriving while blocks are rendered
        test::ScopedAllocationCounter counter;
        rig.renderBlock();
        allocations += counter.getAllocations();
    }
    EXPECT_EQ (allocations, 0u);
}

} // namespace paddeck
