#pragma once

#include "App/MainWindow.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"
#include "Support/TestServers.h"
#include "UI/MainComponent.h"
#include "UI/PadDeckLookAndFeel.h"

#include <gtest/gtest.h>

namespace paddeck::test
{

/** Runs the message loop until `done` or the timeout; false on timeout. */
inline bool pumpUntil (const std::function<bool()>& done, int timeoutMs = 10000)
{
    const auto end = juce::Time::getMillisecondCounter() + (juce::uint32) timeoutMs;
    while (!done())
    {
        if (juce::Time::getMillisecondCounter() > end)
            return false;
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    }
    return true;
}

/** A mouse event on a component, as the window delivers it. */
inline juce::MouseEvent mouseAt (juce::Component& c, juce::Point<int> position, juce::Point<int> downAt,
                                 juce::ModifierKeys mods = juce::ModifierKeys::leftButtonModifier)
{
    const auto now = juce::Time::getCurrentTime();
    return { juce::Desktop::getInstance().getMainMouseSource(),
             position.toFloat(),
             mods,
             1.0f,
             0.0f,
             0.0f,
             0.0f,
             0.0f,
             &c,
             &c,
             now,
             downAt.toFloat(),
             now,
             1,
             position != downAt };
}

/** The whole performer's screen in a real window under Xvfb, playing through jackd -d dummy.
    (Suites deriving from it are named PerformerScreen… so the test runner starts the display.) */
struct LiveScreen : ::testing::Test
{
    /** playbackPorts: the dummy server's outputs; 4 give PadDeck a cue bus. */
    explicit LiveScreen (int playbackPorts = 2)
        : jack (48000, 128, playbackPorts)
    {
    }

    void SetUp() override
    {
        ASSERT_TRUE (VirtualDisplay::ensureRunning());
        ASSERT_TRUE (jack.isReady());
        juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);
        host.setClient (&engine.getDeviceCallback());
        host.onDeviceStarted = [this] (double rate, int)
        { session.setEngineSampleRate (rate); }; // as the app
        ASSERT_TRUE (host.open());

        window = std::make_unique<MainWindow> (host, session, midi, [] {});
        screen = &window->getMainComponent();
    }

    void TearDown() override
    {
        window = nullptr;
        host.close();
        juce::LookAndFeel::setDefaultLookAndFeel (nullptr);
    }

    /** What a failure message needs about the device: under load jackd may drop the client, and
        hits made while it is being reconnected are dropped, not played late. */
    std::string deviceState() const
    {
        const auto status = host.getStatus();
        return std::string ("device ") + (status.isOpen ? "open" : "closed") + (status.lost ? ", lost" : "")
               + ", " + std::to_string (status.reconnects) + " reconnects, error \""
               + status.error.toStdString() + "\"";
    }

    JackDummyServer jack;
    TempSettings settings;
    TempFolder temp;
    PadDeckLookAndFeel lookAndFeel;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    AudioDeviceHost host{ settings.settings };
    MidiController midi{ session, &settings.settings, &host.getDeviceManager() };
    std::unique_ptr<MainWindow> window;
    MainComponent* screen = nullptr;
};

} // namespace paddeck::test
