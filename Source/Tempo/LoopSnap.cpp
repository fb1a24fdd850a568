#include "Tempo/LoopSnap.h"

#include "Tempo/TempoAnalysis.h"

#include <cmath>

namespace paddeck
{

namespace
{
/** Lower is preferred: a power of two, then whole 4-beat bars, then any count. */
int preference (std::int64_t beats) noexcept
{
    if ((beats & (beats - 1)) == 0)
        return 0;
    return beats % 4 == 0 ? 1 : 2;
}
} // namespace

LoopSnap LoopSnap::snap (double bpm, std::int64_t lengthFrames, double sampleRate) noexcept
{
    LoopSnap result;
    result.bpm = bpm;
    if (!(bpm > 0.0) || lengthFrames <= 0 || !(sampleRate > 0.0))
        return result;

    const double length = (double) lengthFrames;
    const double measured = length * bpm / (60.0 * sampleRate);
    const auto lowest = std::max<std::int64_t> (1, (std::int64_t) std::floor (measured / (1.0 + tolerance)));
    const auto highest = (std::int64_t) std::ceil (measured / (1.0 - tolerance));

    std::int64_t best = 0;
    for (auto n = lowest; n <= highest; ++n)
    {
        const double exact = (double) n * 60.0 * sampleRate / length;
        if (std::abs (measured / (double) n - 1.0) > tolerance || !TempoAnalysis::inRange (exact))
            continue;

        const bool better = best == 0 || preference (n) < preference (best)
                            || (preference (n) == preference (best)
                                && std::abs (measured - (double) n) < std::abs (measured - (double) best));
        if (better)
            best = n;
    }

    if (best > 0)
    {
        result.beats = (int) best;
        result.bpm = (double) best * 60.0 * sampleRate / length;
        result.snapped = true;
    }
    return result;
}

} // namespace paddeck
