#include "Tempo/BeatClock.h"
#include "Tempo/LaunchQueue.h"
#include "Tempo/Quantize.h"

#include <gtest/gtest.h>

#include <random>

namespace paddeck
{

TEST (BeatClock, BeatsAndBarsAtWholeFrameTempos)
{
    BeatClock clock (48000.0, 120.0, 4);
    EXPECT_DOUBLE_EQ (clock.getFramesPerBeat(), 24000.0);
    EXPECT_EQ (clock.sampleOf (4.0), 96000);
    EXPECT_EQ (clock.nextBoundary (1, 4.0), 96000);
    EXPECT_EQ (clock.nextBoundary (96000, 4.0), 96000); // on a boundary: that one
    EXPECT_EQ (clock.nextBoundary (96001, 1.0), 120000);
    EXPECT_EQ (clock.nextBoundary (5, 0.25), 6000);

    const auto p = clock.positionAt (96000 + 24000 + 12000);
    EXPECT_EQ (p.bar, 1);
    EXPECT_EQ (p.beat, 1);
    EXPECT_NEAR (p.phase, 0.5, 1e-9);
}

TEST (BeatClock, BoundaryIsTheFirstSampleAtOrAfterAFractionalInstant)
{
    BeatClock clock (44100.0, 127.0, 4); // 20834.6456... frames a beat
    for (int beat = 1; beat < 1000; ++beat)
    {
        const auto instant = clock.instantOf (beat);
        const auto s = clock.sampleOf (beat);
        EXPECT_GE ((double) s, instant - 1e-6);
        EXPECT_LT ((double) s - 1.0, instant);
        EXPECT_EQ (clock.nextBoundary (s - 1, 1.0), s);
        EXPECT_EQ (clock.nextBoundary (s, 1.0), s);
    }
}

TEST (BeatClock, TempoChangesKeepTheBeatContinuous)
{
    BeatClock clock (48000.0, 120.0, 4);
    clock.setTempo (126.0, 50000);
    EXPECT_NEAR (clock.beatAt ((std::int64_t) 50000), 50000.0 / 24000.0, 1e-12);
    EXPECT_NEAR (clock.beatAt ((std::int64_t) 50000 + 48000), 50000.0 / 24000.0 + 126.0 / 60.0, 1e-9);
    clock.setTempo (500.0, 60000);
    EXPECT_EQ (clock.getBpm(), BeatClock::maxBpm);
}

TEST (BeatClock, NoDriftAfterAnHourAndManyTempoChanges)
{
    // Sweep the tempo 1000 times, come back to 120 and check a bar boundary an hour later: it
    // still falls on a whole number of 96,000-frame bars from where 120 resumed.
    BeatClock clock (48000.0, 120.0, 4);
    std::mt19937 random (7);
    std::int64_t at = 0;
    for (int i = 0; i < 1000; ++i)
    {
        at += 1000 + (std::int64_t) (random() % 5000);
        clock.setTempo (90.0 + (random() % 6000) / 100.0, at);
    }
    at += 777;
    clock.setTempo (120.0, at);
    const auto firstBar = clock.nextBoundary (at, 4.0);
    const auto hourLater = clock.nextBoundary (firstBar + 48000LL * 3600, 4.0);
    EXPECT_EQ ((hourLater - firstBar) % 96000, 0);
}

TEST (Quantize, GridsInBeats)
{
    EXPECT_EQ (QuantizeGrid::beats (Quantize::off, 4), 0.0);
    EXPECT_EQ (QuantizeGrid::beats (Quantize::sixteenth, 4), 0.25);
    EXPECT_EQ (QuantizeGrid::beats (Quantize::bar, 3), 3.0);
    EXPECT_EQ (QuantizeGrid::beats (Quantize::fourBars, 4), 16.0);
    for (int i = 0; i < QuantizeGrid::numChoices; ++i)
    {
        Quantize q = Quantize::off;
        EXPECT_TRUE (QuantizeGrid::parse (QuantizeGrid::toString ((Quantize) i), q));
        EXPECT_EQ ((int) q, i);
    }
}

TEST (LaunchQueue, KeepsOrderCancelsAndRefusesWhenFull)
{
    LaunchQueue queue;
    EXPECT_TRUE (queue.add ({ 300, 0.0, 1 }));
    EXPECT_TRUE (queue.add ({ 100, 0.0, 2 }));
    EXPECT_TRUE (queue.add ({ 200, 0.0, 3 }));
    EXPECT_TRUE (queue.isQueued (3));
    EXPECT_TRUE (queue.cancel (3));
    EXPECT_FALSE (queue.isQueued (3));

    LaunchQueue::Launch next;
    EXPECT_FALSE (queue.popDue (100, next));
    ASSERT_TRUE (queue.popDue (101, next));
    EXPECT_EQ (next.pad, 2);
    ASSERT_TRUE (queue.popDue (1000, next));
    EXPECT_EQ (next.pad, 1);
    EXPECT_EQ (queue.size(), 0);

    for (int i = 0; i < LaunchQueue::capacity; ++i)
        EXPECT_TRUE (queue.add ({ i, 0.0, i }));
    EXPECT_FALSE (queue.add ({ 0, 0.0, 999 }));
}

} // namespace paddeck

namespace paddeck
{

TEST (BeatClock, FollowingAnOutsideClockLinesUpItsPhaseAndKeepsCounting)
{
    BeatClock clock (48000.0, 120.0, 4);
    const std::int64_t at = 480000; // beat 20 at 120 BPM

    // An outside clock half a beat into its bar: the clock moves on half a beat, keeping its count.
    clock.follow (126.0, 1000.5, 4.0, at);
    EXPECT_DOUBLE_EQ (clock.getBpm(), 126.0);
    EXPECT_NEAR (clock.beatAt (at), 20.5, 1.0e-9);

    // A tenth of a beat behind: back a tenth, not forward by most of a bar.
    clock.follow (126.0, 0.4, 4.0, at);
    EXPECT_NEAR (clock.beatAt (at), 20.4, 1.0e-9);

    // Three beats ahead in the bar is nearer as one beat behind.
    clock.follow (126.0, 3.4, 4.0, at);
    EXPECT_NEAR (clock.beatAt (at), 19.4, 1.0e-9);

    // Tempo only: the beat stays.
    clock.follow (90.0, 77.7, 0.0, at);
    EXPECT_DOUBLE_EQ (clock.getBpm(), 90.0);
    EXPECT_NEAR (clock.beatAt (at), 19.4, 1.0e-9);
    EXPECT_NEAR (clock.beatAt (at + 32000), 20.4, 1.0e-9);
}

TEST (LaunchQueue, RetimedLaunchesFireOnTheirBeatsSampleAfterTheClockMoved)
{
    BeatClock clock (48000.0, 120.0, 4);
    LaunchQueue queue;
    ASSERT_TRUE (queue.add ({ clock.sampleOf (8.0), 8.0, 1 }));
    ASSERT_TRUE (queue.add ({ clock.sampleOf (4.0), 4.0, 2 }));
    clock.follow (100.0, 1.0, 4.0, 24000); // beat 1 at sample 24000 still, slower from there
    queue.retime (clock);
    EXPECT_EQ (queue[0].pad, 2);
    EXPECT_EQ (queue[0].sample, clock.sampleOf (4.0));
    EXPECT_EQ (queue[0].sample, 24000 + 3 * 28800);
    EXPECT_EQ (queue[1].sample, clock.sampleOf (8.0));
}

} // namespace paddeck
