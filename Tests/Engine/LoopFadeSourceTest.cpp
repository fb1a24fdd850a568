#include "Engine/LoopFadeSource.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace paddeck
{

namespace
{
struct ConstantSource : FrameSource
{
    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        std::fill (left, left + numFrames, 1.0f);
        std::fill (right, right + numFrames, 1.0f);
        return numFrames;
    }
};
} // namespace

// A damaged FLAC claimed 2^32 frames: the distance to its end, cast to int, went negative and the
// fade wrote before the block (a KeyLock worker's segfault).
TEST (LoopFadeSource, ASampleLongerThanAnIntIsShapedOnlyInsideTheBlock)
{
    constexpr int guard = 4096, block = 512;
    for (const juce::int64 length :
         { (juce::int64{ 1 } << 32) - 1, (juce::int64{ 1 } << 33) + 100, (juce::int64{ 1 } << 31) + 50 })
    {
        for (const bool loop : { false, true })
        {
            SCOPED_TRACE (std::to_string (length) + (loop ? " loop" : " one-shot"));
            ConstantSource source;
            LoopFadeSource shaped (source);
            shaped.start (0, length, loop, 0, -1, 96);

            std::vector<float> left (guard + block + guard, -7.0f), right (left.size(), -7.0f);
            ASSERT_EQ (shaped.readFrames (left.data() + guard, right.data() + guard, block), block);

            for (int i = 0; i < guard; ++i)
                ASSERT_EQ (left[(size_t) i], -7.0f) << "written " << guard - i << " frames before the block";
            for (int i = guard; i < guard + block; ++i)
                ASSERT_EQ (left[(size_t) i], 1.0f) << "faded " << i - guard << " frames into a long sample";
            EXPECT_EQ (shaped.getPosition(), block);
        }
    }
}

TEST (LoopFadeSource, TheLastFramesBeforeALongSamplesEndStillFade)
{
    ConstantSource source;
    LoopFadeSource shaped (source);
    const juce::int64 length = (juce::int64{ 1 } << 32) + 1000;
    shaped.start (length - 200, length, false, 0, -1, 96);

    std::vector<float> left (512), right (512);
    shaped.readFrames (left.data(), right.data(), 512);
    EXPECT_EQ (left[0], 1.0f);
    EXPECT_EQ (left[103], 1.0f);
    EXPECT_LT (left[199], 0.02f); // the last frame before the end, faded to 1/97
    EXPECT_GT (left[150], left[180]);
}

} // namespace paddeck
