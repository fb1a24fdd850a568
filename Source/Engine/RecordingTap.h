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

    /** [message, while no audio callback runs] The engine is prepared at sampleRate. If that is a
        new rate while a recording is on, everything queued so far is at the old rate: the ring
        is marked there, so the writer stops before the new rate's first frame until the recorder
        (takeRateChange) gives it a new file at the new rate. */
    void prepare (double sampleRate) noexcept
    {
        const auto previous = rate.exchange (sampleRate);
        if (previous <= 0.0 || previous == sampleRate || getMode() == Mode::off)
            return;
        ring.markBoundary();
        rateChanged.store (true, std::memory_order_release);
    }

    /** [message] The rate the engine was last prepared at (0 before). */
    double getRate() const noexcept { return rate.load(); }

    /** [message] A change of rate during a recording since the last call, and the new rate. */
    bool takeRateChange (double& newRate) noexcept
    {
        if (!rateChanged.exchange (false, std::memory_order_acq_rel))
            return false;
        newRate = rate.load();
        return true;
    }

private:
    std::atomic<Mode> mode{ Mode::off };
    FrameRing ring;
    std::atomic<double> rate{ 0.0 };
    std::atomic<bool> rateChanged{ false };
};

} // namespace paddeck
