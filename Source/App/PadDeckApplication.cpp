#include "App/PadDeckApplication.h"

#include "App/CommandLine.h"
#include "Engine/JackPortNames.h"
#include "Model/AppFolders.h"
#include "Model/JsonReader.h"
#include "Model/MidiMapping.h"
#include "Stretch/StretchCacheSetting.h"
#include "UI/MidiSettingsPanel.h"

#include <iostream>

namespace paddeck
{

/** What the program was started as (argv[0]): a session manager restarts it by that name. */
static juce::String executableName()
{
    const auto cmdline = juce::File ("/proc/self/cmdline").loadFileAsString();
    const auto first = juce::String (cmdline.toRawUTF8()); // up to the first NUL
    return first.isNotEmpty() ? first : juce::String ("PadDeck");
}

void PadDeckApplication::initialise (const juce::String&)
{
    const auto args = getCommandLineParameterArray();
    if (const auto index = args.indexOf (CommandLine::screenshotFlag); index >= 0)
        screenshotFile = juce::File::getCurrentWorkingDirectory().getChildFile (args[index + 1]);
    const auto setFromCommandLine = CommandLine::setToOpen (args);
    const bool wantsSession =
        juce::SystemStats::getEnvironmentVariable ("NSM_URL", {}).isNotEmpty() && !isHeadless();

    if (!isHeadless() && !wantsSession && handOverToRunningPadDeck (setFromCommandLine))
        return;

    settings = std::make_unique<Settings>();
    logger = std::make_unique<juce::FileLogger> (settings->getDirectory().getChildFile ("PadDeck.log"),
                                                 "PadDeck " + getApplicationVersion(), 1024 * 1024);
    juce::Logger::setCurrentLogger (logger.get());
    juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);
    juce::Logger::writeToLog ("Assets: " + AppFolders::assets().getFullPathName()
                              + "; MIDI presets: " + juce::String (MidiPresets::list().size()));

    engine = std::make_unique<AudioEngine>();
    loader = std::make_unique<SampleLoader>();
    session = std::make_unique<Session> (*engine, *loader);
    session->addChangeListener (this);
    StretchJobs::Options renders; // into $XDG_CACHE_HOME/PadDeck, as large as the setting allows
    renders.cacheBytes = StretchCacheSetting::read (settings.get());
    session->enableStretchRenders (renders);

    deviceHost = std::make_unique<AudioDeviceHost> (*settings);
    deviceHost->setClient (&engine->getDeviceCallback());
    // The first device, one chosen in the settings, one reconnected at another rate: RAM samples
    // and KeyLock primes are made again at its rate.
    deviceHost->onDeviceStarted = [this] (double rate, int) { session->setEngineSampleRate (rate); };
    deviceHost->getDeviceManager().addChangeListener (this);

    // Every MIDI input plays (unless switched off in the settings); the mapping routes it.
    midi = std::make_unique<MidiController> (*session, settings.get(), &deviceHost->getDeviceManager());
    deviceHost->getDeviceManager().addMidiInputDeviceCallback ({}, &engine->getDeviceCallback());
    midi->startPolling();
    recorder = std::make_unique<Recorder> (*engine, settings.get());

    // Link, MIDI clock in and out: off until the settings or the performer turn them on.
    sync = std::make_unique<SyncController> (*session, settings.get(), &deviceHost->getDeviceManager());
    midi->setSyncSwitches (sync.get());

    // In a session, the audio device, the set and the window wait for the session's open.
    if (wantsSession && startSession (setFromCommandLine))
        return;

    startStandalone (setFromCommandLine);
    if (isHeadless())
        setupScreenshot (args);
}

bool PadDeckApplication::handOverToRunningPadDeck (const juce::File& set)
{
    instanceChannel = std::make_unique<InstanceChannel> (Settings::defaultDirectory());
    const auto onRequest = [this] (const juce::File& handed)
    {
        if (mainWindow != nullptr)
            mainWindow->openHandedOverSet (handed);
    };
    if (instanceChannel->becomePrimary (onRequest))
        return false;

    int pid = 0;
    if (instanceChannel->handOver (set, pid).wasOk())
    {
        std::cout << "PadDeck: "
                  << (set == juce::File() ? juce::String ("showed the PadDeck")
                                          : "handed " + set.getFullPathName() + " to the PadDeck")
                  << " already running (pid " << pid << ")" << std::endl;
        instanceChannel = nullptr;
        quit();
        return true;
    }

    // The first PadDeck ended meanwhile (the kernel frees its name): this one takes over.
    if (!instanceChannel->becomePrimary (onRequest))
        std::cerr << "PadDeck: another PadDeck uses these settings but does not answer" << std::endl;
    return false;
}

void PadDeckApplication::openAudioDevice()
{
    deviceHost->open();
    const auto status = deviceHost->getStatus();
    juce::Logger::writeToLog (status.isOpen ? "Audio: " + status.typeName + " " + status.deviceName + ", "
                                                  + juce::String (status.sampleRate) + " Hz, "
                                                  + juce::String (status.bufferSize) + " frames"
                                            : "Audio: " + status.error);
}

