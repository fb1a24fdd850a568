#include "Stretch/StretchCache.h"
#include "Support/StoredRender.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

using test::ageRender;
using test::storeRender;

TEST (StretchCache, ARenderIsFoundAgainAfterARestartAndReadsBackWhole)
{
    test::TempFolder temp;
    const auto folder = temp / "cache";
    {
        StretchCache cache (folder);
        EXPECT_EQ (cache.find ("a"), juce::File());
        ASSERT_TRUE (storeRender (cache, "a", 48000).wasOk());
    }

    StretchCache restarted (folder);
    const auto audio = restarted.find ("a");
    ASSERT_TRUE (audio.existsAsFile());
    std::unique_ptr<juce::AudioFormatReader> reader (
        juce::WavAudioFormat().createReaderFor (audio.createInputStream().release(), true));
    ASSERT_NE (reader, nullptr);
    EXPECT_EQ (reader->lengthInSamples, 48000);
    EXPECT_EQ (reader->numChannels, 2u);
    EXPECT_EQ (restarted.find ("b"), juce::File()) << "another key is another render";
}

TEST (StretchCache, PastItsLimitTheLeastRecentlyUsedGoesFirstButNeverOneInUse)
{
    test::TempFolder temp;
    const auto folder = temp / "cache";
    StretchCache cache (folder);
    for (const auto* key : { "old", "middle", "new" })
        ASSERT_TRUE (storeRender (cache, key, 48000).wasOk());
    ageRender (folder, "old", 300);
    ageRender (folder, "middle", 200);
    ageRender (folder, "new", 100);
    const auto oneEntry = cache.getTotalBytes() / 3;

    // Using "old" makes it the most recent; "middle" is then the least recently used.
    ASSERT_NE (cache.find ("old"), juce::File());
    cache.setMaxBytes (oneEntry * 2 + oneEntry / 2);
    EXPECT_EQ (cache.getNumEntries(), 2);
    EXPECT_EQ (cache.find ("middle"), juce::File());
    EXPECT_NE (cache.find ("new"), juce::File());
    EXPECT_NE (cache.find ("old"), juce::File());

    // A pinned render stays even when it is the least recently used.
    ageRender (folder, "new", 50);
    cache.pin ("new");
    cache.setMaxBytes (oneEntry + oneEntry / 2);
    EXPECT_NE (cache.find ("new"), juce::File());
    EXPECT_EQ (cache.find ("old"), juce::File());
    cache.unpin ("new");
    cache.setMaxBytes (0);
    EXPECT_EQ (cache.getNumEntries(), 0);
}

TEST (StretchCache, ClearRemovesEveryRenderButThoseInUse)
{
    test::TempFolder temp;
    const auto folder = temp / "cache";
    StretchCache cache (folder);
    for (const auto* key : { "a", "b", "c" })
        ASSERT_TRUE (storeRender (cache, key, 4800).wasOk());
    const auto oneEntry = cache.getTotalBytes() / 3;

    cache.pin ("b");
    cache.pin ("b"); // two pads hold it
    EXPECT_EQ (cache.clear(), 2);
    EXPECT_EQ (cache.getNumEntries(), 1);
    EXPECT_EQ (cache.getTotalBytes(), oneEntry);
    EXPECT_EQ (cache.find ("a"), juce::File());
    EXPECT_EQ (cache.find ("c"), juce::File());
    EXPECT_TRUE (cache.find ("b").existsAsFile()) << "a render a pad holds is kept";

    cache.unpin ("b");
    EXPECT_EQ (cache.clear(), 0) << "still held by the second pad";
    cache.unpin ("b");
    EXPECT_EQ (cache.clear(), 1);
    EXPECT_EQ (cache.getNumEntries(), 0);
    EXPECT_EQ (cache.getTotalBytes(), 0);
    EXPECT_EQ (folder.findChildFiles (juce::File::findFiles, false).size(), 0) << "nothing is left behind";
}

TEST (StretchCache, AFolderThatCantBeMadeOrAFullDiskFailsWithAMessageAndLeavesNothing)
{
    test::TempFolder temp;

    // A folder under a plain file can't be created, whoever runs the test (root too).
    (temp / "not-a-folder").replaceWithText ("x");
    StretchCache unwritable ((temp / "not-a-folder").getChildFile ("cache"));
    const auto refused = storeRender (unwritable, "a", 4800);
    EXPECT_TRUE (refused.failed());
    EXPECT_TRUE (refused.getErrorMessage().contains ("can't be created")) << refused.getErrorMessage();

    StretchCache full (temp / "cache");
    full.setWriteLimitForTesting (100000);
    const auto failed = storeRender (full, "a", 480000);
    EXPECT_TRUE (failed.failed());
    EXPECT_TRUE (failed.getErrorMessage().contains ("full")) << failed.getErrorMessage();
    EXPECT_EQ (full.find ("a"), juce::File());
    EXPECT_EQ ((temp / "cache").findChildFiles (juce::File::findFiles, false).size(), 0)
        << "no partial file is left behind";
}

} // namespace paddeck
