#include "App/MainWindow.h"
#include "Stretch/StretchCacheSetting.h"
#include "Support/StoredRender.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"
#include "Support/TestServers.h"
#include "UI/AudioSettingsPanel.h"
#include "UI/PadDeckLookAndFeel.h"

#include <gtest/gtest.h>

namespace paddeck
{

static constexpr juce::int64 gigabyte = (juce::int64) 1 << 30;

/** The audio settings' rendered-stretch section, in real windows under Xvfb (named
    PerformerScreen… so the test runner starts the virtual display). The cache is a temporary
    folder; the settings a temporary file. */
struct PerformerScreenStretchCache : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
        juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);
        for (const auto* key : { "a", "b", "c" })
            ASSERT_TRUE (test::storeRender (cache, key, 48000).wasOk());
    }

    void TearDown() override { juce::LookAndFeel::setDefaultLookAndFeel (nullptr); }

    static int idOfItem (juce::ComboBox& box, const juce::String& text)
    {
        for (int i = 0; i < box.getNumItems(); ++i)
            if (box.getItemText (i) == text)
                return box.getItemId (i);
        return 0;
    }

    static void writePng (juce::Component& c, const juce::String& name)
    {
        const auto file = juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile (name);
        file.deleteFile();
        juce::FileOutputStream out (file);
        juce::PNGImageFormat().writeImageToStream (c.createComponentSnapshot (c.getLocalBounds()), out);
    }

    test::TempFolder temp;
    test::TempSettings settings;
    PadDeckLookAndFeel lookAndFeel;
    StretchCache cache{ temp / "stretch" };
};

TEST_F (PerformerScreenStretchCache, UsageReadsInGigabytesAndMegabytes)
{
    EXPECT_EQ (StretchCachePanel::describeUsage (gigabyte * 3 / 2, 4 * gigabyte), "1.5 GB of 4 GB used");
    EXPECT_EQ (StretchCachePanel::describeUsage (350 << 20, gigabyte), "350 MB of 1 GB used");
    EXPECT_EQ (StretchCachePanel::describeUsage (0, 64 * gigabyte), "0 MB of 64 GB used");
    EXPECT_EQ (StretchCachePanel::describeUsage (1000, 4 * gigabyte), "under 1 MB of 4 GB used");
}

TEST_F (PerformerScreenStretchCache, ShowsTheFolderAndUsageAndTheLimitChangesTheSettingAndTheCache)
{
    StretchCachePanel panel (cache, &settings.settings);
    EXPECT_EQ (panel.getFolderText(), cache.getFolder().getFullPathName());
    EXPECT_EQ (panel.getUsageText(), StretchCachePanel::describeUsage (cache.getTotalBytes(), 4 * gigabyte));
    EXPECT_TRUE (panel.getUsageText().endsWith (" of 4 GB used")) << panel.getUsageText();

    auto& limit = panel.getLimitChooser();
    EXPECT_EQ (limit.getText(), "4 GB");
    EXPECT_EQ (limit.getNumItems(), 7);
    const auto sixteen = idOfItem (limit, "16 GB");
    ASSERT_NE (sixteen, 0);
    limit.setSelectedId (sixteen, juce::sendNotificationSync);
    EXPECT_EQ (cache.getMaxBytes(), 16 * gigabyte) << "the running cache takes it at once";
    EXPECT_EQ (StretchCacheSetting::read (&settings.settings), 16 * gigabyte) << "and it is remembered";
    EXPECT_TRUE (panel.getUsageText().endsWith (" of 16 GB used")) << panel.getUsageText();

    // A render made while the dialog is open shows on the next refresh (every second).
    const auto before = cache.getTotalBytes();
    ASSERT_TRUE (test::storeRender (cache, "d", 48000 * 20).wasOk());
    panel.refresh();
    EXPECT_GT (cache.getTotalBytes(), before);
    EXPECT_EQ (panel.getUsageText(), StretchCachePanel::describeUsage (cache.getTotalBytes(), 16 * gigabyte));
}

