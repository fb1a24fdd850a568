#include "App/PadDeckApplication.h"

#include "App/CommandLine.h"

#include <iostream>

namespace paddeck
{

void PadDeckApplication::initialise (const juce::String& commandLine)
{
    const auto args = juce::StringArray::fromTokens (commandLine, true);
    settings = std::make_unique<Settings>();
    logger = std::make_unique<juce::FileLogger> (settings->getDirectory().getChildFile ("PadDeck.log"),
                                                 "PadDeck " + getApplicationVersion(), 1024 * 1024);
    juce::Logger::setCurrentLogger (logger.get());
    juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);

    engine = std::make_unique<AudioEngine>();
    loader = std::make_unique<SampleLoader>();
    session = std::make_unique<Session> (*engine, *loader);

    deviceHost = std::make_unique<AudioDeviceHost> (*settings);
    deviceHost->setClient (&engine->getDeviceCallback());
    if (deviceHost->open())
        session->setEngineSampleRate (deviceHost->getStatus().sampleRate);
    const auto status = deviceHost->getStatus();
    juce::Logger::writeToLog (status.isOpen ? "Audio: " + status.typeName + " " + status.deviceName + ", "
                                                  + juce::String (status.sampleRate) + " Hz, "
                                                  + juce::String (status.bufferSize) + " frames"
                                            : "Audio: " + status.error);

    // Every MIDI input plays (unless switched off in the settings); the mapping routes it.
    midi = std::make_unique<MidiController> (*session, settings.get(), &deviceHost->getDeviceManager());
    deviceHost->getDeviceManager().addMidiInputDeviceCallback ({}, &engine->getDeviceCallback());
    midi->startPolling();

    if (const auto index = args.indexOf (CommandLine::screenshotFlag); index >= 0)
        screenshotFile = juce::File::getCurrentWorkingDirectory().getChildFile (args[index + 1].unquoted());

    openStartupSet();
    session->addChangeListener (this);
    mainWindow =
        std::make_unique<MainWindow> (*deviceHost, *session, *midi, [this] { systemRequestedQuit(); });

    if (!isHeadless())
    {
        autosaver = std::make_unique<Autosaver> (*session, settings->getDirectory());
        const auto recovery = autosaver->findRecovery();
        autosaver->start();
        if (recovery.has_value())
            mainWindow->getMainComponent().getSetActions().offerRecovery (*autosaver, *recovery);
    }
    else
    {
        screenshotStartMs = juce::Time::getMillisecondCounter();
        for (auto& pad :
             juce::StringArray::fromTokens (args[args.indexOf (CommandLine::playFlag) + 1], ",", {}))
            if (args.contains (CommandLine::playFlag) && pad.getIntValue() > 0)
                padsToPlay.add (pad.getIntValue() - 1);
        showAudioSettings = args.contains (CommandLine::audioSettingsFlag);
        if (args.contains (CommandLine::midiSettingsFlag))
            mainWindow->getMainComponent().showMidiSettings();
        if (args.contains (CommandLine::learnFlag))
        {
            midi->setLearning (true);
            midi->setLearnTarget (MidiTarget{ MidiTarget::Type::masterFader });
        }
        startTimer (50);
    }
}

void PadDeckApplication::openStartupSet()
{
    // The last set the performer had open; on the very first start, the demo bank.
    const auto lastSet = juce::File (settings->properties().getValue ("lastSet"));
    const auto demo = juce::File (PADDECK_ASSETS_DIR).getChildFile ("DemoBank/Demo.paddeck");

    for (const auto& file : { lastSet, demo })
    {
        if (file == juce::File() || !file.existsAsFile())
            continue;
        if (const auto r = session->openSet (file); r.failed())
        {
            juce::Logger::writeToLog ("Set: " + r.getErrorMessage());
            continue;
        }
        juce::Logger::writeToLog ("Set: " + file.getFullPathName());
        return;
    }
}

void PadDeckApplication::systemRequestedQuit()
{
    if (mainWindow == nullptr || isHeadless())
        quit();
    else
        mainWindow->getMainComponent().getSetActions().askToSaveThen ([this] { quit(); });
}

void PadDeckApplication::changeListenerCallback (juce::ChangeBroadcaster*)
{
    // Remembered as soon as a set is opened or saved, so a crash still reopens it.
    const auto file = session->getSetFile();
    if (file != juce::File() && !isHeadless()
        && settings->properties().getValue ("lastSet") != file.getFullPathName())
        settings->properties().setValue ("lastSet", file.getFullPathName());
}

void PadDeckApplication::timerCallback()
{
    // Wait for live figures: several audio callbacks (or, with no device, a moment for the window).
    const auto elapsed = juce::Time::getMillisecondCounter() - screenshotStartMs;
    const auto status = deviceHost->getStatus();
    const bool audioIsLive = status.isOpen && status.callbacks >= 50 && session->isIdle();
    const bool givenUp = elapsed > (status.isOpen ? 10000u : 1500u);

    if (audioIsLive && !padsToPlay.isEmpty())
    {
        // Fire the pads asked for, then give them a moment to light up and fill the meters.
        for (auto pad : padsToPlay)
            session->press (session->globalIndex (session->getCurrentBank(), pad));
        mainWindow->getMainComponent().getPadGrid().selectPad (padsToPlay.getLast());
        padsToPlay.clear();
        screenshotStartMs = juce::Time::getMillisecondCounter() - 200;
        if (showAudioSettings)
            mainWindow->getMainComponent().showAudioSettings();
        return;
    }

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
    auto image = content.createComponentSnapshot (content.getLocalBounds(), true, 1.0f);

    // With the audio settings open, the dialog is drawn over the window's centre, as a user sees it.
    for (int i = juce::TopLevelWindow::getNumTopLevelWindows(); --i >= 0;)
        if (auto* dialog = dynamic_cast<juce::DialogWindow*> (juce::TopLevelWindow::getTopLevelWindow (i)))
        {
            const auto picture = dialog->createComponentSnapshot (dialog->getLocalBounds(), true, 1.0f);
            juce::Graphics g (image);
            const auto area = picture.getBounds().withCentre (image.getBounds().getCentre());
            g.setColour (juce::Colours::black.withAlpha (0.5f));
            g.fillAll();
            g.setColour (dialog->getBackgroundColour());
            g.fillRect (area.expanded (12));
            g.drawImageAt (picture, area.getX(), area.getY());
        }

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
    midi = nullptr;
    if (autosaver != nullptr)
        autosaver->stopCleanly();
    autosaver = nullptr;
    if (session != nullptr)
        session->removeChangeListener (this);
    if (deviceHost != nullptr)
        deviceHost->getDeviceManager().removeMidiInputDeviceCallback ({}, &engine->getDeviceCallback());
    deviceHost = nullptr;
    session = nullptr;
    loader = nullptr;
    engine = nullptr;
    if (settings != nullptr)
        settings->save();
    settings = nullptr;
    juce::LookAndFeel::setDefaultLookAndFeel (nullptr);
    juce::Logger::setCurrentLogger (nullptr);
    logger = nullptr;
}

} // namespace paddeck
