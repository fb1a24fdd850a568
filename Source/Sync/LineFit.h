#pragma once

#include <array>
#include <cstddef>

namespace paddeck
{

/** A least-squares line y = a + b·x through the last `capacity` points, for clocks measured
    against each other: audio frames against host time (BlockTimer), MIDI clock ticks against
    their arrival times (MidiClockFilter). A jittery measurement becomes a smooth one.

    Points are stored relative to the first one, so sample counts or microseconds in the billions
    lose no precision in the sums. Fixed capacity, no allocation. Single-threaded. */
class LineFit
{
public:
    static constexpr int capacity = 256;

    /** Keeps at most `window` points (1 … capacity). */
    explicit LineFit (int window = capacity) noexcept;

    void reset() noexcept { count = next = 0; }
    void add (double x, double y) noexcept;

    int size() const noexcept { return count; }
    /** Two points or more with different x. */
    bool isValid() const noexcept;

    /** The fitted y at x (with one point: that point's y shifted by x, slope 1). */
    double yAt (double x) const noexcept;
    /** dy/dx of the fit. */
    double slope() const noexcept;

    /** Keeps the newest n points only (a jump: what came before no longer fits). */
    void keepNewest (int n) noexcept;

private:
    void fit() const noexcept;

    std::array<double, capacity> xs{}, ys{};
    int window, count = 0, next = 0;
    double originX = 0.0, originY = 0.0;
    mutable bool dirty = true;
    mutable double a = 0.0, b = 1.0;
};

} // namespace paddeck
