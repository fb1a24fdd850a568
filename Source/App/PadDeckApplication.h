#pragma once

#include "App/MainWindow.h"
#include "Control/Autosaver.h"
#include "Control/MidiController.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Model/Settings.h"
#include "UI/PadDeckLookAndFeel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The GUI application: settings, the audio device, the main window, the autosave.
    `--screenshot FILE.png` starts, waits for the first audio callbacks, writes the window and
    quits; it asks nothing and leaves the autosave and its crash marker alone. */
class PadDeckApplication : public juce::JUCEApplication, private juce::Timer, private juce::ChangeListener
{
public:
    const juce::String getApplicationName() override { return "PadDeck"; }
    const juce::String getApplicationVersion() override { return PADDECK_VERSION; }
    bool moreThanOneInstanceAllowed() override { return true; }

    void initialise (const juce::String& commandLine) override;
    void shutdown() override;
    /** Asks to save unsaved changes first (Save / Don't save / Cancel). */
    void systemRequestedQuit() override;

private:
    void timerCallback() override;
    void writeScreenshot();
    void changeListenerCallback (juce::ChangeBroadcaster*) override;

    void openStartupSet();
    bool isHeadless() const { return screenshotFile != juce::File(); }

    std::unique_ptr<Settings> settings;
    std::unique_ptr<juce::FileLogger> logger;
    std::unique_ptr<AudioEngine> engine;
    std::unique_ptr<SampleLoader> loader;
    std::unique_ptr<Session> session;
    std::unique_ptr<Autosaver> autosaver;
    std::unique_ptr<AudioDeviceHost> deviceHost;
    std::unique_ptr<MidiController> midi;
    PadDeckLookAndFeel lookAndFeel;
    std::unique_ptr<MainWindow> mainWindow;

    juce::File screenshotFile;
    juce::uint32 screenshotStartMs = 0;
    juce::Array<int> padsToPlay; // --play: pads (of the current bank) fired before the screenshot
    bool showAudioSettings = false;
};

} // namespace paddeck
