#include "App/NsmClient.h"
#include "Support/BackgroundProcess.h"
#include "Support/FakeNsmServer.h"
#include "Support/TestAudio.h"
#include "Support/TestServers.h"

#include <gtest/gtest.h>
#include <jack/jack.h>

#include <csignal>

namespace paddeck
{

/** PadDeck in an NSM session, driven through the protocol by a small session manager on the
    loopback address (FakeNsmServer), with a dummy JACK server and Xvfb. */
struct NsmSession : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE (server.isReady());
        ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
        ASSERT_TRUE (jack.isReady());
        setenv ("NSM_URL", server.url().c_str(), 1);
        setenv ("PADDECK_SETTINGS_DIR", (temp / "settings").getFullPathName().toRawUTF8(), 1);
        setenv ("XDG_DATA_HOME", (temp / "data").getFullPathName().toRawUTF8(), 1);
    }

    void TearDown() override
    {
        app.stop();
        unsetenv ("NSM_URL");
        unsetenv ("PADDECK_SETTINGS_DIR");
        unsetenv ("XDG_DATA_HOME");
    }

    std::string output() const { return (temp / "app.out").loadFileAsString().toStdString(); }

    /** Announce and its answer: the client's side of the handshake. */
    void announce()
    {
        ASSERT_TRUE (app.start ({ PADDECK_APP_PATH }, (temp / "app.out").getFullPathName().toStdString()));
        const auto hello = server.waitFor ("/nsm/server/announce");
        ASSERT_TRUE (hello.has_value()) << output();
        ASSERT_EQ (hello->strings.size(), 3u);
        EXPECT_EQ (hello->strings[0], "PadDeck");
        EXPECT_EQ (hello->strings[1], ":switch:dirty:optional-gui:");
        EXPECT_NE (hello->strings[2].find ("PadDeck"), std::string::npos);
        EXPECT_EQ (hello->ints, (std::vector<int>{ 1, 1, (int) app.getPid() }));
        server.send ("/reply",
                     { "/nsm/server/announce", "Welcome", "Fake NSM", ":server-control:optional-gui:" });
        // The GUI starts hidden and says so after the announce.
        EXPECT_TRUE (server.waitFor ("/nsm/client/gui_is_hidden").has_value()) << output();
    }

    std::optional<test::FakeNsmServer::Message> open (const juce::File& clientPath,
                                                      const std::string& clientId)
    {
        server.send ("/nsm/client/open", { clientPath.getFullPathName().toStdString(), "PadDeck", clientId });
        return server.waitFor ("/reply");
    }

    /** The ports of a JACK client, as a patchbay sees them. */
    static std::vector<std::string> jackPorts (const std::string& client)
    {
        std::vector<std::string> names;
        if (auto* c = jack_client_open ("paddeck-test-patchbay", JackNoStartServer, nullptr))
        {
            if (const char** ports = jack_get_ports (c, ("^" + client + ":").c_str(), nullptr, 0))
            {
                for (int i = 0; ports[i] != nullptr; ++i)
                    names.push_back (ports[i]);
                jack_free (ports);
            }
            jack_client_close (c);
        }
        return names;
    }

    /** Generous (30 s): the ASan build of PadDeck reopening its JACK client on a loaded machine. */
    static bool soon (const std::function<bool()>& done)
    {
        for (int i = 0; i < 600; ++i)
        {
            if (done())
                return true;
            juce::Thread::sleep (50);
        }
        return done();
    }

    test::FakeNsmServer server;
    test::JackDummyServer jack;
    test::TempFolder temp;
    test::BackgroundProcess app;
};

TEST_F (NsmSession, OpensAndSavesInTheSessionFolderReportsDirtAndQuitsOnSigterm)
{
    announce();

    // A client folder that does not exist yet: a new, empty set is made and saved there.
    const auto clientPath = temp / "session/PadDeck.nTEST";
    const auto opened = open (clientPath, "PadDeck.nTEST");
    ASSERT_TRUE (opened.has_value()) << output();
    ASSERT_EQ (opened->strings.size(), 2u);
    EXPECT_EQ (opened->strings[0], "/nsm/client/open");
    const auto setFile = clientPath.getChildFile ("PadDeck.paddeck");
    EXPECT_TRUE (setFile.existsAsFile());
    EXPECT_TRUE (server.waitFor ("/nsm/client/is_clean").has_value());

    // The JACK client is named by the session, its ports as always.
    EXPECT_TRUE (soon ([] { return jackPorts ("PadDeck.nTEST").size() >= 2; }));
    const auto ports = jackPorts ("PadDeck.nTEST");
    EXPECT_NE (std::find (ports.begin(), ports.end(), "PadDeck.nTEST:master_L"), ports.end());
    EXPECT_NE (std::find (ports.begin(), ports.end(), "PadDeck.nTEST:master_R"), ports.end());

    // Shown on request; Ctrl+N (New set, which in a session empties the set in place) makes it dirty.
    server.send ("/nsm/client/show_optional_gui", {});
    ASSERT_TRUE (server.waitFor ("/nsm/client/gui_is_shown").has_value());
    // A click on the header (nothing there) gives the window the keyboard, as a performer's would.
    const auto script = "w=$(xdotool search --sync --onlyvisible --pid " + std::to_string (app.getPid())
                        + " --name PadDeck | head -n 1) && xdotool mousemove --window $w 300 30 click 1"
                          " && sleep 0.3 && xdotool key --clearmodifiers ctrl+n";
    std::string xdo;
    ASSERT_EQ (test::BackgroundProcess::run ({ "sh", "-c", script }, &xdo, 30), 0) << xdo;
    EXPECT_TRUE (server.waitFor ("/nsm/client/is_dirty").has_value()) << output();

    // Save: into the session's file, and clean again.
    server.send ("/nsm/client/save", {});
    const auto saved = server.waitFor ("/reply");
    ASSERT_TRUE (saved.has_value());
    EXPECT_EQ (saved->strings[0], "/nsm/client/save");
    EXPECT_TRUE (server.waitFor ("/nsm/client/is_clean").has_value());
    EXPECT_TRUE (clientPath.getChildFile ("PadDeck session.json").loadFileAsString().contains ("true"))
        << "the window was shown when the session was saved";

    // Hidden on request; the session manager quits clients with SIGTERM: at once, asking nothing.
    server.send ("/nsm/client/hide_optional_gui", {});
    EXPECT_TRUE (server.waitFor ("/nsm/client/gui_is_hidden").has_value());
    ASSERT_EQ (kill (app.getPid(), SIGTERM), 0);
    EXPECT_TRUE (soon ([this] { return !app.isRunning(); })) << "PadDeck did not quit on SIGTERM";
    EXPECT_TRUE (jackPorts ("PadDeck.nTEST").empty());
}

