#include "Streaming/FrameRing.h"

namespace paddeck
{

FrameRing::FrameRing (int capacityFrames)
{
    const auto capacity = juce::nextPowerOfTwo (juce::jmax (2, capacityFrames));
    left.assign ((size_t) capacity, 0.0f);
    right.assign ((size_t) capacity, 0.0f);
    mask = capacity - 1;
}

int FrameRing::getQueuedFrames() const noexcept
{
    return (int) (writeIndex.load (std::memory_order_acquire) - readIndex.load (std::memory_order_acquire));
}

int FrameRing::write (const float* l, const float* r, int numFrames) noexcept
{
    const auto w = writeIndex.load (std::memory_order_relaxed);
    const auto free =
        (juce::int64) getCapacity() - (juce::int64) (w - readIndex.load (std::memory_order_acquire));
    const auto n = (int) juce::jlimit ((juce::int64) 0, (juce::int64) numFrames, free);
    if (n < numFrames)
        dropped.fetch_add (numFrames - n, std::memory_order_relaxed);

    const auto first = (int) (w & (juce::uint64) mask);
    const auto firstPart = juce::jmin (n, mask + 1 - first);
    std::copy_n (l, firstPart, left.data() + first);
    std::copy_n (r, firstPart, right.data() + first);
    std::copy_n (l + firstPart, n - firstPart, left.data());
    std::copy_n (r + firstPart, n - firstPart, right.data());
    writeIndex.store (w + (juce::uint64) n, std::memory_order_release);
    return n;
}

int FrameRing::read (float* l, float* r, int maxFrames) noexcept
{
    const auto rd = readIndex.load (std::memory_order_relaxed);
    const auto written = writeIndex.load (std::memory_order_acquire);
    const auto stop = boundary.load (std::memory_order_acquire);
    const auto limit = stop >= rd ? juce::jmin (written, stop) : written;
    const auto n = (int) juce::jmin ((juce::uint64) maxFrames, limit - rd);
    const auto first = (int) (rd & (juce::uint64) mask);
    const auto firstPart = juce::jmin (n, mask + 1 - first);
    std::copy_n (left.data() + first, firstPart, l);
    std::copy_n (right.data() + first, firstPart, r);
    std::copy_n (left.data(), n - firstPart, l + firstPart);
    std::copy_n (right.data(), n - firstPart, r + firstPart);
    readIndex.store (rd + (juce::uint64) n, std::memory_order_release);
    return n;
}

} // namespace paddeck
