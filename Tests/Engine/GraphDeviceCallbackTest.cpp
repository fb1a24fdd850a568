#include "Engine/AudioDeviceHost.h"
#include "Engine/EngineHarness.h"
#include "Support/TempSettings.h"
#include "Support/TestServers.h"

#include <thread>

namespace paddeck
{

// Live: jackd -d dummy runs the graph through GraphDeviceCallback, and MIDI arrives from another
// thread the way a MIDI input delivers it.
TEST (GraphDeviceCallback, MidiFromAnInputThreadFiresPadsOnTheLiveDevice)
{
    test::JackDummyServer jack;
    ASSERT_TRUE (jack.isReady());
    test::EngineHarness h;
    h.addPad (h.load (test::writeWav (h.temp / "s.wav", 48000.0, 1, 96000, test::sine (220.0, 48000.0))));
    h.publish();

    test::TempSettings settings;
    AudioDeviceHost host (settings.settings);
    host.setClient (&h.engine.getDeviceCallback());
    ASSERT_TRUE (host.open());

    std::thread midiThread (
        [&h]
        {
            h.engine.getDeviceCallback().handleIncomingMidiMessage (nullptr,
                                                                    juce::MidiMessage::noteOn (1, 0, 1.0f));
            // Sysex and a flood are survived: dropped or deferred, never a stall.
            const juce::uint8 sysex[] = { 0xf0, 0x01, 0x02, 0xf7 };
            for (int i = 0; i < 10000; ++i)
                h.engine.getDeviceCallback().handleIncomingMidiMessage (
                    nullptr, i % 2 == 0 ? juce::MidiMessage (sysex, 4)
                                        : juce::MidiMessage::controllerEvent (1, 7, i % 128));
        });
    midiThread.join();

    bool played = false;
    for (int i = 0; i < 3000 && !played; ++i) // generous: a loaded machine may start jackd slowly
    {
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        played = h.engine.getMeters().padVoices[0].load() == 1;
    }
    EXPECT_TRUE (played);
    for (int i = 0; i < 100 && h.engine.getMeters().padPeak[0].load() == 0.0f; ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_GT (h.engine.getMeters().padPeak[0].load(), 0.4f);
    host.close();
}

} // namespace paddeck