TEST_F (NsmSession, AnExistingClientFolderOpensItsSetAndARefusedSetIsAnError)
{
    // A session saved before: its set opens from the client folder.
    const auto clientPath = temp / "session/PadDeck.nOLD";
    clientPath.createDirectory();
    test::writeWav (clientPath.getChildFile ("tone.wav"), 48000.0, 1, 4800, test::sine (440.0, 48000.0));
    clientPath.getChildFile ("PadDeck.paddeck").replaceWithText (R"({"format": "PadDeck set", "version": 1,
            "banks": [{"name": "Saved", "pads": [{"index": 0, "file": "tone.wav"}]}]})");

    announce();
    const auto opened = open (clientPath, "PadDeck.nOLD");
    ASSERT_TRUE (opened.has_value()) << output();
    EXPECT_EQ (opened->strings[0], "/nsm/client/open");
    const auto setLine = "Set: " + clientPath.getChildFile ("PadDeck.paddeck").getFullPathName();
    EXPECT_TRUE (
        soon ([&] { return (temp / "settings/PadDeck.log").loadFileAsString().contains (setLine); }));

    // switch: another client folder whose set is not a set is refused with ERR_BAD_PROJECT.
    const auto broken = temp / "session/PadDeck.nBAD";
    broken.createDirectory();
    broken.getChildFile ("PadDeck.paddeck").replaceWithText ("not a set");
    server.send ("/nsm/client/open", { broken.getFullPathName().toStdString(), "PadDeck", "PadDeck.nBAD" });
    const auto error = server.waitFor ("/error");
    ASSERT_TRUE (error.has_value()) << output();
    EXPECT_EQ (error->strings[0], "/nsm/client/open");
    EXPECT_EQ (error->ints, (std::vector<int>{ -9 }));
    EXPECT_TRUE (soon ([] { return jackPorts ("PadDeck.nOLD").size() == 2; })) << "the old session plays on";

    // switch to a new client folder: a new set there, and the JACK client takes the new id.
    const auto next = open (temp / "session/PadDeck.nNEW", "PadDeck.nNEW");
    ASSERT_TRUE (next.has_value()) << output();
    EXPECT_EQ (next->strings[0], "/nsm/client/open");
    EXPECT_TRUE ((temp / "session/PadDeck.nNEW/PadDeck.paddeck").existsAsFile());
    EXPECT_TRUE (soon ([] { return jackPorts ("PadDeck.nNEW").size() == 2; }))
        << output() << (temp / "settings/PadDeck.log").loadFileAsString();
    EXPECT_TRUE (jackPorts ("PadDeck.nOLD").empty());
}

TEST (NsmUrl, OnlyASessionManagerOnThisMachineIsContacted)
{
    // 192.0.2.x is TEST-NET-1: PadDeck refuses it before anything is sent.
    juce::String why;
    EXPECT_EQ (NsmClient::loopbackPort ("osc.udp://192.0.2.1:12345/", why), -1);
    EXPECT_TRUE (why.contains ("another machine")) << why;
    EXPECT_EQ (NsmClient::loopbackPort ("osc.udp://127.0.0.1:4321/", why), 4321);
    EXPECT_EQ (NsmClient::loopbackPort ("osc.udp://localhost:4321/", why), 4321);
    EXPECT_EQ (NsmClient::loopbackPort ("osc.udp://" + juce::SystemStats::getComputerName() + ":4321/", why),
               4321);
    EXPECT_EQ (NsmClient::loopbackPort ("osc.tcp://127.0.0.1:4321/", why), -1);
    EXPECT_EQ (NsmClient::loopbackPort ("osc.udp://127.0.0.1/", why), -1);
}

} // namespace paddeck
