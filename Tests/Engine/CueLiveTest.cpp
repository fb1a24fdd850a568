#include "Engine/AudioDeviceHost.h"
#include "Engine/EngineHarness.h"
#include "Engine/JackPortNames.h"
#include "Support/TempSettings.h"
#include "Support/TestServers.h"

#include <jack/jack.h>

#include <array>
#include <atomic>

namespace paddeck
{

namespace
{
/** A JACK client with four inputs that keeps the last sample each received: what headphones on
    the cue and speakers on the master would hear. */
struct Listener
{
    Listener()
    {
        client = jack_client_open ("listener", JackNoStartServer, nullptr);
        if (client == nullptr)
            return;
        for (size_t i = 0; i < ports.size(); ++i)
            ports[i] = jack_port_register (client, ("in_" + std::to_string (i + 1)).c_str(),
                                           JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        jack_set_process_callback (client, &Listener::process, this);
        jack_activate (client);
    }
    ~Listener()
    {
        if (client != nullptr)
            jack_client_close (client);
    }

    static int process (jack_nframes_t frames, void* self)
    {
        auto& l = *static_cast<Listener*> (self);
        for (size_t i = 0; i < l.ports.size(); ++i)
            if (frames > 0)
                l.last[i].store (static_cast<float*> (jack_port_get_buffer (l.ports[i], frames))[frames - 1]);
        return 0;
    }

    bool wire (const std::string& from, int input)
    {
        const auto to = "listener:in_" + std::to_string (input);
        const int rc = jack_connect (client, from.c_str(), to.c_str());
        return rc == 0 || rc == EEXIST;
    }

    std::vector<std::string> portNames (const std::string& pattern) const
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

    jack_client_t* client = nullptr;
    std::array<jack_port_t*, 4> ports{};
    std::array<std::atomic<float>, 4> last{};
};

int addConstantLoop (test::EngineHarness& h, const juce::String& name, float level, bool cued)
{
    PadSettings settings;
    settings.cue = cued;
    settings.playMode = PlayMode::loop;
    return h.addPad (h.load (test::writeWav (h.temp / name, 48000.0, 1, 48000,
                                             [level] (juce::int64, int) { return level; })),
                     settings);
}
} // namespace

TEST (CueLive, JackWithFourPlaybackPortsHasCueLAndCueRCarryingTheCue)
{
    test::JackDummyServer jack (48000, 128, 4);
    ASSERT_TRUE (jack.isReady());
    Listener listener;
    ASSERT_NE (listener.client, nullptr);

    test::EngineHarness h;
    const int cued = addConstantLoop (h, "cued.wav", 0.2f, true);
    const int uncued = addConstantLoop (h, "uncued.wav", 0.1f, false);
    h.publish();

    test::TempSettings settings;
    AudioDeviceHost host (settings.settings);
    host.setClient (&h.engine.getDeviceCallback());
    ASSERT_TRUE (host.open ({ AudioDeviceHost::jackTypeName })) << host.getStatus().error;
    EXPECT_TRUE (host.getStatus().hasCue());
    EXPECT_EQ (host.getStatus().cueOffReason(), "");

    int named = 0;
    ASSERT_TRUE (JackPortNames::renameOutputs (named).wasOk());
    EXPECT_EQ (named, 4);
    EXPECT_EQ (listener.portNames ("^PadDeck:"),
               (std::vector<std::string>{ "PadDeck:master_L", "PadDeck:master_R", "PadDeck:cue_L",
                                          "PadDeck:cue_R" }));
    ASSERT_TRUE (listener.wire ("PadDeck:master_L", 1));
    ASSERT_TRUE (listener.wire ("PadDeck:master_R", 2));
    ASSERT_TRUE (listener.wire ("PadDeck:cue_L", 3));
    ASSERT_TRUE (listener.wire ("PadDeck:cue_R", 4));

    // Hit until both loops sound (a loaded machine may make jackd drop and the host reconnect,
    // which drops what was sent meanwhile).
    auto heard = [&listener] (size_t port, float level)
    { return std::abs (listener.last[port].load() - level) < 1.0e-4f; };
    bool both = false;
    for (int attempt = 0; attempt < 5 && !both; ++attempt)
    {
        h.engine.send (EngineCommand::stopEverything());
        juce::MessageManager::getInstance()->runDispatchLoopUntil (100);
        h.engine.send (EngineCommand::press (cued, 1.0f));
        h.engine.send (EngineCommand::press (uncued, 1.0f));
        for (int i = 0; i < 300 && !both; ++i)
        {
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
            both = heard (0, 0.3f) && heard (2, 0.2f);
        }
    }
    EXPECT_TRUE (both) << "master_L " << listener.last[0].load() << ", cue_L " << listener.last[2].load();
    EXPECT_TRUE (heard (1, 0.3f)) << "master_R";
    EXPECT_TRUE (heard (3, 0.2f)) << "cue_R";
    EXPECT_GT (EngineMeters::takePeak (h.engine.getMeters().cuePeakLeft), 0.19f);
    host.close();
}

TEST (CueLive, TwoPlaybackPortsLeaveTheCueOffAndSayWhy)
{
    test::JackDummyServer jack;
    ASSERT_TRUE (jack.isReady());
    test::EngineHarness h;
    test::TempSettings settings;
    AudioDeviceHost host (settings.settings);
    host.setClient (&h.engine.getDeviceCallback());
    ASSERT_TRUE (host.open ({ AudioDeviceHost::jackTypeName }));

    const auto status = host.getStatus();
    EXPECT_EQ (status.outputChannels, 2);
    EXPECT_FALSE (status.hasCue());
    EXPECT_EQ (status.cueOffReason(), "Cue off: JACK has 2 playback ports; cue_L/cue_R need 4.");
    for (int i = 0; i < 300 && h.engine.getMeters().activeVoices.load() == 0
                    && h.engine.getMeters().blockStartSample.load() == 0;
         ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_FALSE (h.engine.getMeters().cueLive.load());
    host.close();
}

} // namespace paddeck
