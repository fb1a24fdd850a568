#include "Tempo/LaunchQueue.h"

namespace paddeck
{

bool LaunchQueue::add (const Launch& launch) noexcept
{
    if (count >= capacity)
        return false;

    // Keep the order by sample; equal samples keep their arrival order.
    int i = count++;
    for (; i > 0 && launches[(size_t) (i - 1)].sample > launch.sample; --i)
        launches[(size_t) i] = launches[(size_t) (i - 1)];
    launches[(size_t) i] = launch;
    return true;
}

bool LaunchQueue::cancel (int pad) noexcept
{
    int kept = 0;
    for (int i = 0; i < count; ++i)
        if (launches[(size_t) i].pad != pad)
            launches[(size_t) kept++] = launches[(size_t) i];
    const bool removed = kept != count;
    count = kept;
    return removed;
}

const LaunchQueue::Launch* LaunchQueue::find (int pad) const noexcept
{
    for (int i = 0; i < count; ++i)
        if (launches[(size_t) i].pad == pad)
            return &launches[(size_t) i];
    return nullptr;
}

void LaunchQueue::retime (const BeatClock& clock) noexcept
{
    for (int i = 0; i < count; ++i)
        launches[(size_t) i].sample = clock.sampleOf (launches[(size_t) i].beat);
}

bool LaunchQueue::popDue (std::int64_t endSample, Launch& out) noexcept
{
    if (count == 0 || launches[0].sample >= endSample)
        return false;
    out = launches[0];
    for (int i = 1; i < count; ++i)
        launches[(size_t) (i - 1)] = launches[(size_t) i];
    --count;
    return true;
}

} // namespace paddeck
