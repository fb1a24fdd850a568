#pragma once

#include "App/InstanceChannel.h"
#include "App/MainWindow.h"
#include "App/NsmClient.h"
#include "App/TerminationSignal.h"
#include "Control/Autosaver.h"
#include "Control/MidiController.h"
#include "Control/Recorder.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Model/Settings.h"
#include "Sync/SyncController.h"
#include "UI/PadDeckLookAndFeel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The GUI application: settings, the audio device, the main window, the autosave.

    - `PadDeck SET.paddeck` opens that set. While one PadDeck runs, starting another hands the set
      (or just "show yourself") to the first, which asks to save unsaved changes first
      (InstanceChannel), and the second exits.
    - With NSM_URL set (a session manager on this machine), PadDeck joins the session (NsmClient):
      the audio device opens only once the session has named the client, the set lives in the
      client's folder, the window is shown and hidden by the session manager, closing it hides it,
      and SIGTERM quits at once without a question.
    - `--screenshot FILE.png` starts, waits for the first audio callbacks, writes the window and
      quits; it asks nothing, hands nothing over and leaves the autosave and its crash marker alone. */
class PadDeckApplication : public juce::JUCEApplication, private juce::Timer, private juce::ChangeListener
{
public:
    const juce::String getApplicationName() override { return "PadDeck"; }
    const juce::String getApplicationVersion() override { return PADDECK_VERSION; }
    // One PadDeck per user is kept by InstanceChannel: JUCE's own check does nothing on Linux.
    bool moreThanOneInstanceAllowed() override { return true; }

    void initialise (const juce::String& commandLine) override;
    void shutdown() override;
    /** Asks to save unsaved changes first (Save / Don't save / Cancel); in a session, hides. */
    void systemRequestedQuit() override;

private:
    void timerCallback() override;
    void writeScreenshot();
    void changeListenerCallback (juce::ChangeBroadcaster*) override;

    bool handOverToRunningPadDeck (const juce::File& set);
    void openAudioDevice();
    void startStandalone (const juce::File& setFromCommandLine);
    void openStartupSet (const juce::File& setFromCommandLine);
    void setupScreenshot (const juce::StringArray& args);

    bool startSession (const juce::File& setFromCommandLine);
    NsmClient::Reply openSessionFolder (const juce::String& path, const juce::String& clientId);
    NsmClient::Reply saveIntoSession();
    void showWindow (bool shouldBeVisible);
    /** The master strip's REC button drives the app's recorder. */
    void connectRecorder();
    bool isInSession() const { return nsm != nullptr && nsm->isActive(); }
    bool isHeadless() const { return screenshotFile != juce::File(); }

    std::unique_ptr<Settings> settings;
    std::unique_ptr<juce::FileLogger> logger;
    std::unique_ptr<InstanceChannel> instanceChannel;
    std::unique_ptr<AudioEngine> engine;
    std::unique_ptr<SampleLoader> loader;
    std::unique_ptr<Session> session;
    std::unique_ptr<Autosaver> autosaver;
    std::unique_ptr<AudioDeviceHost> deviceHost;
    std::unique_ptr<MidiController> midi;
    std::unique_ptr<SyncController> sync;
    std::unique_ptr<Recorder> recorder;
    std::unique_ptr<NsmClient> nsm;
    std::unique_ptr<TerminationSignal> terminationSignal;
    PadDeckLookAndFeel lookAndFeel;
    std::unique_ptr<MainWindow> mainWindow;

    juce::File loggedSet;        // the set last named in the log
    juce::File sessionStateFile; // in a session: the client folder's record of the window's visibility
    juce::File screenshotFile;
    juce::uint32 screenshotStartMs = 0;
    juce::Array<int> padsToPlay; // --play: pads (of the current bank) fired before the screenshot
    bool showAudioSettings = false;
};

} // namespace paddeck
