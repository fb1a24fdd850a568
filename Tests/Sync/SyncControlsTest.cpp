#include "App/MainWindow.h"
#include "Control/MidiController.h"
#include "Support/NetworkNamespace.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"
#include "Support/TestServers.h"
#include "Sync/SyncRig.h"
#include "UI/MainComponent.h"
#include "UI/PadDeckLookAndFeel.h"

#include <ableton/Link.hpp>

namespace paddeck
{
using test::SyncRig;

namespace
{
MidiMapping mappingWith (std::initializer_list<MidiBinding> bindings)
{
    MidiMapping mapping;
    for (auto& b : bindings)
        mapping.bindings.push_back (b);
    return mapping;
}

MidiBinding noteTo (int note, MidiTarget::Type type)
{
    MidiBinding b;
    b.source = { MidiSource::Type::note, 1, note };
    b.target.type = type;
    return b;
}

MidiBinding ccTo (int number, MidiTarget::Type type)
{
    MidiBinding b;
    b.source = { MidiSource::Type::controller, 1, number };
    b.target.type = type;
    return b;
}
} // namespace

TEST (SyncSettings, LinkIsOffByDefaultAndTheChoicesAreRemembered)
{
    test::TempSettings settings;
    AudioEngine engine;
    SampleLoader loader;
    Session session (engine, loader);
    {
        SyncController sync (session, &settings.settings);
        EXPECT_EQ (sync.getSource(), ClockSource::internal);
        EXPECT_FALSE (sync.isLinkOn());
        EXPECT_FALSE (sync.getLink().isEnabled());
        EXPECT_FALSE (sync.isLinkStartStop());
        EXPECT_TRUE (sync.getClockOutput().isEmpty());

        sync.setSource (ClockSource::midiClock);
        sync.setLinkStartStop (true);
        EXPECT_FALSE (sync.getLink().isEnabled()); // MIDI clock in needs no network
    }
    EXPECT_EQ (settings.settings.properties().getValue ("syncSource"), "midiClock");

    SyncController again (session, &settings.settings);
    EXPECT_EQ (again.getSource(), ClockSource::midiClock);
    EXPECT_TRUE (again.isLinkStartStop());
    EXPECT_TRUE (again.getLink().isStartStopSyncEnabled());
}

TEST (SyncMapping, TheClockSourceAndTheTransportAreMappable)
{
    SyncRig rig;
    MidiController controller (rig.session);
    controller.setSyncSwitches (&rig.sync);
    controller.setMapping (
        mappingWith ({ ccTo (20, MidiTarget::Type::clockSource), noteTo (60, MidiTarget::Type::syncPlay) }));

    // A knob points at a choice: the middle is MIDI clock, the bottom internal.
    controller.handleMessage (juce::MidiMessage::controllerEvent (1, 20, 64));
    EXPECT_EQ (rig.sync.getSource(), ClockSource::midiClock);
    controller.handleMessage (juce::MidiMessage::controllerEvent (1, 20, 0));
    EXPECT_EQ (rig.sync.getSource(), ClockSource::internal);
    EXPECT_FALSE (rig.sync.getLink().isEnabled());

    // A pad starts the transport on the next bar and stops it at once.
    for (int i = 0; i < 10; ++i) // into the first bar
        rig.renderBlock();
    controller.handleMessage (juce::MidiMessage::noteOn (1, 60, 1.0f));
    rig.renderBlock();
    EXPECT_FALSE (rig.sync.isPlaying()); // waiting for the bar
    for (int i = 0; i < 48000 * 2 / rig.block + 1; ++i)
        rig.renderBlock();
    EXPECT_TRUE (rig.sync.isPlaying());
    controller.handleMessage (juce::MidiMessage::noteOff (1, 60));
    controller.handleMessage (juce::MidiMessage::noteOn (1, 60, 1.0f));
    rig.renderBlock();
    EXPECT_FALSE (rig.sync.isPlaying());

    for (auto type : { MidiTarget::Type::link, MidiTarget::Type::clockSource, MidiTarget::Type::syncPlay })
    {
        MidiTarget target;
        target.type = type;
        const auto parsed = MidiTarget::fromString (target.toString());
        ASSERT_TRUE (parsed.has_value()) << target.toString();
        EXPECT_EQ (*parsed, target);
        EXPECT_TRUE (target.isToggle() || target.isSelector());
    }
}

TEST (SyncTransport, AStopStopsThePads)
{
    SyncRig rig;
    test::TempFolder temp;
    rig.session.loadIntoPad (
        0, test::writeWav (temp / "dc.wav", rig.rate, 1, 480000, [] (juce::int64, int) { return 0.5f; }));
    ASSERT_TRUE (SyncRig::waitUntil ([&] { return rig.session.isIdle(); }));
    rig.session.publishNow();
    rig.sync.setPlaying (true);
    for (int i = 0; i < 48000 * 2 / rig.block + 1; ++i)
        rig.renderBlock();
    ASSERT_TRUE (rig.sync.isPlaying());
    rig.sync.poll();

    rig.session.press (0);
    rig.renderBlock();
    EXPECT_GT (rig.engine.getMeters().padVoices[0].load(), 0);

    rig.sync.setPlaying (false);
    rig.renderBlock();
    rig.sync.poll(); // the controller sees the stop and stops the pads
    for (int i = 0; i < 20; ++i)
        rig.renderBlock();
    EXPECT_EQ (rig.engine.getMeters().padVoices[0].load(), 0);
    EXPECT_LT (test::rmsDb (rig.buffer.getReadPointer (0), 0, rig.block), -90.0);
}

//==============================================================================
// With Link: only inside the namespace the twin test makes (see NetworkNamespace).
#define PADDECK_REQUIRE_LOOPBACK_ONLY()                                                                      \
    if (!test::NetworkNamespace::isChild())                                                                  \
        GTEST_SKIP() << "runs only inside the network namespace its twin test makes";                        \
    if (std::string why; !test::NetworkNamespace::hasOnlyLoopback (why))                                     \
        FAIL() << "refusing to enable Link outside a loopback-only namespace: " << why;

PADDECK_NETNS_TEST (PerformerScreenLink, TheLinkButtonShowsPeersIsRememberedAndCanBeLearned)
{
    PADDECK_REQUIRE_LOOPBACK_ONLY();
    ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
    test::TempSettings settings;
    PadDeckLookAndFeel lookAndFeel;
    juce::LookAndFeel::setDefaultLookAndFeel (&lookAndFeel);
    {
        AudioEngine engine;
        SampleLoader loader;
        Session session (engine, loader);
        AudioDeviceHost host (settings.settings); // not opened: the screen needs no sound here
        MidiController midi (session, &settings.settings);
        auto sync = std::make_unique<SyncController> (session, &settings.settings);
        midi.setSyncSwitches (sync.get());
        auto window = std::make_unique<MainWindow> (
            host, session, midi, [] {}, sync.get());
        auto* bar = window->getMainComponent().getSyncBar();
        ASSERT_NE (bar, nullptr);
        EXPECT_TRUE (bar->isShowing());
        EXPECT_EQ (bar->getLinkText(), "LINK");

        bar->getLinkButton().triggerClick();
        ASSERT_TRUE (SyncRig::waitUntil ([&] { return sync->isLinkOn(); }));
        EXPECT_TRUE (sync->getLink().isEnabled());
        window->getMainComponent().refresh();
        EXPECT_EQ (bar->getLinkText(), juce::String::fromUTF8 ("LINK \u00b7 0"));

        {
            ableton::Link peer (120.0);
            peer.enable (true);
            ASSERT_TRUE (SyncRig::waitUntil (
                [&]
                {
                    window->getMainComponent().refresh();
                    return bar->getLinkText() == juce::String::fromUTF8 ("LINK \u00b7 1");
                }));
            peer.enable (false);
        }
        EXPECT_TRUE (SyncRig::waitUntil (
            [&]
            {
                window->getMainComponent().refresh();
                return bar->getLinkText() == juce::String::fromUTF8 ("LINK \u00b7 0");
            }));
        EXPECT_EQ (settings.settings.properties().getValue ("syncSource"), "link");

        // A controller's button switches it off (learned like any control).
        midi.setMapping (mappingWith ({ noteTo (61, MidiTarget::Type::link) }));
        midi.handleMessage (juce::MidiMessage::noteOn (1, 61, 1.0f));
        EXPECT_FALSE (sync->isLinkOn());
        EXPECT_FALSE (sync->getLink().isEnabled());
        midi.handleMessage (juce::MidiMessage::noteOff (1, 61));
        midi.handleMessage (juce::MidiMessage::noteOn (1, 61, 1.0f));
        EXPECT_TRUE (sync->isLinkOn());

        // The next start takes Link from the settings (the window, which listens to the controller,
        // goes first, as in the app).
        window = nullptr;
        midi.setSyncSwitches (nullptr);
        sync = nullptr;
        SyncController again (session, &settings.settings);
        EXPECT_TRUE (again.isLinkOn());
        EXPECT_TRUE (again.getLink().isEnabled());
    }
    juce::LookAndFeel::setDefaultLookAndFeel (nullptr);
}

} // namespace paddeck
