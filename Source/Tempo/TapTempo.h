#pragma once

#include <array>
#include <optional>

namespace paddeck
{

/** A tempo from taps: the average of the last few intervals, restarted after a pause. Taps come
    from the message thread (a button, a key, a mapped MIDI button), so they are ms-accurate, which
    four intervals average well below a BPM. [message] */
class TapTempo
{
public:
    static constexpr double restartAfterMs = 2000.0;
    static constexpr int intervalsAveraged = 4;

    /** A tap at `timeMs`; returns the tempo once there are two taps or more. */
    std::optional<double> tap (double timeMs) noexcept;
    void reset() noexcept { count = 0; }

private:
    std::array<double, intervalsAveraged + 1> taps{};
    int count = 0;
};

} // namespace paddeck
