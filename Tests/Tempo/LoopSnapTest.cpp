#include "Tempo/LoopSnap.h"

#include <gtest/gtest.h>

#include <cmath>

namespace paddeck
{

TEST (LoopSnap, ATwoBarLoopMeasuredAt127_96SnapsToEightBeatsAndItsExactTempo)
{
    const std::int64_t length = 180000; // 8 beats at 128 BPM, 48 kHz
    const auto snap = LoopSnap::snap (127.96, length, 48000.0);
    ASSERT_TRUE (snap.snapped);
    EXPECT_EQ (snap.beats, 8);
    EXPECT_DOUBLE_EQ (snap.bpm, 128.0);
    EXPECT_DOUBLE_EQ (snap.bpm, snap.beats * 60.0 * 48000.0 / (double) length);
}

TEST (LoopSnap, TheTempoComesFromTheExactLengthEvenWhenItIsNotRound)
{
    // 4 bars at 44.1 kHz, a frame short of 174 BPM's length: the tempo is what the frames say.
    const std::int64_t length = (std::int64_t) std::floor (16 * 60.0 * 44100.0 / 174.0);
    const auto snap = LoopSnap::snap (174.3, length, 44100.0);
    ASSERT_TRUE (snap.snapped);
    EXPECT_EQ (snap.beats, 16);
    EXPECT_DOUBLE_EQ (snap.bpm, 16 * 60.0 * 44100.0 / (double) length);
    EXPECT_NEAR (snap.bpm, 174.0, 0.01);
}

TEST (LoopSnap, WithinThreePercentSnapsAndBeyondDoesNot)
{
    const double rate = 48000.0;
    const auto beats = [&] (double count, double bpm)
    { return (std::int64_t) std::llround (count * 60.0 * rate / bpm); };

    EXPECT_TRUE (LoopSnap::snap (120.0, beats (4.0 * 1.029, 120.0), rate).snapped);
    EXPECT_TRUE (LoopSnap::snap (120.0, beats (4.0 * 0.971, 120.0), rate).snapped);

    const auto between = LoopSnap::snap (120.0, beats (4.5, 120.0), rate); // 12 % from 4, 10 % from 5
    EXPECT_FALSE (between.snapped);
    EXPECT_EQ (between.beats, 0);
    EXPECT_DOUBLE_EQ (between.bpm, 120.0);
}

TEST (LoopSnap, PrefersPowersOfTwoThenWholeBarsWhenSeveralCountsFit)
{
    const double rate = 48000.0;
    const auto length = [&] (double count)
    { return (std::int64_t) std::llround (count * 60.0 * rate / 128.0); };

    // 32.7 beats: 32 (2.1 % off) and 33 fit; the power of two wins.
    EXPECT_EQ (LoopSnap::snap (128.0, length (32.7), rate).beats, 32);
    // 46.6 beats: 46, 47 and 48 fit, no power of two; whole bars (48) win.
    EXPECT_EQ (LoopSnap::snap (128.0, length (46.6), rate).beats, 48);
    // 6.1 beats: only 6 fits.
    EXPECT_EQ (LoopSnap::snap (128.0, length (6.1), rate).beats, 6);
    // 1 beat.
    EXPECT_EQ (LoopSnap::snap (128.0, length (1.01), rate).beats, 1);
}

TEST (LoopSnap, NeverSnapsToATempoOutOfRangeOrWithoutATempo)
{
    // One beat of a 290 BPM loop measured 5 % slow would be 1 beat at ~305 BPM: refused.
    const auto fast = LoopSnap::snap (298.0, (std::int64_t) std::llround (60.0 * 48000.0 / 305.0), 48000.0);
    EXPECT_FALSE (fast.snapped);
    EXPECT_FALSE (LoopSnap::snap (0.0, 48000, 48000.0).snapped);
    EXPECT_FALSE (LoopSnap::snap (120.0, 0, 48000.0).snapped);
    EXPECT_FALSE (LoopSnap::snap (120.0, 48000, 0.0).snapped);
}

} // namespace paddeck
