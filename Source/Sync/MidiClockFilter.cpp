#include "Sync/MidiClockFilter.h"

#include <cmath>

namespace paddeck
{

// A tick this far from the fitted line is not jitter (a USB interface stays within a millisecond
// or two); a gap this long means the clock stopped and came back, at any tempo.
static constexpr double offLineMicros = 4000.0;
static constexpr double gapMicros = 500000.0;
static constexpr int offLineTicksForChange = 3;

MidiClockFilter::MidiClockFilter() { reset(); }

void MidiClockFilter::reset() noexcept
{
    fit.reset();
    serial = serialAtSongZero = songTickWhenStopped = 0;
    lastTickMicros = 0.0;
    offLine = 0;
    running = positioned = false;
}

double MidiClockFilter::getBpm() const noexcept
{
    const auto microsPerTick = fit.slope();
    return microsPerTick > 0.0 ? 60.0e6 / (microsPerTick * ticksPerBeat) : 0.0;
}

void MidiClockFilter::handle (const std::uint8_t* bytes, int size, double micros) noexcept
{
    if (size < 1)
        return;

    switch (bytes[0])
    {
        case 0xf8: // clock
            tick (micros);
            break;
        case 0xfa: // start: the next tick is the song's first
            serialAtSongZero = serial;
            running = positioned = true;
            break;
        case 0xfb: // continue from where the song stood
            serialAtSongZero = serial - songTickWhenStopped;
            running = positioned = true;
            break;
        case 0xfc: // stop: the song stands at the ticks played
            if (running)
                songTickWhenStopped = serial - serialAtSongZero;
            running = false;
            break;
        case 0xf2: // song position pointer, in sixteenths (6 ticks); only meaningful when stopped
            if (size >= 3 && !running)
            {
                songTickWhenStopped = 6 * (((std::int64_t) bytes[2] << 7) | bytes[1]);
                positioned = true;
            }
            break;
        default:
            break;
    }
}

void MidiClockFilter::tick (double micros) noexcept
{
    if (fit.size() > 0 && micros - lastTickMicros > gapMicros)
        fit.reset();
    lastTickMicros = micros;

    if (hasTempo())
    {
        // Jitter stays near the line; a new tempo leaves it for good.
        if (std::abs (micros - fit.yAt ((double) serial)) > offLineMicros)
        {
            if (++offLine >= offLineTicksForChange)
            {
                fit.keepNewest (offLineTicksForChange - 1);
                offLine = 0;
            }
        }
        else
        {
            offLine = 0;
        }
    }

    fit.add ((double) serial, micros);
    ++serial;
}

double MidiClockFilter::songBeatAt (double micros) const noexcept
{
    if (!running)
        return (double) songTickWhenStopped / ticksPerBeat;
    if (!fit.isValid())
        return (double) (serial - 1 - serialAtSongZero) / ticksPerBeat;

    // Where the fitted line says the tick count is at that instant, from the newest tick.
    const auto last = (double) (serial - 1);
    const auto ticks = last + (micros - fit.yAt (last)) / fit.slope();
    return (ticks - (double) serialAtSongZero) / ticksPerBeat;
}

} // namespace paddeck
