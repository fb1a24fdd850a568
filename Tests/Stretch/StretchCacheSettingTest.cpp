#include "Stretch/StretchCacheSetting.h"
#include "Support/StoredRender.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

static constexpr juce::int64 gigabyte = (juce::int64) 1 << 30;

TEST (StretchCacheSetting, IsFourGigabytesUntilChangedAndSurvivesARestart)
{
    test::TempFolder temp;
    const auto file = temp / "settings.xml";
    {
        Settings settings (file);
        EXPECT_EQ (StretchCacheSetting::read (&settings), 4 * gigabyte);
        StretchCacheSetting::change (&settings, nullptr, 16 * gigabyte);
        EXPECT_EQ (StretchCacheSetting::read (&settings), 16 * gigabyte);
    } // saved as the app quits

    Settings restarted (file);
    EXPECT_EQ (StretchCacheSetting::read (&restarted), 16 * gigabyte) << file.loadFileAsString();
    EXPECT_EQ (StretchCacheSetting::read (nullptr), StretchCache::defaultMaxBytes);
}

TEST (StretchCacheSetting, AValueThatMakesNoSenseGivesTheDefault)
{
    test::TempSettings temp;
    auto& props = temp.settings.properties();
    for (const auto* bad : { "", "lots", "-5", "1.5e9", "1000" })
    {
        props.setValue (StretchCacheSetting::key, bad);
        EXPECT_EQ (StretchCacheSetting::read (&temp.settings), StretchCache::defaultMaxBytes) << bad;
    }
    props.setValue (StretchCacheSetting::key, "3221225472"); // 3 GB, set by hand
    EXPECT_EQ (StretchCacheSetting::read (&temp.settings), 3 * gigabyte);
}

TEST (StretchCacheSetting, ALowerLimitEvictsTheLeastRecentlyUsedAtOnceButNeverOneInUse)
{
    test::TempFolder temp;
    test::TempSettings settings;
    const auto folder = temp / "cache";
    StretchCache cache (folder, StretchCacheSetting::read (&settings.settings));
    for (const auto* key : { "oldest", "old", "held", "new" })
        ASSERT_TRUE (test::storeRender (cache, key, 48000).wasOk());
    test::ageRender (folder, "held", 400); // the least recently used of all, but a pad plays it
    test::ageRender (folder, "oldest", 300);
    test::ageRender (folder, "old", 200);
    test::ageRender (folder, "new", 100);
    cache.pin ("held");
    const auto oneEntry = cache.getTotalBytes() / 4;

    // Room for two: no write comes after, the change alone removes them.
    StretchCacheSetting::change (&settings.settings, &cache, oneEntry * 2 + oneEntry / 2);
    EXPECT_EQ (cache.getNumEntries(), 2);
    EXPECT_TRUE (cache.find ("held").existsAsFile());
    EXPECT_TRUE (cache.find ("new").existsAsFile());
    EXPECT_EQ (cache.find ("oldest"), juce::File());
    EXPECT_EQ (cache.find ("old"), juce::File());
    EXPECT_EQ (cache.getMaxBytes(), oneEntry * 2 + oneEntry / 2);
    EXPECT_EQ (settings.settings.properties().getValue (StretchCacheSetting::key),
               juce::String (oneEntry * 2 + oneEntry / 2));
}

TEST (StretchCacheSetting, TheChoicesRunFromOneToSixtyFourGigabytesAndHoldTheDefault)
{
    const auto choices = StretchCacheSetting::choices();
    ASSERT_EQ (choices.size(), 7);
    EXPECT_EQ (choices.getFirst(), gigabyte);
    EXPECT_EQ (choices.getLast(), 64 * gigabyte);
    EXPECT_TRUE (choices.contains (StretchCache::defaultMaxBytes));
}

} // namespace paddeck
