#include "Engine/AudioDeviceHost.h"
#include "Support/TempSettings.h"
#include "Support/TestServers.h"

#include <gtest/gtest.h>

namespace paddeck
{

static void runMessageLoopFor (int ms) { juce::MessageManager::getInstance()->runDispatchLoopUntil (ms); }

TEST (AudioDeviceHost, OpensRunningJackServerAndMeasuresLoadAndLatency)
{
    test::JackDummyServer jack (48000, 128);
    ASSERT_TRUE (jack.isReady()) << "jackd -d dummy did not start";

    test::TempSettings temp;
    AudioDeviceHost host (temp.settings);
    ASSERT_TRUE (host.open());

    // A dummy JACK period of 128 frames at 48 kHz is 2.67 ms: 1.5 s gives hundreds of callbacks.
    for (int i = 0; i < 30 && host.getStatus().callbacks < 400; ++i)
        runMessageLoopFor (100);

    const auto status = host.getStatus();
    EXPECT_TRUE (status.isOpen);
    EXPECT_EQ (status.typeName, "JACK");
    EXPECT_EQ (status.sampleRate, 48000.0);
    EXPECT_EQ (status.bufferSize, 128);
    EXPECT_GT (status.callbacks, 100);
    EXPECT_GE (status.cpuAverage, 0.0);
    EXPECT_LT (status.cpuAverage, 1.0);
    EXPECT_GE (status.cpuPeak, status.cpuAverage);
    EXPECT_LT (status.cpuPeak, 1.0);
    EXPECT_GE (status.outputLatencyFrames, 0);
    EXPECT_NEAR (status.latencyMs, 1000.0 * (128 + status.outputLatencyFrames) / 48000.0, 1e-9);
    EXPECT_GE (status.latencyMs, 1000.0 * 128 / 48000.0);

    // The choice is remembered for the next start.
    EXPECT_EQ (temp.settings.properties().getValue ("audioDeviceType"), "JACK");
    host.close();
}

TEST (AudioDeviceHost, WithNoServerAndNoAlsaDeviceSaysSo)
{
    // A JACK server name nobody runs, and an ALSA configuration that defines no device.
    setenv ("JACK_DEFAULT_SERVER", "paddeck-no-such-server", 1);
    juce::TemporaryFile emptyAlsaConfig (".conf");
    ASSERT_TRUE (emptyAlsaConfig.getFile().replaceWithText ("\n"));
    setenv ("ALSA_CONFIG_PATH", emptyAlsaConfig.getFile().getFullPathName().toRawUTF8(), 1);

    test::TempSettings temp;
    AudioDeviceHost host (temp.settings);
    EXPECT_FALSE (host.open());

    const auto status = host.getStatus();
    EXPECT_FALSE (status.isOpen);
    EXPECT_TRUE (status.error.containsIgnoreCase ("no audio device")) << status.error;

    unsetenv ("ALSA_CONFIG_PATH");
    unsetenv ("JACK_DEFAULT_SERVER");
}

} // namespace paddeck
