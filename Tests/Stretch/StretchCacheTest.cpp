#include "Stretch/StretchCache.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
/** Writes `frames` of a ramp as the key's render; returns whether it committed. */
juce::Result store (StretchCache& cache, const juce::String& key, int frames)
{
    juce::String error;
    auto writer = cache.startWriting (key, 48000.0, error);
    if (writer == nullptr)
        return juce::Result::fail (error);
    std::vector<float> l ((size_t) frames), r ((size_t) frames);
    for (int i = 0; i < frames; ++i)
        l[(size_t) i] = r[(size_t) i] = (float) (i % 100) / 200.0f;
    if (!writer->write (l.data(), r.data(), frames))
        return juce::Result::fail (writer->getError());
    return writer->commit();
}

void age (const juce::File& folder, const juce::String& key, int secondsAgo)
{
    folder.getChildFile (StretchCache::idOf (key) + ".key")
        .setLastModificationTime (juce::Time::getCurrentTime() - juce::RelativeTime::seconds (secondsAgo));
}
} // namespace

TEST (StretchCache, ARenderIsFoundAgainAfterARestartAndReadsBackWhole)
{
    test::TempFolder temp;
    const auto folder = temp / "cache";
    {
        StretchCache cache (folder);
        EXPECT_EQ (cache.find ("a"), juce::File());
        ASSERT_TRUE (store (cache, "a", 48000).wasOk());
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
        ASSERT_TRUE (store (cache, key, 48000).wasOk());
    age (folder, "old", 300);
    age (folder, "middle", 200);
    age (folder, "new", 100);
    const auto oneEntry = cache.getTotalBytes() / 3;

    // Using "old" makes it the most recent; "middle" is then the least recently used.
    ASSERT_NE (cache.find ("old"), juce::File());
    cache.setMaxBytes (oneEntry * 2 + oneEntry / 2);
    EXPECT_EQ (cache.getNumEntries(), 2);
    EXPECT_EQ (cache.find ("middle"), juce::File());
    EXPECT_NE (cache.find ("new"), juce::File());
    EXPECT_NE (cache.find ("old"), juce::File());

    // A pinned render stays even when it is the least recently used.
    age (folder, "new", 50);
    cache.pin ("new");
    cache.setMaxBytes (oneEntry + oneEntry / 2);
    EXPECT_NE (cache.find ("new"), juce::File());
    EXPECT_EQ (cache.find ("old"), juce::File());
    cache.unpin ("new");
    cache.setMaxBytes (0);
    EXPECT_EQ (cache.getNumEntries(), 0);
}

TEST (StretchCache, AFolderThatCantBeMadeOrAFullDiskFailsWithAMessageAndLeavesNothing)
{
    test::TempFolder temp;

    // A folder under a plain file can't be created, whoever runs the test (root too).
    (temp / "not-a-folder").replaceWithText ("x");
    StretchCache unwritable ((temp / "not-a-folder").getChildFile ("cache"));
    const auto refused = store (unwritable, "a", 4800);
    EXPECT_TRUE (refused.failed());
    EXPECT_TRUE (refused.getErrorMessage().contains ("can't be created")) << refused.getErrorMessage();

    StretchCache full (temp / "cache");
    full.setWriteLimitForTesting (100000);
    const auto failed = store (full, "a", 480000);
    EXPECT_TRUE (failed.failed());
    EXPECT_TRUE (failed.getErrorMessage().contains ("full")) << failed.getErrorMessage();
    EXPECT_EQ (full.find ("a"), juce::File());
    EXPECT_EQ ((temp / "cache").findChildFiles (juce::File::findFiles, false).size(), 0)
        << "no partial file is left behind";
}

} // namespace paddeck