void PadDeckApplication::startStandalone (const juce::File& setFromCommandLine)
{
    openAudioDevice();
    openStartupSet (setFromCommandLine);
    mainWindow = std::make_unique<MainWindow> (
        *deviceHost, *session, *midi, [this] { systemRequestedQuit(); }, sync.get());
    mainWindow->getMainComponent().setSettings (
        settings.get()); // the audio settings remember the cache's limit

    connectRecorder();
    // --record starts at once (also for a --screenshot, to show it); the setting arms a recording
    // at every start of the performer's window.
    const auto rate = session->getEngineSampleRate();
    const auto started = getCommandLineParameterArray().contains (CommandLine::recordFlag)
                             ? recorder->start (rate)
                         : !isHeadless() && recorder->recordsFromFirstHit() ? recorder->arm (rate)
                                                                            : juce::Result::ok();
    if (started.failed())
        mainWindow->getMainComponent().showMessage (started.getErrorMessage());

    if (setFromCommandLine != juce::File() && session->getSetFile() != setFromCommandLine)
        mainWindow->getMainComponent().showMessage ("Could not open " + setFromCommandLine.getFileName()
                                                    + " (see the log)");

    if (!isHeadless())
    {
        autosaver = std::make_unique<Autosaver> (*session, settings->getDirectory());
        const auto recovery = autosaver->findRecovery();
        autosaver->start();
        if (recovery.has_value())
            mainWindow->getMainComponent().getSetActions().offerRecovery (*autosaver, *recovery);
    }
}

