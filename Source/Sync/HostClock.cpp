#include "Sync/HostClock.h"

#include <ctime>

namespace paddeck
{

double HostClock::micros() noexcept
{
    timespec now{};
    clock_gettime (CLOCK_MONOTONIC_RAW, &now);
    return (double) now.tv_sec * 1.0e6 + (double) now.tv_nsec * 1.0e-3;
}

} // namespace paddeck
