#include "Tempo/ShapeSnap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <vector>

namespace paddeck
{

namespace
{
/** A 440 Hz sine at 48 kHz: its zero crossings fall between frames, at k · 600 / 11. */
std::vector<float> sine440 (int frames, std::int64_t firstFrame)
{
    std::vector<float> data ((size_t) frames);
    for (int i = 0; i < frames; ++i)
        data[(size_t) i] = 0.5f * (float) std::sin (2.0 * M_PI * 440.0 * (double) (firstFrame + i) / 48000.0);
    return data;
}

/** The frame nearest the crossing nearest `frame`, worked out from where the sine crosses. */
std::int64_t expectedCrossing (std::int64_t frame)
{
    const double halfPeriod = 48000.0 / 880.0;
    const auto k = std::llround ((double) frame / halfPeriod);
    std::int64_t best = -1;
    for (const auto c : { k - 1, k, k + 1 })
    {
        const auto f = (std::int64_t) std::llround ((double) c * halfPeriod);
        if (best < 0 || std::llabs (f - frame) < std::llabs (best - frame))
            best = f;
    }
    return best;
}
} // namespace

TEST (ShapeSnap, TheNearestZeroCrossingOfASineIsExactToTheSample)
{
    const std::int64_t first = 100000; // the frames read start well into the file
    const auto data = sine440 (8192, first);
    int checked = 0;
    for (std::int64_t frame = first + 100; frame < first + 8000; frame += 7)
    {
        const auto snapped = ShapeSnap::toZeroCrossing (data.data(), (int) data.size(), first, frame);
        ASSERT_EQ (snapped, expectedCrossing (frame)) << "from frame " << frame;
        // Within half a frame of where the sine crosses: the nearer of the two frames around it.
        const auto i = (size_t) (snapped - first);
        EXPECT_LE (std::abs (data[i]), 0.5f * (float) std::sin (M_PI * 440.0 / 48000.0) + 1.0e-6f);
        ++checked;
    }
    EXPECT_GT (checked, 1000);
}

TEST (ShapeSnap, WithoutACrossingTheFrameStaysWhereItIs)
{
    const std::vector<float> offset (4096, 0.25f); // DC: no crossing anywhere
    EXPECT_EQ (ShapeSnap::toZeroCrossing (offset.data(), (int) offset.size(), 5000, 7000), 7000);
    EXPECT_EQ (ShapeSnap::toZeroCrossing (offset.data(), 0, 5000, 7000), 7000);
}

TEST (ShapeSnap, OnAPadWithATempoFramesSnapToItsExactBeats)
{
    // 128 BPM at 44.1 kHz: 20671.875 frames a beat, from a downbeat at frame 1234.
    const double bpm = 128.0, rate = 44100.0;
    const std::int64_t downbeat = 1234;
    for (std::int64_t k = 0; k < 64; ++k)
    {
        const auto beat = downbeat + std::llround ((double) k * 60.0 / bpm * rate);
        EXPECT_EQ (ShapeSnap::beatFrame (k, bpm, downbeat, rate), beat);
        for (const std::int64_t off : { -10000, -1, 0, 1, 333, 10000 })
        {
            if (beat + off < 0)
                continue;
            EXPECT_EQ (ShapeSnap::toBeat (beat + off, bpm, downbeat, rate), beat)
                << "beat " << k << " + " << off;
        }
    }
    // Before the downbeat: the beats before it, down to frame 0 and never past it.
    EXPECT_EQ (ShapeSnap::toBeat (0, 120.0, 30000, 48000.0), 6000); // 30000 - 24000
    EXPECT_EQ (ShapeSnap::toBeat (0, 120.0, 1000, 48000.0), 1000);  // the beat before is at -23000
    EXPECT_EQ (ShapeSnap::toBeat (12345, 0.0, 1000, 48000.0), 12345) << "no tempo: no grid";
}

} // namespace paddeck
