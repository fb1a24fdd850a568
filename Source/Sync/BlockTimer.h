#pragma once

#include "Engine/ExternalClock.h"
#include "Sync/LineFit.h"

#include <atomic>
#include <functional>

namespace paddeck
{

/** When each audio block is heard, in host time (HostClock microseconds): the host time of the
    callback, smoothed by a line fitted through the last blocks' (timeline sample, host time)
    pairs so the scheduler's jitter does not move the beat, plus the output latency (the device's
    buffer and its output latency: what AudibleBeat counts too). Link's phase and MIDI clock are
    read at that instant, so PadDeck's downbeat leaves the speakers with the others'. */
class BlockTimer
{
public:
    BlockTimer();

    /** [any] The latency from a block's start to the speakers, in seconds. */
    void setOutputLatency (double seconds) noexcept { latencySeconds.store (seconds); }
    double getOutputLatency() const noexcept { return latencySeconds.load(); }

    /** [before playback] Tests replace the host clock (microseconds) to place blocks in time. */
    void setHostClock (std::function<double()> clock) { hostClock = std::move (clock); }

    /** [audio] Measures this block's host time; returns when its first frame is heard (µs). */
    double heardAt (const ExternalClock::Block& block) noexcept;

    /** [audio, after heardAt] When a timeline sample is heard (µs), at the fitted rate. */
    double heardAtSample (double sample) const noexcept;

private:
    std::function<double()> hostClock;
    std::atomic<double> latencySeconds{ 0.0 };

    // audio only
    LineFit fit;
    std::int64_t lastSample = -1;
    double sampleRate = 48000.0;
};

} // namespace paddeck
