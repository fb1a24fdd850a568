#pragma once

#include "Tempo/BeatClock.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace paddeck
{

/** Hits and stops waiting for their beat: a fixed-capacity list, ordered by the sample each one
    fires on, that the audio thread fills and drains. No allocation; a full queue refuses. [audio] */
class LaunchQueue
{
public:
    static constexpr int capacity = 256;

    struct Launch
    {
        std::int64_t sample = 0; // fires on this sample of the engine's timeline
        double beat = 0.0;       // the boundary's beat (where a synced loop's bar starts)
        int pad = -1;
        float velocity = 1.0f;
        bool stop = false; // a quantized stop rather than a start
    };

    /** False when the queue is full. */
    bool add (const Launch& launch) noexcept;

    /** Removes what waits for this pad; returns whether anything did. */
    bool cancel (int pad) noexcept;
    void clear() noexcept { count = 0; }

    const Launch* find (int pad) const noexcept;
    bool isQueued (int pad) const noexcept { return find (pad) != nullptr; }

    /** Removes and returns the earliest launch due before `endSample`, or false. */
    bool popDue (std::int64_t endSample, Launch& out) noexcept;

    /** After the clock moved (an outside clock's tempo or phase): each launch fires on the first
        sample of its beat again. The order stays, as beats map to samples monotonically. */
    void retime (const BeatClock& clock) noexcept;

    int size() const noexcept { return count; }
    const Launch& operator[] (int i) const noexcept { return launches[(size_t) i]; }

private:
    std::array<Launch, capacity> launches{};
    int count = 0;
};

} // namespace paddeck
