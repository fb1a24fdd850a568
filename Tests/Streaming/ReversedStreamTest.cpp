#include "Streaming/SampleDecoder.h"
#include "Streaming/StreamingThread.h"
#include "StreamingTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;
constexpr int blockSize = 256;

/** Plays a reader block by block, waiting (on this test thread) for the streaming thread before
    each block, so nothing misses and every frame must be the right one. `audible`: the frames the
    timeline has (the rest of a one-shot's last blocks is silence, never buffered). */
juce::AudioBuffer<float> playAll (SampleReader& reader, const Sample& sample, int frames, int audible)
{
    juce::AudioBuffer<float> played (2, frames);
    for (int done = 0; done < frames; done += blockSize)
    {
        const auto n = juce::jmin (blockSize, frames - done);
        EXPECT_TRUE (test::waitForBuffered (reader, sample, juce::jmin (n, audible - done)));
        reader.readFrames (played.getWritePointer (0, done), played.getWritePointer (1, done), n);
    }
    return played;
}
} // namespace

// Six seconds down through a file whose RAM holds only 1.5 s before the end point: the rest is read
// from disk backwards, a chunk at a time, by the streaming thread, and turned round in the ring.
TEST (StreamingReader, AReversedStreamReadsTheFileBackwardsFrameForFrame)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    const auto noise = test::makeNoise (2, 8 * (int) rate, 31);
    ASSERT_TRUE (test::writeFloatWav (file, noise, rate));

    PlaybackRegion region;
    region.startFrame = 12345;
    region.endFrame = 7 * (juce::int64) rate + 17;
    region.reverse = true;
    auto loaded = SampleDecoder::decode (file, region, LoadOptions{ rate, 0, 1.5 });
    ASSERT_TRUE (loaded.wasOk()) << loaded.message;
    auto& sample = *loaded.sample;
    ASSERT_TRUE (sample.isStreamed());
    // What a reversed hit plays first is in RAM: the prime ends at the end point.
    EXPECT_EQ (sample.findRamBackwards (region.endFrame - 1, 1000).frames, 1000);
    EXPECT_EQ (sample.findRam (region.startFrame, 1).frames, 0);

    StreamingThread thread;
    SampleReader reader;
    reader.prepare (thread, SampleReader::defaultRingFrames (rate));
    reader.start (sample, PlayTimeline::of (sample, region, false));

    const auto total = (int) (region.endFrame - region.startFrame);
    const auto played = playAll (reader, sample, total + blockSize, total);
    for (int i = 0; i < total; ++i)
        for (int ch = 0; ch < 2; ++ch)
            ASSERT_EQ (played.getSample (ch, i), noise.getSample (ch, (int) region.endFrame - 1 - i))
                << "frame " << i << " channel " << ch;
    EXPECT_EQ (played.getMagnitude (total, blockSize), 0.0f) << "silent after the start point";
    EXPECT_EQ (reader.getUnderruns(), 0u);
    EXPECT_FALSE (reader.isPlaying());
    reader.stop();
}

TEST (StreamingReader, AReversedLoopLongerThanItsPrimeWrapsFromItsStartToTheFrameBeforeItsEnd)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    const auto noise = test::makeNoise (2, 8 * (int) rate, 32);
    ASSERT_TRUE (test::writeFloatWav (file, noise, rate));

    PlaybackRegion region;
    region.loopStart = (juce::int64) rate + 5;
    region.loopEnd = 4 * (juce::int64) rate - 3; // 3 s: longer than the 1.5 s prime
    region.endFrame = 6 * (juce::int64) rate;
    region.reverse = true;
    auto loaded = SampleDecoder::decode (file, region, LoadOptions{ rate, 0, 1.5 });
    ASSERT_TRUE (loaded.wasOk()) << loaded.message;
    auto& sample = *loaded.sample;

    StreamingThread thread;
    SampleReader reader;
    reader.prepare (thread, SampleReader::defaultRingFrames (rate));
    reader.start (sample, PlayTimeline::of (sample, region, true));

    const auto intro = region.endFrame - region.loopStart;
    const auto loopLength = region.loopEnd - region.loopStart;
    const auto total = (int) (intro + 2 * loopLength + 1000);
    const auto played = playAll (reader, sample, total, total);
    for (int i = 0; i < total; ++i)
    {
        const auto frame =
            i < intro ? region.endFrame - 1 - i : region.loopEnd - 1 - (i - intro) % loopLength;
        ASSERT_EQ (played.getSample (0, i), noise.getSample (0, (int) frame)) << "frame " << i;
        ASSERT_EQ (played.getSample (1, i), noise.getSample (1, (int) frame)) << "frame " << i;
    }
    EXPECT_EQ (reader.getUnderruns(), 0u);
    reader.stop();
}

} // namespace paddeck