void PadDeckApplication::setupScreenshot (const juce::StringArray& args)
{
    screenshotStartMs = juce::Time::getMillisecondCounter();
    for (auto& pad : juce::StringArray::fromTokens (args[args.indexOf (CommandLine::playFlag) + 1], ",", {}))
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

void PadDeckApplication::openStartupSet (const juce::File& setFromCommandLine)
{
    // The set named on the command line; else the last set the performer had open; on the very
    // first start, the user's copy of the demo bank (the installed one is never written).
    const auto lastSet = juce::File (settings->properties().getValue ("lastSet"));
    for (const auto& file : { setFromCommandLine, lastSet })
    {
        if (file == juce::File())
            continue;
        if (const auto r = session->openSet (file); r.wasOk())
            return;
        else
            juce::Logger::writeToLog ("Set: " + file.getFullPathName() + ": " + r.getErrorMessage());
    }

    juce::File demo;
    if (const auto r = AppFolders::copyDemoForUser (demo); r.failed())
        juce::Logger::writeToLog ("Demo: " + r.getErrorMessage());
    else if (const auto opened = session->openSet (demo); opened.failed())
        juce::Logger::writeToLog ("Set: " + opened.getErrorMessage());
}

bool PadDeckApplication::startSession (const juce::File& setFromCommandLine)
{
    nsm = std::make_unique<NsmClient>();
    nsm->onOpen = [this] (const juce::String& path, const juce::String&, const juce::String& clientId)
    { return openSessionFolder (path, clientId); };
    nsm->onSave = [this] { return saveIntoSession(); };
    nsm->onShowGui = [this] (bool show) { showWindow (show); };
    nsm->isDirty = [this] { return session->isDirty(); };
    nsm->onUnavailable = [this, setFromCommandLine] (const juce::String&)
    {
        terminationSignal = nullptr;
        startStandalone (setFromCommandLine);
    };

    juce::String why;
    if (!nsm->start (juce::SystemStats::getEnvironmentVariable ("NSM_URL", {}), executableName(), why))
    {
        juce::Logger::writeToLog ("NSM: " + why + "; carrying on without session management");
        nsm = nullptr;
        return false;
    }
    // A session manager ends its clients with SIGTERM: quit at once, asking nothing.
    terminationSignal = std::make_unique<TerminationSignal> ([this] { quit(); });
    return true;
}

NsmClient::Reply PadDeckApplication::openSessionFolder (const juce::String& path,
                                                        const juce::String& clientId)
{
    // The client's files live in a folder of their own (always the same names inside).
    const juce::File folder (path);
    if (!folder.isDirectory() && !folder.createDirectory())
        return { false, NsmClient::errCreateFailed, "Could not create " + path };
    const auto setFile = folder.getChildFile ("PadDeck.paddeck");
    sessionStateFile = folder.getChildFile ("PadDeck session.json");

    // A set that can't be opened is refused before anything changes (a switch keeps the old one).
    juce::ValueTree checked;
    if (setFile.existsAsFile())
        if (const auto r = SetFile::load (setFile, checked); r.failed())
            return { false, NsmClient::errBadProject, r.getErrorMessage() };

    // The client id names the JACK client, so the session's connections find it again; a new id
    // (a switch to another session) means a new client.
    if (!deviceHost->getStatus().isOpen || JackPortNames::getClientName() != clientId)
    {
        JackPortNames::setClientName (clientId);
        deviceHost->close();
        openAudioDevice();
    }

    if (setFile.existsAsFile())
    {
        if (const auto r = session->openSet (setFile); r.failed())
            return { false, NsmClient::errBadProject, r.getErrorMessage() };
    }
    else
    {
        session->setSet (SetFile::createEmptySet(), setFile);
        if (const auto r = session->saveSet (setFile); r.failed())
            return { false, NsmClient::errCreateFailed, r.getErrorMessage() };
    }

    // The window is shown as it was when the session was saved; hidden the first time.
    const auto state = JsonReader::parseOrVoid (sessionStateFile.loadFileAsString());
    showWindow ((bool) state.getProperty ("guiVisible", false));
    return { true, 0, "Opened " + setFile.getFullPathName() };
}

NsmClient::Reply PadDeckApplication::saveIntoSession()
{
    if (const auto r = session->saveSet (session->getSetFile()); r.failed())
        return { false, NsmClient::errGeneral, r.getErrorMessage() };

    auto* state = new juce::DynamicObject();
    state->setProperty ("guiVisible", mainWindow != nullptr);
    if (!sessionStateFile.replaceWithText (juce::JSON::toString (juce::var (state))))
        return { false, NsmClient::errGeneral, "Could not write " + sessionStateFile.getFullPathName() };
    return { true, 0, "Saved " + session->getSetFile().getFullPathName() };
}

void PadDeckApplication::showWindow (bool shouldBeVisible)
{
    // A hidden GUI has no window at all (the NSM API asks for none to be mapped).
    if (shouldBeVisible && mainWindow == nullptr)
    {
        mainWindow = std::make_unique<MainWindow> (
            *deviceHost, *session, *midi, [this] { systemRequestedQuit(); }, sync.get());
        mainWindow->getMainComponent().getSetActions().setSessionManaged (true);
        mainWindow->getMainComponent().setSettings (settings.get());
        connectRecorder();
    }
    else if (!shouldBeVisible)
    {
        mainWindow = nullptr;
    }
    if (nsm != nullptr)
        nsm->setGuiVisible (shouldBeVisible);
}

void PadDeckApplication::connectRecorder()
{
    auto& master = mainWindow->getMainComponent().getMasterStrip();
    master.setRecorder (recorder.get());
    master.onMessage = [this] (const juce::String& text)
    { mainWindow->getMainComponent().showMessage (text); };
}

void PadDeckApplication::systemRequestedQuit()
{
    if (isInSession())
        juce::MessageManager::callAsync ([this] { showWindow (false); }); // not from inside the window
    else if (mainWindow == nullptr || isHeadless())
        quit();
    else
        mainWindow->getMainComponent().getSetActions().askToSaveThen ([this] { quit(); });
}

void PadDeckApplication::changeListenerCallback (juce::ChangeBroadcaster* source)
{
    if (deviceHost != nullptr && source == &deviceHost->getDeviceManager())
    {
        // JUCE names a JACK device's ports out_1, out_2… each time it opens one: rename them.
        const auto status = deviceHost->getStatus();
        int named = 0;
        if (status.isOpen && status.typeName == AudioDeviceHost::jackTypeName)
            if (const auto r = JackPortNames::renameOutputs (named); r.failed() || named > 0)
                juce::Logger::writeToLog (
                    "JACK: "
                    + (r.failed() ? r.getErrorMessage()
                                  : JackPortNames::getClientName() + " ports "
                                        + JackPortNames::getOutputNames().joinIntoString (", ")));
        return;
    }

    const auto file = session->getSetFile();
    if (file != loggedSet && file != juce::File())
        juce::Logger::writeToLog ("Set: " + file.getFullPathName());
    loggedSet = file;

    // Remembered as soon as a set is opened or saved, so a crash still reopens it. A session's
    // set belongs to the session, not to the performer's next start.
    if (file != juce::File() && !isHeadless() && nsm == nullptr
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
            // What the MIDI dialog lists, for whoever runs the screenshot (the tests read it).
            if (auto* panel = dynamic_cast<MidiSettingsPanel*> (dialog->getContentComponent()))
            {
                juce::StringArray presets;
                auto& chooser = panel->getPresetChooser();
                for (int item = 0; item < chooser.getNumItems(); ++item)
                    presets.add (chooser.getItemText (item));
                std::cout << "PadDeck: the MIDI settings list the presets " << presets.joinIntoString (", ")
                          << std::endl;
            }

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
    recorder = nullptr; // the recording's last frames written and its file closed
    nsm = nullptr;
    terminationSignal = nullptr;
    if (midi != nullptr)
        midi->setSyncSwitches (nullptr);
    midi = nullptr;
    if (autosaver != nullptr)
        autosaver->stopCleanly();
    autosaver = nullptr;
    if (session != nullptr)
        session->removeChangeListener (this);
    if (deviceHost != nullptr)
    {
        deviceHost->getDeviceManager().removeChangeListener (this);
        deviceHost->getDeviceManager().removeMidiInputDeviceCallback ({}, &engine->getDeviceCallback());
        deviceHost->close(); // the audio stops: nothing calls the sync's engine side any more
    }
    sync = nullptr; // before the device manager it took its MIDI clock in from
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
    instanceChannel = nullptr;
}

} // namespace paddeck
