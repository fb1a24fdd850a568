#pragma once

#include <cstdint>

namespace paddeck
{

/** A loop's tempo taken from its exact length: a loop whose length is within 3 % of a whole
    number of beats at a found tempo is that many beats long, and its tempo is then exactly
    beats * 60 * rate / length, so a 2-bar loop measured at 127.96 BPM plays as exactly 2 bars
    (8 beats at 128.00). When several counts fit (long loops), 1, 2, 4, 8, 16, 32… beats win, then
    whole bars of 4, then the nearest.

    A plain value; pure arithmetic, any thread (the audio thread too: no allocation). */
struct LoopSnap
{
    static constexpr double tolerance = 0.03;

    int beats = 0;        // whole beats in the loop; 0 when it did not snap
    double bpm = 0.0;     // the exact tempo when snapped, else the tempo given
    bool snapped = false; // the length is a whole number of beats within the tolerance

    static LoopSnap snap (double bpm, std::int64_t lengthFrames, double sampleRate) noexcept;
};

} // namespace paddeck
