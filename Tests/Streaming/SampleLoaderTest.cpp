#include "Streaming/SampleLoader.h"
#include "Streaming/SampleGarbage.h"
#include "Streaming/StreamingStats.h"
#include "Streaming/StreamingThread.h"
#include "StreamingTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;

template <typename Condition>
bool pumpMessagesUntil (Condition condition, int timeoutMs = 10000)
{
    for (int waited = 0; waited < timeoutMs && !condition(); waited += 10)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);

    return condition();
}
} // namespace

TEST (SampleLoader, CallsBackOnTheMessageThreadWithSamplesOrErrorsAndHonoursCancel)
{
    test::TempAudioFolder folder;
    const auto small = folder.file ("small.wav"), big = folder.file ("big.flac");
    ASSERT_TRUE (test::writeFloatWav (small, test::makeNoise (2, 24000, 21), rate));
    ASSERT_TRUE (test::writeAudio (juce::FlacAudioFormat(), big,
                                   test::makeSine (2, 10 * (int) rate, 100.0, rate), rate, 16));

    LoadOptions options;
    options.streamThresholdBytes = 1024 * 1024; // 10 s of stereo floats (3.8 MB) streams
    SampleLoader loader (options, 2);

    std::map<juce::String, LoadResult> results;
    const auto record = [&] (const juce::String& name)
    {
        return [&results, name] (const LoadResult& r)
        {
            EXPECT_TRUE (juce::MessageManager::getInstance()->isThisTheMessageThread());
            results[name] = r;
        };
    };

    loader.load (small, {}, record ("small"));
    loader.load (big, { 48000, 96000, -1 }, record ("big"));
    loader.load (folder.file ("nowhere.wav"), {}, record ("missing"));
    loader.cancel (loader.load (small, {}, record ("cancelled")));

    ASSERT_TRUE (pumpMessagesUntil ([&] { return results.size() >= 3; }));
    pumpMessagesUntil ([] { return false; }, 200);
    EXPECT_EQ (results.count ("cancelled"), 0u);
    EXPECT_EQ (loader.getNumPending(), 0);

    ASSERT_TRUE (results["small"].wasOk()) << results["small"].message;
    EXPECT_FALSE (results["small"].sample->isStreamed());
    EXPECT_TRUE (results["small"].sample->getOverview().isReady());

    auto& bigSample = results["big"].sample;
    ASSERT_TRUE (results["big"].wasOk()) << results["big"].message;
    EXPECT_TRUE (bigSample->isStreamed());
    EXPECT_EQ (bigSample->getRegion().loopStart, 96000);
    // Primes: [48000, 120000) and [96000, 168000) merge into one region of 2.5 s.
    EXPECT_EQ (bigSample->getRamBytes(), (juce::int64) (120000) * 2 * 4);
    EXPECT_EQ (bigSample->findRam (48000, 1000000).frames, 120000);
    EXPECT_EQ (bigSample->findRam (0, 1000000).gapFrames, 48000);

    // A stream's overview arrives in the background after it is playable.
    ASSERT_TRUE (pumpMessagesUntil ([&] { return bigSample->getOverview().isReady(); }));
    EXPECT_NEAR (bigSample->getOverview().getMax (100), 0.5f, 0.01f);
    EXPECT_NEAR (bigSample->getOverview().getMin (400), -0.5f, 0.01f);

    EXPECT_EQ (results["missing"].error, LoadError::missingFile);
    EXPECT_TRUE (results["missing"].message.contains ("nowhere.wav"));

    // cancelAll: nothing pending calls back.
    results.clear();
    for (int i = 0; i < 4; ++i)
        loader.load (big, {}, record ("late" + juce::String (i)));
    loader.cancelAll();
    pumpMessagesUntil ([] { return false; }, 300);
    EXPECT_TRUE (results.empty());

    // loadNow: the same decoding, synchronously, for another engine rate.
    const auto now = loader.loadNow (small, {}, 96000.0);
    ASSERT_TRUE (now.wasOk());
    EXPECT_EQ (now.sample->getSampleRate(), 96000.0);
    EXPECT_EQ (now.sample->getLengthInFrames(), 48000);
}

