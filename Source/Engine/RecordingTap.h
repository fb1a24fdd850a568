#pragma once

#include "Streaming/FrameRing.h"

#include <atomic>

namespace paddeck
{

/** Where the master, as heard, is copied for a recording: the audio thread only copies into a
    lock-free ring that a writer thread empties to disk. Armed, it starts on the first block in
    which a pad sounds. [audio] capture; [message] setMode. */
class RecordingTap
{
public:
    enum class Mode
    {
        off,
        armed, // starts with the first pad that sounds
        recording,
    };

    // What the writer may fall behind by before frames drop: 21 s at 48 kHz, 10 s at 96 kHz (8 MB).
    static constexpr int ringFrames = 1 << 20;

    RecordingTap()
        : ring (ringFrames)
    {
    }

    void setMode (Mode m) noexcept { mode.store (m, std::memory_order_release); }   // [message]
    Mode getMode() const noexcept { return mode.load (std::memory_order_acquire); } // [any]

    /** [audio] The block's output; anyVoice: a pad sounds in it (an armed tap starts). */
    void capture (const float* left, const float* right, int numFrames, bool anyVoice) noexcept
    {
        auto m = mode.load (std::memory_order_acquire);
        if (m == Mode::armed && anyVoice)
        {
            mode.compare_exchange_strong (m, Mode::recording, std::memory_order_acq_rel);
            m = mode.load (std::memory_order_acquire);
        }
        if (m == Mode::recording)
            ring.write (left, right, numFrames);
    }

    FrameRing& getRing() noexcept { return ring; }

private:
    std::atomic<Mode> mode{ Mode::off };
    FrameRing ring;
};

} // namespace paddeck
