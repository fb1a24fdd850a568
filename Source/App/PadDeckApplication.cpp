#include "App/PadDeckApplication.h"

#include "App/CommandLine.h"

#include <iostream>

namespace paddeck
{

void PadDeckApplication::initialise (const juce::String& commandLine)
{
    const auto args = juce::StringArray::fromTokens (commandLine, true);
    settings = std::make_unique<Settings>();
    juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);

    deviceHost = std::make_unique<AudioDeviceHost> (*settings);
    deviceHost->open();

    mainWindow = std::make_unique<MainWindow> (*deviceHost, [this] { systemRequestedQuit(); });

    if (const auto index = args.indexOf (CommandLine::screenshotFlag); index >= 0)
    {
        screenshotFile = juce::File::getCurrentWorkingDirectory().getChildFile (args[index + 1].unquoted());
        screenshotStartMs = juce::Time::getMillisecondCounter();
        startTimer (50);
    }
}

void PadDeckApplication::timerCallback()
{
    // Wait for live figures: several audio callbacks (or, with no device, a moment for the window).
    const auto elapsed = juce::Time::getMillisecondCounter() - screenshotStartMs;
    const auto status = deviceHost->getStatus();
    const bool audioIsLive = status.isOpen && status.callbacks >= 50;
    const bool givenUp = elapsed > (status.isOpen ? 10000u : 1500u);

    if ((audioIsLive && elapsed > 600) || givenUp)
    {
        stopTimer();
        writeScreenshot();
        quit();
    }
}

void PadDeckApplication::writeScreenshot()
{
    auto& content = mainWindow->getMainComponent();
    content.refresh();
    const auto image = content.createComponentSnapshot (content.getLocalBounds(), true, 1.0f);

    screenshotFile.getParentDirectory().createDirectory();
    screenshotFile.deleteFile();
    juce::FileOutputStream out (screenshotFile);
    juce::PNGImageFormat png;

    if (out.openedOk() && png.writeImageToStream (image, out))
    {
        out.flush();
        std::cout << "PadDeck: wrote " << image.getWidth() << "x" << image.getHeight() << " screenshot to "
                  << screenshotFile.getFullPathName() << std::endl;
    }
    else
    {
        std::cerr << "PadDeck: could not write " << screenshotFile.getFullPathName() << std::endl;
        setApplicationReturnValue (1);
    }
}

void PadDeckApplication::shutdown()
{
    mainWindow = nullptr;
    deviceHost = nullptr;
    if (settings != nullptr)
        settings->save();
    settings = nullptr;
    juce::LookAndFeel::setDefaultLookAndFeel (nullptr);
}

} // namespace paddeck
