#pragma once

#include <juce_core/juce_core.h>

#include <atomic>
#include <vector>

namespace paddeck
{

/** A single-producer single-consumer ring of stereo float frames: the audio thread writes what it
    plays, a writer thread takes it. Sized once; writing never blocks or allocates, and frames that
    do not fit are dropped and counted rather than waited for. */
class FrameRing
{
public:
    explicit FrameRing (int capacityFrames); // [message] allocates; rounded up to a power of two

    /** [producer] Returns how many frames fitted (the rest are dropped and counted). */
    int write (const float* left, const float* right, int numFrames) noexcept;

    /** [consumer] Takes up to maxFrames; returns how many. */
    int read (float* left, float* right, int maxFrames) noexcept;

    /** [consumer] Forgets what is queued (a recording starts afresh). */
    void clear() noexcept
    {
        readIndex.store (writeIndex.load (std::memory_order_acquire), std::memory_order_release);
    }

    int getCapacity() const noexcept { return mask + 1; }
    juce::int64 getDroppedFrames() const noexcept
    {
        return dropped.load (std::memory_order_relaxed);
    }                                     // [any]
    int getQueuedFrames() const noexcept; // [any]
    /** [any] Frames written or read since the ring was made: where a frame falls in the stream. */
    juce::uint64 getWritePosition() const noexcept { return writeIndex.load (std::memory_order_acquire); }
    juce::uint64 getReadPosition() const noexcept { return readIndex.load (std::memory_order_acquire); }

private:
    std::vector<float> left, right;
    int mask = 0;
    std::atomic<juce::uint64> writeIndex{ 0 }, readIndex{ 0 };
    std::atomic<juce::int64> dropped{ 0 };
};

} // namespace paddeck
