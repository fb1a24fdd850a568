#include "Support/BackgroundProcess.h"
#include "Support/TestServers.h"
#include "UI/MainComponent.h"

#include <gtest/gtest.h>
#include <juce_graphics/juce_graphics.h>

namespace paddeck
{

TEST (AppLaunch, PrintsItsVersion)
{
    std::string out;
    EXPECT_EQ (test::BackgroundProcess::run ({ PADDECK_APP_PATH, "--version" }, &out), 0);
    EXPECT_NE (out.find (std::string ("PadDeck ") + PADDECK_VERSION), std::string::npos) << out;
}

TEST (AppLaunch, WithoutADisplayExplainsHowToSeeIt)
{
    std::string out;
    const auto savedDisplay = juce::SystemStats::getEnvironmentVariable ("DISPLAY", {});
    unsetenv ("DISPLAY");
    const auto rc = test::BackgroundProcess::run ({ PADDECK_APP_PATH }, &out);
    if (savedDisplay.isNotEmpty())
        setenv ("DISPLAY", savedDisplay.toRawUTF8(), 1);

    EXPECT_NE (rc, 0);
    EXPECT_NE (out.find ("Xvfb"), std::string::npos) << out;
}

static double lumaStdDev (const juce::Image& image)
{
    double sum = 0.0, sumSq = 0.0;
    const auto n = (double) image.getWidth() * image.getHeight();
    for (int y = 0; y < image.getHeight(); ++y)
        for (int x = 0; x < image.getWidth(); ++x)
        {
            const auto b = (double) image.getPixelAt (x, y).getPerceivedBrightness();
            sum += b;
            sumSq += b * b;
        }
    const auto mean = sum / n;
    return std::sqrt (juce::jmax (0.0, sumSq / n - mean * mean));
}

TEST (AppLaunch, ScreenshotUnderXvfbWithJackIsTheWindowAndNotBlank)
{
    ASSERT_TRUE (test::VirtualDisplay::ensureRunning()) << "Xvfb did not start";
    test::JackDummyServer jack;
    ASSERT_TRUE (jack.isReady());

    juce::TemporaryFile settingsDir ("paddeck-settings"), dataHome ("paddeck-data");
    setenv ("PADDECK_SETTINGS_DIR", settingsDir.getFile().getFullPathName().toRawUTF8(), 1);
    setenv ("XDG_DATA_HOME", dataHome.getFile().getFullPathName().toRawUTF8(), 1); // the demo's copy
    juce::TemporaryFile png (".png");

    std::string out;
    const auto rc = test::BackgroundProcess::run (
        { PADDECK_APP_PATH, "--screenshot", png.getFile().getFullPathName().toStdString() }, &out, 60);
    unsetenv ("PADDECK_SETTINGS_DIR");
    unsetenv ("XDG_DATA_HOME");
    dataHome.getFile().deleteRecursively();
    ASSERT_EQ (rc, 0) << out;

    const auto image = juce::ImageFileFormat::loadFrom (png.getFile());
    ASSERT_TRUE (image.isValid()) << out;
    EXPECT_EQ (image.getWidth(), MainComponent::defaultWidth);
    EXPECT_EQ (image.getHeight(), MainComponent::defaultHeight);
    EXPECT_GT (lumaStdDev (image), 0.02) << "the screenshot is a blank image";

    // The app had live audio from JACK when it took the picture, and remembered that choice.
    const auto settingsXml = settingsDir.getFile().getChildFile ("settings.xml").loadFileAsString();
    EXPECT_TRUE (settingsXml.contains ("JACK")) << settingsXml;
    settingsDir.getFile().deleteRecursively();
}

} // namespace paddeck
