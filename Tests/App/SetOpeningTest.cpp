#include "App/InstanceChannel.h"
#include "App/MainWindow.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Support/BackgroundProcess.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"
#include "Support/TestServers.h"
#include "UI/MainComponent.h"
#include "UI/PadDeckLookAndFeel.h"

#include <gtest/gtest.h>

#include <thread>

namespace paddeck
{

static bool pumpUntil (const std::function<bool()>& done, int timeoutMs = 20000)
{
    const auto end = juce::Time::getMillisecondCounter() + (juce::uint32) timeoutMs;
    while (!done())
    {
        if (juce::Time::getMillisecondCounter() > end)
            return false;
        juce::MessageManager::getInstance()->runDispatchLoopUntil (20);
    }
    return true;
}

static juce::File writeSet (const test::TempFolder& temp, const juce::String& name, double hz)
{
    test::writeWav (temp / (name + ".wav"), 48000.0, 1, 4800, test::sine (hz, 48000.0));
    const auto set = temp / (name + ".paddeck");
    set.replaceWithText (R"({"format": "PadDeck set", "version": 1,
        "banks": [{"name": "A", "pads": [{"index": 0, "file": ")"
                         + name + R"(.wav"}]}]})");
    return set;
}

/** `PadDeck SET.paddeck`, as a file manager starts it: the set opens; while one PadDeck runs, a
    second start hands its set to the first and exits. Real processes under Xvfb, no audio device
    needed (PadDeck carries on without one). */
struct OpeningSets : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
        settingsDir.createDirectory();
        setenv ("PADDECK_SETTINGS_DIR", settingsDir.getFullPathName().toRawUTF8(), 1);
        setenv ("XDG_DATA_HOME", (temp / "data").getFullPathName().toRawUTF8(), 1);
    }

    void TearDown() override
    {
        first.stop();
        unsetenv ("PADDECK_SETTINGS_DIR");
        unsetenv ("XDG_DATA_HOME");
    }

    juce::String log() const { return settingsDir.getChildFile ("PadDeck.log").loadFileAsString(); }
    bool logSoonContains (const juce::String& text)
    {
        for (int i = 0; i < 400 && first.isRunning(); ++i)
        {
            if (log().contains (text))
                return true;
            juce::Thread::sleep (50);
        }
        return log().contains (text);
    }

    test::TempFolder temp;
    juce::File settingsDir = temp / "settings";
    test::BackgroundProcess first;
};

TEST_F (OpeningSets, ASetOnTheCommandLineOpensAndASecondStartHandsItsSetToTheFirst)
{
    const auto a = writeSet (temp, "Alpha", 440.0), b = writeSet (temp, "Beta", 660.0);

    ASSERT_TRUE (first.start ({ PADDECK_APP_PATH, a.getFullPathName().toStdString() },
                              (temp / "first.out").getFullPathName().toStdString()));
    ASSERT_TRUE (logSoonContains ("Set: " + a.getFullPathName())) << log();

    // The second start reaches the first PadDeck, hands over its set and exits at once.
    std::string out;
    EXPECT_EQ (
        test::BackgroundProcess::run ({ PADDECK_APP_PATH, b.getFullPathName().toStdString() }, &out, 30), 0);
    EXPECT_NE (out.find ("handed " + b.getFullPathName().toStdString()
                         + " to the PadDeck already running (pid " + std::to_string (first.getPid()) + ")"),
               std::string::npos)
        << out;

    // The first one opens it (nothing was unsaved, so nothing is asked).
    EXPECT_TRUE (logSoonContains ("Set handed over: " + b.getFullPathName())) << log();
    EXPECT_TRUE (logSoonContains ("Set: " + b.getFullPathName())) << log();
    EXPECT_TRUE (first.isRunning());

    // A start with no set only brings the running one to the front.
    EXPECT_EQ (test::BackgroundProcess::run ({ PADDECK_APP_PATH }, &out, 30), 0);
    EXPECT_NE (out.find ("showed the PadDeck already running"), std::string::npos) << out;
}

TEST_F (OpeningSets, TheChannelIsPerSettingsFolderAndFreedWhenThePadDeckEnds)
{
    // The channel is per settings folder: another folder (another user setup, a test) is not handed over.
    const auto a = writeSet (temp, "Alpha", 440.0);
    ASSERT_TRUE (first.start ({ PADDECK_APP_PATH, a.getFullPathName().toStdString() },
                              (temp / "first.out").getFullPathName().toStdString()));
    ASSERT_TRUE (logSoonContains ("Set: " + a.getFullPathName())) << log();

    InstanceChannel sameFolder (settingsDir), otherFolder (temp / "other settings");
    int pid = 0;
    EXPECT_FALSE (sameFolder.becomePrimary ([] (const juce::File&) {}));
    EXPECT_TRUE (otherFolder.becomePrimary ([] (const juce::File&) {}));
    EXPECT_TRUE (sameFolder.handOver ({}, pid).wasOk());
    EXPECT_EQ (pid, first.getPid());

    // Once the first PadDeck is gone, its name is free again (nothing stale is left behind).
    first.stop();
    EXPECT_TRUE (InstanceChannel (settingsDir).becomePrimary ([] (const juce::File&) {}));
}

/** The first PadDeck's side, in this process: a handed-over set with unsaved changes open asks
    Save / Don't save / Cancel first. (Named PerformerScreen… so the test runner starts Xvfb.) */
struct PerformerScreenHandOver : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
        juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);
        window = std::make_unique<MainWindow> (host, session, midi, [] {});
    }

    void TearDown() override
    {
        window = nullptr;
        juce::LookAndFeel::setDefaultLookAndFeel (nullptr);
    }

    test::TempSettings settings;
    test::TempFolder temp;
    PadDeckLookAndFeel lookAndFeel;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    AudioDeviceHost host{ settings.settings };
    MidiController midi{ session, &settings.settings, &host.getDeviceManager() };
    std::unique_ptr<MainWindow> window;
};

TEST_F (PerformerScreenHandOver, AHandedOverSetAsksAboutUnsavedChangesBeforeItOpens)
{
    const auto a = writeSet (temp, "Alpha", 440.0), b = writeSet (temp, "Beta", 660.0);
    ASSERT_TRUE (session.openSet (a).wasOk());
    session.setMasterGainDb (-12.0);
    ASSERT_TRUE (session.isDirty());

    InstanceChannel primary (settings.folder.getFile()), second (settings.folder.getFile());
    ASSERT_TRUE (primary.becomePrimary ([this] (const juce::File& set) { window->openHandedOverSet (set); }));

    // The second start's side blocks while it waits for the answer: it runs on another thread here.
    std::atomic<bool> handedOver{ false };
    std::thread secondStart (
        [&]
        {
            int pid = 0;
            handedOver = second.handOver (b, pid).wasOk() && pid == (int) getpid();
        });
    const bool asked = pumpUntil ([] { return juce::Component::getCurrentlyModalComponent() != nullptr; });
    EXPECT_TRUE (pumpUntil ([&] { return handedOver.load(); }));
    secondStart.join();
    ASSERT_TRUE (asked);

    auto* alert = dynamic_cast<juce::AlertWindow*> (juce::Component::getCurrentlyModalComponent());
    ASSERT_NE (alert, nullptr);
    EXPECT_EQ (alert->getName(), "Unsaved changes");
    EXPECT_EQ (session.getSetFile(), a) << "nothing opens before the question is answered";

    alert->exitModalState (2); // Don't save
    ASSERT_TRUE (pumpUntil ([&] { return session.getSetFile() == b; }));
    EXPECT_FALSE (session.isDirty());
}

} // namespace paddeck
