#include "Engine/JackPortNames.h"
#include "Engine/AudioDeviceHost.h"
#include "Support/TempSettings.h"
#include "Support/TestServers.h"

#include <gtest/gtest.h>
#include <jack/jack.h>

#include <chrono>
#include <thread>

namespace paddeck
{

/** A patchbay's view of the JACK graph: a client of its own with two inputs, which it wires to
    ports by name, as QjackCtl's patchbay or NSM's jackpatch do after a restart. */
struct Patchbay
{
    Patchbay()
    {
        client = jack_client_open ("patchbay", JackNoStartServer, nullptr);
        if (client == nullptr)
            return;
        left = jack_port_register (client, "in_L", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        right = jack_port_register (client, "in_R", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        jack_activate (client);
    }
    ~Patchbay()
    {
        if (client != nullptr)
            jack_client_close (client);
    }

    std::vector<std::string> ports (const std::string& pattern) const
    {
        std::vector<std::string> names;
        if (const char** found = jack_get_ports (client, pattern.c_str(), nullptr, 0))
        {
            for (int i = 0; found[i] != nullptr; ++i)
                names.push_back (found[i]);
            jack_free (found);
        }
        return names;
    }

    bool wire (const std::string& from, const std::string& to)
    {
        const int rc = jack_connect (client, from.c_str(), to.c_str());
        return rc == 0 || rc == EEXIST;
    }

    /** JACK 2 shows a new connection from the server's next cycle on, which a busy machine (the
        sanitizer build) delays: asked again for up to 5 s of cycles. */
    bool isWired (const std::string& from, const std::string& to) const
    {
        for (int i = 0; i < 500; ++i)
        {
            auto* port = jack_port_by_name (client, from.c_str());
            if (port != nullptr && jack_port_connected_to (port, to.c_str()) != 0)
                return true;
            std::this_thread::sleep_for (std::chrono::milliseconds (10));
        }
        return false;
    }

    jack_client_t* client = nullptr;
    jack_port_t *left = nullptr, *right = nullptr;
};

TEST (JackPortNames, TheMasterOutputsAreNamedSoAPatchbayFindsThemAgainAfterARestart)
{
    test::JackDummyServer jack;
    ASSERT_TRUE (jack.isReady());
    Patchbay patchbay;
    ASSERT_NE (patchbay.client, nullptr);
    test::TempSettings settings;

    {
        AudioDeviceHost host (settings.settings);
        ASSERT_TRUE (host.open ({ AudioDeviceHost::jackTypeName }));
        int named = 0;
        ASSERT_TRUE (JackPortNames::renameOutputs (named).wasOk());
        EXPECT_EQ (named, 2);
        EXPECT_EQ (patchbay.ports ("^PadDeck:"),
                   (std::vector<std::string>{ "PadDeck:master_L", "PadDeck:master_R" }));

        // JUCE's own wiring to the sound card survives the rename.
        EXPECT_TRUE (patchbay.isWired ("PadDeck:master_L", "system:playback_1"));

        // The performer wires the master to the patchbay's inputs instead.
        ASSERT_TRUE (patchbay.wire ("PadDeck:master_L", "patchbay:in_L"));
        ASSERT_TRUE (patchbay.wire ("PadDeck:master_R", "patchbay:in_R"));

        // A second rename finds nothing left to do.
        ASSERT_TRUE (JackPortNames::renameOutputs (named).wasOk());
        EXPECT_EQ (named, 0);
    }
    EXPECT_TRUE (patchbay.ports ("^PadDeck:").empty()) << "the client went away with the device";

    // Restarted: the same names, so the patchbay's remembered wiring applies again.
    AudioDeviceHost host (settings.settings);
    ASSERT_TRUE (host.open ({ AudioDeviceHost::jackTypeName }));
    int named = 0;
    ASSERT_TRUE (JackPortNames::renameOutputs (named).wasOk());
    EXPECT_TRUE (patchbay.wire ("PadDeck:master_L", "patchbay:in_L"));
    EXPECT_TRUE (patchbay.wire ("PadDeck:master_R", "patchbay:in_R"));
    EXPECT_TRUE (patchbay.isWired ("PadDeck:master_L", "patchbay:in_L"));
    EXPECT_TRUE (patchbay.isWired ("PadDeck:master_R", "patchbay:in_R"));
}

TEST (JackPortNames, TheClientIsNamedAtRunTime)
{
    test::JackDummyServer jack;
    ASSERT_TRUE (jack.isReady());
    Patchbay patchbay;
    test::TempSettings settings;

    JackPortNames::setClientName ("PadDeck.nABCD");
    AudioDeviceHost host (settings.settings);
    ASSERT_TRUE (host.open ({ AudioDeviceHost::jackTypeName }));
    int named = 0;
    EXPECT_TRUE (JackPortNames::renameOutputs (named).wasOk());
    EXPECT_EQ (patchbay.ports ("^PadDeck\\.nABCD:"),
               (std::vector<std::string>{ "PadDeck.nABCD:master_L", "PadDeck.nABCD:master_R" }));
    host.close();
    JackPortNames::setClientName (JackPortNames::defaultClientName);
}

} // namespace paddeck