TEST (SampleGarbage, FreesASampleOnlyWhenNoReaderUsesItAndCountsMemory)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    ASSERT_TRUE (test::writeFloatWav (file, test::makeNoise (2, 4 * (int) rate, 22), rate));

    StreamingThread thread;
    SampleGarbage garbage (thread);
    const auto before = StreamingStats::get();

    SampleReader reader;
    reader.prepare (thread, 96000);
    EXPECT_EQ (StreamingStats::get().streamRingBytes - before.streamRingBytes, 96000 * 2 * 4);

    LoadOptions options{ rate, 0, 1.5 };
    SampleLoader loader (options);
    auto result = loader.loadNow (file, {}, rate);
    ASSERT_TRUE (result.wasOk());
    EXPECT_EQ (result.sample->getRamBytes(), 72000 * 2 * 4);

    auto during = StreamingStats::get();
    EXPECT_EQ (during.numSamples, before.numSamples + 1);
    EXPECT_EQ (during.numStreamedSamples, before.numStreamedSamples + 1);
    EXPECT_EQ (during.sampleRamBytes - before.sampleRamBytes, 72000 * 2 * 4);

    float left[256], right[256];
    reader.start (*result.sample, 0, true);
    reader.readFrames (left, right, 256);

    garbage.release (std::move (result.sample));
    EXPECT_EQ (garbage.getNumPending(), 1);

    for (int i = 0; i < 20; ++i)
    {
        EXPECT_EQ (garbage.collect(), 0) << "freed while a reader plays it";
        std::this_thread::sleep_for (std::chrono::milliseconds (5));
        reader.readFrames (left, right, 256);
    }

    reader.stop();
    int freed = 0;
    for (int i = 0; i < 1000 && freed == 0; ++i)
    {
        freed = garbage.collect();
        std::this_thread::sleep_for (std::chrono::milliseconds (2));
    }

    EXPECT_EQ (freed, 1);
    EXPECT_EQ (garbage.getNumPending(), 0);
    EXPECT_EQ (StreamingStats::get().numSamples, before.numSamples);
    EXPECT_EQ (StreamingStats::get().sampleRamBytes, before.sampleRamBytes);
}

// Slicing a long track puts it on 16 pads, each streaming its own region: each once read the whole
// file again for its overview, queuing every load after them behind 16 full decodes.
TEST (SampleLoader, AStreamedFileOnManyPadsIsReadForItsOverviewOnceUntilItChanges)
{
    test::TempAudioFolder folder;
    const auto track = folder.file ("track.flac");
    ASSERT_TRUE (test::writeAudio (juce::FlacAudioFormat(), track,
                                   test::makeSine (2, 10 * (int) rate, 100.0, rate), rate, 16));

    LoadOptions options;
    options.streamThresholdBytes = 1024 * 1024;
    SampleLoader loader (options, 2);

    std::vector<Sample::Ptr> slices;
    const auto loadSlice = [&] (juce::int64 start)
    {
        loader.load (track, { start, start, -1 },
                     [&] (const LoadResult& r)
                     {
                         ASSERT_TRUE (r.wasOk()) << r.message;
                         slices.push_back (r.sample);
                     });
    };
    const auto allReady = [&] {
        return std::all_of (slices.begin(), slices.end(),
                            [] (auto& s) { return s->getOverview().isReady(); });
    };

    loadSlice (0);
    ASSERT_TRUE (pumpMessagesUntil ([&] { return slices.size() == 1 && allReady(); }));
    EXPECT_EQ (loader.getNumOverviewsRead(), 1);

    for (int i = 1; i < 8; ++i)
        loadSlice (i * 60000);
    ASSERT_TRUE (pumpMessagesUntil ([&] { return slices.size() == 8 && allReady(); }));
    EXPECT_EQ (loader.getNumOverviewsRead(), 1) << "the other seven took the first one's";
    for (const auto& slice : slices)
    {
        ASSERT_TRUE (slice->isStreamed());
        for (int bucket = 0; bucket < WaveformOverview::numBuckets; bucket += 37)
        {
            EXPECT_EQ (slice->getOverview().getMin (bucket), slices[0]->getOverview().getMin (bucket));
            EXPECT_EQ (slice->getOverview().getMax (bucket), slices[0]->getOverview().getMax (bucket));
        }
    }
    EXPECT_NEAR (slices[3]->getOverview().getMax (100), 0.5f, 0.01f);

    // The file is written again (quieter): the next pad reads it, and shows the new one.
    auto quieter = test::makeSine (2, 12 * (int) rate, 100.0, rate);
    quieter.applyGain (0.5f);
    ASSERT_TRUE (test::writeAudio (juce::FlacAudioFormat(), track, quieter, rate, 16));
    track.setLastModificationTime (juce::Time::getCurrentTime() + juce::RelativeTime::seconds (5));
    loadSlice (0);
    ASSERT_TRUE (pumpMessagesUntil ([&] { return slices.size() == 9 && allReady(); }));
    EXPECT_EQ (loader.getNumOverviewsRead(), 2);
    EXPECT_NEAR (slices.back()->getOverview().getMax (100), 0.25f, 0.01f);
}

} // namespace paddeck
