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

    const auto hit = [&h] {
        h.engine.getDeviceCallback().handleIncomingMidiMessage (nullptr,
                                                                juce::MidiMessage::noteOn (1, 0, 1.0f));
    };
    std::thread midiThread (
        [&h, &hit]
        {
            hit();
            // Sysex and a flood are survived: dropped or deferred, never a stall.
            const juce::uint8 sysex[] = { 0xf0, 0x01, 0x02, 0xf7 };
            for (int i = 0; i < 10000; ++i)
                h.engine.getDeviceCallback().handleIncomingMidiMessage (
                    nullptr, i % 2 == 0 ? juce::MidiMessage (sysex, 4)
                                        : juce::MidiMessage::controllerEvent (1, 7, i % 128));
        });
    midiThread.join();

    // A loaded machine may make jackd drop the client; the host then reconnects, and what was played
    // while no device ran is dropped rather than played late (audioDeviceAboutToStart). The pad is
    // then hit again, as a performer would.
    auto reconnects = host.getStatus().reconnects;
    bool played = false;
    for (int i = 0; i < 3000 && !played; ++i) // generous: a loaded machine may start jackd slowly
    {
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        played = h.engine.getMeters().padVoices[0].load() == 1;
        if (!played && host.getStatus().reconnects != reconnects)
        {
            reconnects = host.getStatus().reconnects;
            std::thread (hit).join();
        }
    }
    EXPECT_TRUE (played) << "device " << (host.getStatus().isOpen ? "open" : "closed") << ", "
                         << host.getStatus().reconnects << " reconnects, error \"" << host.getStatus().error
                         << "\", MIDI dropped " << h.engine.getDeviceCallback().getMidiDropped();
    for (int i = 0; i < 100 && h.engine.getMeters().padPeak[0].load() == 0.0f; ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_GT (h.engine.getMeters().padPeak[0].load(), 0.4f);
    host.close();
}

namespace
{
/** A device that announces a block size and is otherwise never opened: what audioDeviceAboutToStart reads. */
struct AnnouncedDevice : juce::AudioIODevice
{
    AnnouncedDevice (double r, int block)
        : juce::AudioIODevice ("announced", "test")
        , rate (r)
        , blockSize (block)
    {
    }
    juce::StringArray getOutputChannelNames() override { return { "L", "R" }; }
    juce::StringArray getInputChannelNames() override { return {}; }
    juce::Array<double> getAvailableSampleRates() override { return { rate }; }
    juce::Array<int> getAvailableBufferSizes() override { return { blockSize }; }
    int getDefaultBufferSize() override { return blockSize; }
    juce::String open (const juce::BigInteger&, const juce::BigInteger&, double, int) override { return {}; }
    void close() override {}
    bool isOpen() override { return true; }
    void start (juce::AudioIODeviceCallback*) override {}
    void stop() override {}
    bool isPlaying() override { return true; }
    juce::String getLastError() override { return {}; }
    int getCurrentBufferSizeSamples() override { return blockSize; }
    double getCurrentSampleRate() override { return rate; }
    int getCurrentBitDepth() override { return 32; }
    juce::BigInteger getActiveOutputChannels() const override { return 3; }
    juce::BigInteger getActiveInputChannels() const override { return 0; }
    int getOutputLatencyInSamples() override { return 0; }
    int getInputLatencyInSamples() override { return 0; }

    double rate;
    int blockSize;
};
} // namespace

// A device that calls back with more frames than it announced gets them all, rendered in chunks of
// the announced size: the sound carries on across the chunks, and MIDI lands in the right one.
TEST (GraphDeviceCallback, ACallbackLargerThanAnnouncedIsRenderedInChunksNotMuted)
{
    test::EngineHarness h;
    const int tone =
        h.addPad (h.load (test::writeWav (h.temp / "s.wav", 48000.0, 1, 96000, test::sine (220.0, 48000.0))));
    const int dc = h.addPad (h.load (
        test::writeWav (h.temp / "dc.wav", 48000.0, 1, 96000, [] (juce::int64, int) { return 0.25f; })));
    h.publish();

    auto& callback = h.engine.getDeviceCallback();
    AnnouncedDevice device (48000.0, 128);
    callback.audioDeviceAboutToStart (&device);

    std::vector<float> left (1000), right (1000), third (1000, 1.0f);
    float* outputs[] = { left.data(), right.data(), third.data() };
    const juce::AudioIODeviceCallbackContext context{};

    callback.handleIncomingMidiMessage (nullptr, juce::MidiMessage::noteOn (1, tone, 1.0f));
    callback.audioDeviceIOCallbackWithContext (nullptr, 0, outputs, 3, 128, context);
    EXPECT_EQ (h.engine.getMeters().padVoices[(size_t) tone].load(), 1);

    // 1000 frames against 128 announced: 8 chunks. The tone plays through all of them, without a
    // step larger than the sine's own anywhere, and a note that arrived meanwhile starts in one.
    callback.handleIncomingMidiMessage (nullptr, juce::MidiMessage::noteOn (1, dc, 1.0f));
    callback.audioDeviceIOCallbackWithContext (nullptr, 0, outputs, 3, 1000, context);

    EXPECT_EQ (h.engine.getMeters().blockStartSample.load(), 128 + 1000) << "every frame was rendered";
    EXPECT_EQ (h.engine.getMeters().padVoices[(size_t) dc].load(), 1);
    EXPECT_EQ (test::firstAbove (third.data(), 0, 1000, 0.0f), -1) << "a channel beyond stereo is silent";

    // The DC pad adds 0.25 from its onset on: take it out and the tone is whole.
    int onset = -1;
    for (int i = 1; i < 1000 && onset < 0; ++i)
        if (left[(size_t) i] - left[(size_t) i - 1] > 0.2f)
            onset = i;
    ASSERT_GE (onset, 0) << "the DC pad sounded in this callback";
    for (int i = onset; i < 1000; ++i)
        left[(size_t) i] -= 0.25f;
    const float sineStep = 0.5f * 2.0f * 3.1416f * 220.0f / 48000.0f * 1.01f;
    EXPECT_LE (test::maxStep (left.data(), 0, 1000), sineStep) << "no gap or jump between chunks";
    EXPECT_NEAR (test::rmsDb (left.data(), 0, 1000), juce::Decibels::gainToDecibels (0.5 / std::sqrt (2.0)),
                 0.5);

    callback.audioDeviceStopped();
}

} // namespace paddeck
