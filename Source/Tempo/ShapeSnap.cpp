#include "Tempo/ShapeSnap.h"

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>

namespace paddeck
{

std::int64_t ShapeSnap::toZeroCrossing (const float* mono, int numFrames, std::int64_t firstFrame,
                                        std::int64_t frame) noexcept
{
    auto best = frame;
    auto bestDistance = std::numeric_limits<std::int64_t>::max();
    for (int i = 1; i < numFrames; ++i)
    {
        if ((mono[i - 1] < 0.0f) == (mono[i] < 0.0f))
            continue;
        const int nearer = std::abs (mono[i - 1]) <= std::abs (mono[i]) ? i - 1 : i;
        const auto crossing = firstFrame + nearer;
        const auto distance = std::llabs (crossing - frame);
        if (distance < bestDistance)
        {
            best = crossing;
            bestDistance = distance;
        }
    }
    return best;
}

std::int64_t ShapeSnap::beatFrame (std::int64_t k, double bpm, std::int64_t downbeat,
                                   double fileRate) noexcept
{
    return downbeat + std::llround ((double) k * 60.0 / bpm * fileRate);
}

std::int64_t ShapeSnap::toBeat (std::int64_t frame, double bpm, std::int64_t downbeat,
                                double fileRate) noexcept
{
    if (bpm <= 0.0 || fileRate <= 0.0)
        return frame;
    const double beatFrames = 60.0 / bpm * fileRate;
    const auto k = (std::int64_t) std::llround ((double) (frame - downbeat) / beatFrames);
    // Rounding k then the frame can land a frame off the nearest: look at the neighbours too.
    auto best = beatFrame (k, bpm, downbeat, fileRate);
    for (const auto other : { k - 1, k + 1 })
    {
        const auto candidate = beatFrame (other, bpm, downbeat, fileRate);
        if (candidate >= 0 && (best < 0 || std::llabs (candidate - frame) < std::llabs (best - frame)))
            best = candidate;
    }
    if (best < 0) // the grid's beats before frame 0: the first one at or after it
        best =
            beatFrame ((std::int64_t) std::ceil ((double) -downbeat / beatFrames), bpm, downbeat, fileRate);
    return best;
}

} // namespace paddeck
