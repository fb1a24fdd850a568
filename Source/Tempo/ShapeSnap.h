#pragma once

#include <cstdint>

namespace paddeck
{

/** Where a dragged start, end or loop point lands: on the zero crossing nearest the mouse (so a
    cut starts and ends without a click), or, on a pad with a tempo, on the nearest beat of its
    grid (so a loop is whole beats long). Frames are the file's own.

    Pure arithmetic on what the caller read; any thread, no allocation. */
struct ShapeSnap
{
    /** Frames read each side of the mouse when looking for a zero crossing: ~43 ms at 48 kHz,
        more than half a period of anything above 12 Hz. */
    static constexpr int zeroCrossingReach = 2048;

    /** The zero crossing in `mono` (numFrames frames, the first of them file frame firstFrame)
        nearest `frame`. A crossing lies between two frames of opposite sign (zero counts as
        positive), and lands on whichever of the two is nearer zero; of two equally near, the
        earlier wins. `frame` itself when the frames hold no crossing. */
    static std::int64_t toZeroCrossing (const float* mono, int numFrames, std::int64_t firstFrame,
                                        std::int64_t frame) noexcept;

    /** The beat nearest `frame` on the grid downbeat + k · 60 / bpm · fileRate (k any whole
        number, rounded to the nearest frame), never before frame 0. `frame` itself for no tempo. */
    static std::int64_t toBeat (std::int64_t frame, double bpm, std::int64_t downbeat,
                                double fileRate) noexcept;

    /** The beat k of that grid, as a frame (k may be negative: the beats before the downbeat). */
    static std::int64_t beatFrame (std::int64_t k, double bpm, std::int64_t downbeat,
                                   double fileRate) noexcept;
};

} // namespace paddeck
