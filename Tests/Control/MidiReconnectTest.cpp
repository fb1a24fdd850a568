#include "Control/MidiControllerFixture.h"
#include "Support/FakeMidiDevices.h"
#include "Support/TempSettings.h"
#include "Support/TreeCompare.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** A controller on MIDI ports the test plugs and unplugs (FakeMidiDevices: this machine has no MIDI
    driver), through the same MidiDevices calls JUCE's ports answer in the app. */
struct MidiReconnect : MidiControllerFixture
{
    /** The LED value the last message for a note set on this port, or -1. */
    static int lastFor (const test::FakeMidiDevices::Port& port, int note)
    {
        for (auto it = port.received.rbegin(); it != port.received.rend(); ++it)
            if (it->isNoteOnOrOff() && it->getNoteNumber() == note)
                return it->isNoteOn() ? (int) it->getVelocity() : 0;
        return -1;
    }

    std::shared_ptr<test::FakeMidiDevices::State> ports = std::make_shared<test::FakeMidiDevices::State>();
    test::TempSettings settings;
};

TEST_F (MidiReconnect, AControllerUnpluggedAndPluggedBackIsOpenedAgainGetsTheWholeLedStateAndKeepsItsMapping)
{
    test::FakeMidiDevices::plug (*ports, "Launchpad Mini", "24-0");
    MidiController launchpad (session, &settings.settings, std::make_unique<test::FakeMidiDevices> (ports));
    EXPECT_TRUE (ports->open["24-0"]) << "a controller plays as soon as it is there";
    launchpad.setFeedbackOutput ("24-0");
    ASSERT_EQ (ports->outputPorts.size(), 1u);
    const auto& fb = launchpad.getMapping().feedback; // the standard mapping: notes 36–51, top-left 48
    EXPECT_EQ (ports->outputPorts[0]->received.size(), 16u) << "every mapped pad lit";

    session.loadIntoPad (0, tone);
    waitForLoads();
    launchpad.updateFeedback();
    EXPECT_EQ (lastFor (*ports->outputPorts[0], 48), fb.loaded);
    const auto mapping = launchpad.getMapping().toJson();

    // Pulled out: its input and LEDs are let go of.
    test::FakeMidiDevices::unplug (*ports, "24-0");
    launchpad.pollDevices();
    EXPECT_FALSE (ports->open["24-0"]);

    // Meanwhile the performer loads another pad (top row, second: note 49).
    session.loadIntoPad (1, click);
    waitForLoads();
    launchpad.updateFeedback();
    const auto set = session.getSet().createCopy();

    // Plugged back, into another socket: ALSA gives it another client number.
    test::FakeMidiDevices::plug (*ports, "Launchpad Mini", "28-0");
    launchpad.pollDevices();
    EXPECT_TRUE (ports->open["28-0"]);
    ASSERT_EQ (ports->outputPorts.size(), 2u) << "its LEDs' output is opened again, found by its name";
    const auto& relit = *ports->outputPorts[1];
    EXPECT_EQ (relit.received.size(), 16u) << "the whole state, not only what changes next";
    EXPECT_EQ (lastFor (relit, 48), fb.loaded);
    EXPECT_EQ (lastFor (relit, 49), fb.loaded) << "loaded while it was unplugged";
    EXPECT_EQ (lastFor (relit, 50), fb.empty);
    EXPECT_EQ (launchpad.getFeedbackOutput(), "28-0");
    EXPECT_EQ (settings.settings.properties().getValue ("midiFeedbackOutput"), "28-0") << "remembered";

    EXPECT_EQ (launchpad.getMapping().toJson(), mapping) << "a device fault never touches the mapping";
    EXPECT_TRUE (test::sameTree (set, session.getSet())) << "... nor the set";

    // Out and back in the same socket: the input is opened afresh (its old port is dead).
    test::FakeMidiDevices::unplug (*ports, "28-0");
    launchpad.pollDevices();
    test::FakeMidiDevices::plug (*ports, "Launchpad Mini", "28-0");
    launchpad.pollDevices();
    EXPECT_TRUE (ports->open["28-0"]);
    EXPECT_EQ (ports->timesOpened["28-0"], 2);
    ASSERT_EQ (ports->outputPorts.size(), 3u);
    EXPECT_EQ (lastFor (*ports->outputPorts[2], 49), fb.loaded);

    // And what it plays lands: a note from it fires the pad it is mapped to.
    play ({ { 0, juce::MidiMessage::noteOn (1, 48, 1.0f) } });
    EXPECT_EQ (engine.getMeters().padVoices[0].load(), 1);
}

TEST_F (MidiReconnect, AnInputThePerformerSwitchedOffStaysOffWhenItComesBack)
{
    test::FakeMidiDevices::plug (*ports, "Keys", "20-0");
    MidiController controller2 (session, &settings.settings, std::make_unique<test::FakeMidiDevices> (ports));
    controller2.setInputEnabled ("20-0", false);
    test::FakeMidiDevices::unplug (*ports, "20-0");
    controller2.pollDevices();
    test::FakeMidiDevices::plug (*ports, "Keys", "20-0");
    controller2.pollDevices();
    EXPECT_FALSE (ports->open["20-0"]);
    EXPECT_EQ (ports->timesOpened["20-0"], 1);
}

} // namespace paddeck