TEST_F (PerformerScreenStretchCache, ALimitSetByHandIsShownAsItIs)
{
    cache.setMaxBytes (3 * gigabyte);
    StretchCachePanel panel (cache, &settings.settings);
    EXPECT_EQ (panel.getLimitChooser().getText(), "3 GB");
    EXPECT_EQ (panel.getLimitChooser().getNumItems(), 8);
}

TEST_F (PerformerScreenStretchCache, ClearCacheEmptiesItButForRendersInUse)
{
    StretchCachePanel panel (cache, &settings.settings);
    cache.pin ("b"); // a pad plays it
    panel.getClearButton().onClick();

    EXPECT_EQ (cache.getNumEntries(), 1);
    EXPECT_TRUE (cache.find ("b").existsAsFile());
    EXPECT_EQ (cache.find ("a"), juce::File());
    EXPECT_EQ (panel.getStatusText(), "Removed 2 renders. Kept 1 that pads are using.");
    EXPECT_EQ (panel.getUsageText(), StretchCachePanel::describeUsage (cache.getTotalBytes(), 4 * gigabyte));

    cache.unpin ("b");
    panel.getClearButton().onClick();
    EXPECT_EQ (cache.getNumEntries(), 0);
    EXPECT_EQ (panel.getStatusText(), "Removed 1 render.");
    EXPECT_EQ (panel.getUsageText(), "0 MB of 4 GB used");
    panel.getClearButton().onClick();
    EXPECT_EQ (panel.getStatusText(), "Nothing to clear.");
}

TEST_F (PerformerScreenStretchCache, TheAudioSettingsDialogShowsTheSectionBelowTheDevice)
{
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    StretchJobs::Options options;
    options.cacheFolder = temp / "session-stretch";
    options.cacheBytes = StretchCacheSetting::read (&settings.settings);
    session.enableStretchRenders (options);
    AudioDeviceHost host{ settings.settings };
    MidiController midi{ session, &settings.settings, &host.getDeviceManager() };
    auto window = std::make_unique<MainWindow> (host, session, midi, [] {});
    window->getMainComponent().setSettings (&settings.settings);

    window->getMainComponent().showAudioSettings();
    AudioSettingsPanel* content = nullptr;
    for (int i = 0; i < juce::Desktop::getInstance().getNumComponents(); ++i)
        if (auto* dialog = dynamic_cast<juce::DialogWindow*> (juce::Desktop::getInstance().getComponent (i)))
            if (dialog->getName() == "Audio settings")
                content = dynamic_cast<AudioSettingsPanel*> (dialog->getContentComponent());
    ASSERT_NE (content, nullptr);
    auto* section = content->getStretchCachePanel();
    ASSERT_NE (section, nullptr);
    EXPECT_EQ (section->getFolderText(), options.cacheFolder.getFullPathName());
    EXPECT_EQ (section->getBottom(), content->getHeight()) << "the section closes the dialog";
    for (auto* child : content->getChildren())
    {
        if (child != section)
        {
            EXPECT_LE (child->getBottom(), section->getY()) << "below the device selector";
        }
    }
    juce::MessageManager::getInstance()->runDispatchLoopUntil (50); // laid out and painted
    writePng (*content, "paddeck-audio-settings.png");

    auto& limit = section->getLimitChooser();
    limit.setSelectedId (idOfItem (limit, "8 GB"), juce::sendNotificationSync);
    auto* liveCache = session.getStretches().getCache();
    ASSERT_NE (liveCache, nullptr);
    EXPECT_EQ (liveCache->getMaxBytes(), 8 * gigabyte);
    EXPECT_EQ (StretchCacheSetting::read (&settings.settings), 8 * gigabyte);
    window = nullptr; // closes the dialog with it
}

} // namespace paddeck
