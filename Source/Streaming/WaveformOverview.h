#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <array>
#include <atomic>

namespace paddeck
{

/** A small min/max picture of a whole sample for the UI: numBuckets columns over its length.

    Filled once by the loader ([loader]) and then published; readers on any thread check
    isReady() first, after which the values never change. */
class WaveformOverview
{
public:
    static constexpr int numBuckets = 512;

    /** The values themselves: another sample of the same file takes them instead of reading it. */
    struct Picture
    {
        std::array<float, numBuckets> minima{}, maxima{};
        juce::int64 totalFrames = 1;
    };

    /** [loader] Starts a fresh fill over a sample of totalFrames. */
    void reset (juce::int64 totalFrames) noexcept;
    /** [loader] Adds frames (right may be nullptr for mono) that start at firstFrame. */
    void add (const float* left, const float* right, int numFrames, juce::int64 firstFrame) noexcept;
    /** [loader] Takes the values of an overview of the same file, then publish(). */
    void fill (const Picture& other) noexcept { picture = other; }
    /** [any, once isReady()] */
    const Picture& getPicture() const noexcept { return picture; }
    /** [loader] Makes the filled values visible. */
    void publish() noexcept { ready.store (true, std::memory_order_release); }

    /** [any, wait-free] */
    bool isReady() const noexcept { return ready.load (std::memory_order_acquire); }
    float getMin (int bucket) const noexcept { return picture.minima[(size_t) bucket]; }
    float getMax (int bucket) const noexcept { return picture.maxima[(size_t) bucket]; }

private:
    Picture picture;
    std::atomic<bool> ready{ false };
};

} // namespace paddeck
