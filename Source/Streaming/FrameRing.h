#pragma once

#include <juce_core/juce_core.h>

#include <atomic>
#include <limits>
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
        boundary.store (noBoundary, std::memory_order_release);
    }

    /** [while the producer is stopped] What is written from now on is of another kind (frames at a
        new sample rate): read() stops before it until the consumer calls passBoundary(). */
    void markBoundary() noexcept
    {
        boundary.store (writeIndex.load (std::memory_order_acquire), std::memory_order_release);
    }
    /** [consumer] Everything before the boundary has been read. */
    bool isAtBoundary() const noexcept
    {
        return boundary.load (std::memory_order_acquire) == readIndex.load (std::memory_order_acquire);
    }
    /** [consumer] Reads go on past the boundary. */
    void passBoundary() noexcept { boundary.store (noBoundary, std::memory_order_release); }

    int getCapacity() const noexcept { return mask + 1; }
    juce::int64 getDroppedFrames() const noexcept
    {
        return dropped.load (std::memory_order_relaxed);
    }                                     // [any]
    int getQueuedFrames() const noexcept; // [any]

private:
    std::vector<float> left, right;
    int mask = 0;
    std::atomic<juce::uint64> writeIndex{ 0 }, readIndex{ 0 };
    std::atomic<juce::int64> dropped{ 0 };
    static constexpr juce::uint64 noBoundary = std::numeric_limits<juce::uint64>::max();
    std::atomic<juce::uint64> boundary{ noBoundary };
};

} // namespace paddeck
