#include "Stretch/StretchJobs.h"
#include "Streaming/SampleLoader.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>
#include <juce_events/juce_events.h>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;

/** Runs the message loop until the job's result arrives. */
StretchJobs::Result waitFor (StretchJobs& jobs, int pad, const StretchRequest& request,
                             juce::int64 startFrame = 0)
{
    std::optional<StretchJobs::Result> result;
    jobs.submit (pad, request, startFrame, [&result] (const StretchJobs::Result& r) { result = r; });
    for (int i = 0; i < 6000 && !result.has_value(); ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_TRUE (result.has_value()) << "the job finished";
    return result.value_or (StretchJobs::Result{});
}

struct Fixture
{
    Fixture (int seconds = 2)
    {
        file = test::writeWav (temp / "loop.wav", rate, 2, (juce::int64) (seconds * rate),
                               test::sine (440.0, rate));
        LoadOptions options;
        sample = SampleLoader (options, 1).loadNow (file, {}, rate).sample;
        settings.pitchMode = PitchMode::keyLock;
        settings.semitones = 3;
    }

    StretchJobs::Options options (const juce::File& folder) const
    {
        StretchJobs::Options o;
        o.cacheFolder = folder;
        o.engineRate = rate;
        o.numThreads = 1;
        return o;
    }

    StretchRequest request() const { return *StretchRequest::forPad (settings, *sample, rate, 120.0, 0); }

    test::TempFolder temp;
    juce::File file;
    Sample::Ptr sample;
    PadSettings settings;
};
} // namespace

TEST (StretchJobs, ARenderIsMadeOnceAndFoundInTheCacheAfterARestart)
{
    Fixture f;
    {
        StretchJobs jobs (f.options (f.temp / "cache"), nullptr);
        const auto result = waitFor (jobs, 0, f.request());
        ASSERT_NE (result.stretch, nullptr) << result.message;
        EXPECT_FALSE (result.fromCache);
        EXPECT_EQ (jobs.getRendersMade(), 1);
        EXPECT_EQ (result.stretch->sample->getLengthInFrames(), 96000);
        EXPECT_FALSE (result.stretch->sample->isStreamed()) << "a short render plays from RAM";
        EXPECT_TRUE (result.message.isEmpty()) << result.message;
    }

    // A new StretchJobs on the same folder is PadDeck started again: the render is found.
    StretchJobs restarted (f.options (f.temp / "cache"), nullptr);
    const auto again = waitFor (restarted, 0, f.request());
    ASSERT_NE (again.stretch, nullptr);
    EXPECT_TRUE (again.fromCache);
    EXPECT_EQ (restarted.getRendersMade(), 0) << "nothing rendered again";
    EXPECT_EQ (restarted.getCacheHits(), 1);
}

TEST (StretchJobs, ALongRenderStreamsFromItsCacheFile)
{
    Fixture f;
    auto options = f.options (f.temp / "cache");
    options.ramThresholdBytes = 100000; // two seconds of stereo floats are 768,000 bytes
    StretchJobs jobs (options, nullptr);
    const auto result = waitFor (jobs, 0, f.request());
    ASSERT_NE (result.stretch, nullptr) << result.message;
    EXPECT_TRUE (result.stretch->sample->isStreamed());
    EXPECT_EQ (result.stretch->sample->getLengthInFrames(), 96000);
}

TEST (StretchJobs, AnUnwritableCacheKeepsAShortRenderInRamAndFailsALongOneWithTheReason)
{
    Fixture f;
    (f.temp / "file").replaceWithText ("x");
    auto options = f.options ((f.temp / "file").getChildFile ("cache"));
    {
        StretchJobs jobs (options, nullptr);
        const auto result = waitFor (jobs, 0, f.request());
        ASSERT_NE (result.stretch, nullptr) << "a short render still plays, from RAM";
        EXPECT_TRUE (result.message.contains ("Stretch cache")) << result.message;
    }

    options.ramThresholdBytes = 100000;
    StretchJobs jobs (options, nullptr);
    const auto result = waitFor (jobs, 0, f.request());
    EXPECT_EQ (result.stretch, nullptr);
    EXPECT_TRUE (result.message.contains ("realtime stretch")) << result.message;
}

TEST (StretchJobs, ThePadRankedFirstIsRenderedFirst)
{
    Fixture f;
    std::vector<int> order;
    // Pad 2 is playing: ranked 0; the others 1. All four are queued before any starts.
    StretchJobs jobs (f.options (f.temp / "cache"), [] (int pad) { return pad == 2 ? 0 : 1; });
    jobs.setPausedForTesting (true);
    for (int pad : { 0, 1, 2, 3 })
    {
        auto s = f.settings;
        s.semitones = pad + 1;
        jobs.submit (pad, *StretchRequest::forPad (s, *f.sample, rate, 120.0, 0), 0,
                     [&order, pad] (const StretchJobs::Result&) { order.push_back (pad); });
    }
    jobs.setPausedForTesting (false);
    for (int i = 0; i < 6000 && order.size() < 4; ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    ASSERT_EQ (order.size(), 4u);
    EXPECT_EQ (order[0], 2);
    EXPECT_EQ (order[1], 0);
}

} // namespace paddeck
