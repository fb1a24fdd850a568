#include "Sync/BlockTimer.h"

#include "Sync/HostClock.h"

#include <cmath>

namespace paddeck
{

// A callback this far from the fitted line is not jitter: an xrun, a stalled device, a restart.
static constexpr double jumpMicros = 5000.0;

BlockTimer::BlockTimer()
    : hostClock ([] { return HostClock::micros(); })
{
}

double BlockTimer::heardAt (const ExternalClock::Block& block) noexcept
{
    const auto now = hostClock();
    const auto sample = (double) block.sample;

    // The timeline restarted (a new device or rate) or lost time: what was fitted no longer holds.
    if (block.sample <= lastSample || block.sampleRate != sampleRate
        || (fit.isValid() && std::abs (fit.yAt (sample) - now) > jumpMicros))
        fit.reset();
    sampleRate = block.sampleRate;
    lastSample = block.sample;

    fit.add (sample, now);
    return heardAtSample (sample);
}

double BlockTimer::heardAtSample (double sample) const noexcept
{
    // Until the fit has two blocks, the nominal rate.
    const auto host =
        fit.isValid() ? fit.yAt (sample)
                      : fit.yAt ((double) lastSample) + (sample - (double) lastSample) * 1.0e6 / sampleRate;
    return host + latencySeconds.load (std::memory_order_relaxed) * 1.0e6;
}

} // namespace paddeck
