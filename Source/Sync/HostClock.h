#pragma once

#include <cstdint>

namespace paddeck
{

/** The one host time everything in Sync/ is measured in: microseconds of CLOCK_MONOTONIC_RAW,
    the clock Ableton Link itself uses on Linux (ableton::link::platform::Clock), so Link's
    session times, audio block times and MIDI clock arrival times are comparable without
    conversion. [any, wait-free] */
namespace HostClock
{
double micros() noexcept;
}

} // namespace paddeck
