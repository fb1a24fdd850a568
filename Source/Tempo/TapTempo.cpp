#include "Tempo/TapTempo.h"

#include <algorithm>

namespace paddeck
{

std::optional<double> TapTempo::tap (double timeMs) noexcept
{
    if (count > 0
        && (timeMs - taps[(size_t) count - 1] > restartAfterMs || timeMs <= taps[(size_t) count - 1]))
        count = 0;

    if (count == (int) taps.size())
    {
        std::rotate (taps.begin(), taps.begin() + 1, taps.end());
        --count;
    }
    taps[(size_t) count++] = timeMs;

    if (count < 2)
        return std::nullopt;
    const double averageMs = (taps[(size_t) count - 1] - taps[0]) / (count - 1);
    return 60000.0 / averageMs;
}

} // namespace paddeck
