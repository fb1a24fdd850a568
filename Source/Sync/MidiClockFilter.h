#pragma once

#include "Sync/LineFit.h"

#include <cstdint>

namespace paddeck
{

/** Turns an incoming MIDI clock (24 ticks a beat, Start, Continue, Stop, Song Position Pointer),
    each message stamped with its arrival in host time, into a steady tempo and song position.

    The tick times are jittery (USB, the sender's scheduler): a line fitted through the last four
    beats of ticks gives the tempo (its slope) and where the song is at any instant (the line
    extended), so ±1 ms of jitter moves the tempo by hundredths of a BPM. A tick far off the line
    three times running is a tempo change, and the fit starts again from the newest ticks.
    Single-threaded, no allocation. */
class MidiClockFilter
{
public:
    static constexpr int ticksPerBeat = 24;

    MidiClockFilter();

    void reset() noexcept;

    /** One MIDI message (status byte first) that arrived at `micros`. Ignores what isn't clock. */
    void handle (const std::uint8_t* bytes, int size, double micros) noexcept;

    /** Enough ticks to know the tempo. */
    bool hasTempo() const noexcept { return fit.isValid() && fit.size() >= minTicksForTempo; }
    double getBpm() const noexcept;

    /** Started (Start or Continue, and no Stop since). */
    bool isRunning() const noexcept { return running; }
    /** The song's position is known (a Start or a Song Position Pointer was received). */
    bool isPositioned() const noexcept { return positioned; }

    /** The song's beat (from 0 at Start) at an instant; the song stands still while stopped. */
    double songBeatAt (double micros) const noexcept;

    /** Ticks received (for tests and the UI). */
    std::int64_t getTicks() const noexcept { return serial; }

    static constexpr int minTicksForTempo = 6;

private:
    void tick (double micros) noexcept;

    LineFit fit{ 4 * ticksPerBeat };      // x: tick serial, y: arrival µs
    std::int64_t serial = 0;              // the serial of the next tick
    std::int64_t serialAtSongZero = 0;    // running: the tick with this serial is the song's tick 0
    std::int64_t songTickWhenStopped = 0; // stopped: where Continue starts from
    double lastTickMicros = 0.0;
    int offLine = 0;
    bool running = false, positioned = false;
};

} // namespace paddeck
