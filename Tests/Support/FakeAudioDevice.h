#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

#include <atomic>
#include <thread>
#include <vector>

namespace paddeck::test
{

/** A sound card for tests (there is none here): it offers several rates and buffer sizes, as an
    ALSA card does, so the Audio dialog's choices can be changed while it plays. Its own thread
    calls back once per period on the clock and keeps the left output channel, from the first
    callback on, across every restart, for the test to listen to. */
class FakeAudioDevice : public juce::AudioIODevice
{
public:
    FakeAudioDevice();
    ~FakeAudioDevice() override;

    juce::StringArray getOutputChannelNames() override { return { "left", "right" }; }
    juce::StringArray getInputChannelNames() override { return {}; }
    juce::Array<double> getAvailableSampleRates() override { return { 44100.0, 48000.0, 96000.0 }; }
    juce::Array<int> getAvailableBufferSizes() override { return { 64, 128, 256, 512 }; }
    int getDefaultBufferSize() override { return 128; }
    juce::String open (const juce::BigInteger& inputs, const juce::BigInteger& outputs, double sampleRate,
                       int bufferSize) override;
    void close() override;
    bool isOpen() override { return opened; }
    void start (juce::AudioIODeviceCallback* callback) override;
    void stop() override;
    bool isPlaying() override { return thread.joinable(); }
    juce::String getLastError() override { return {}; }
    int getCurrentBufferSizeSamples() override { return block; }
    double getCurrentSampleRate() override { return rate; }
    int getCurrentBitDepth() override { return 32; }
    juce::BigInteger getActiveOutputChannels() const override { return 3; }
    juce::BigInteger getActiveInputChannels() const override { return 0; }
    int getOutputLatencyInSamples() override { return 0; }
    int getInputLatencyInSamples() override { return 0; }

    /** [any] Frames of output kept so far; the first `frames` from `start` of them. */
    juce::int64 getFramesCaptured() const noexcept { return captured.load (std::memory_order_acquire); }
    std::vector<float> getCaptured (juce::int64 start, int frames) const;

    static constexpr int captureSeconds = 120;

private:
    void run (juce::AudioIODeviceCallback* callback);

    double rate = 48000.0;
    int block = 128;
    bool opened = false;
    std::thread thread;
    juce::AudioIODeviceCallback* running = nullptr;
    std::atomic<bool> keepRunning{ false };
    std::vector<float> capture; // sized once: the device thread never allocates
    std::atomic<juce::int64> captured{ 0 };
};

/** The device type that offers FakeAudioDevice (one device, "Fake output"). */
class FakeAudioDeviceType : public juce::AudioIODeviceType
{
public:
    FakeAudioDeviceType()
        : juce::AudioIODeviceType (typeName)
    {
    }

    void scanForDevices() override {}
    juce::StringArray getDeviceNames (bool wantInputNames) const override
    {
        return wantInputNames ? juce::StringArray() : juce::StringArray ("Fake output");
    }
    int getDefaultDeviceIndex (bool) const override { return 0; }
    int getIndexOfDevice (juce::AudioIODevice* device, bool asInput) const override
    {
        return device != nullptr && !asInput ? 0 : -1;
    }
    bool hasSeparateInputsAndOutputs() const override { return true; }
    juce::AudioIODevice* createDevice (const juce::String& outputName, const juce::String&) override
    {
        return outputName == "Fake output" ? new FakeAudioDevice() : nullptr;
    }

    static constexpr const char* typeName = "Fake";
};

} // namespace paddeck::test
