#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

#include <atomic>
#include <thread>

namespace paddeck::soak
{

/** A stand-in audio device: its own thread calls the callback once per period, on the clock, as
    a sound card's driver would (no sound card here). It counts what the soak reports about the
    audio thread: operator new calls inside callbacks, callbacks that overran their period. */
class PacedDevice : public juce::AudioIODevice
{
public:
    PacedDevice (double sampleRate, int blockSize);
    ~PacedDevice() override;

    juce::StringArray getOutputChannelNames() override { return { "left", "right" }; }
    juce::StringArray getInputChannelNames() override { return {}; }
    juce::Array<double> getAvailableSampleRates() override { return { rate }; }
    juce::Array<int> getAvailableBufferSizes() override { return { block }; }
    int getDefaultBufferSize() override { return block; }
    juce::String open (const juce::BigInteger&, const juce::BigInteger&, double, int) override { return {}; }
    void close() override { stop(); }
    bool isOpen() override { return true; }
    void start (juce::AudioIODeviceCallback* callback) override; // [message]
    void stop() override;                                        // [message]
    bool isPlaying() override { return thread.joinable(); }
    juce::String getLastError() override { return {}; }
    int getCurrentBufferSizeSamples() override { return block; }
    double getCurrentSampleRate() override { return rate; }
    int getCurrentBitDepth() override { return 32; }
    juce::BigInteger getActiveOutputChannels() const override { return 3; }
    juce::BigInteger getActiveInputChannels() const override { return 0; }
    int getOutputLatencyInSamples() override { return 0; }
    int getInputLatencyInSamples() override { return 0; }

    // [any]
    juce::int64 getBlocks() const noexcept { return blocks.load(); }
    juce::int64 getAllocations() const noexcept { return allocations.load(); }
    juce::int64 getLateBlocks() const noexcept { return lateBlocks.load(); }

private:
    void run (juce::AudioIODeviceCallback* callback);

    const double rate;
    const int block;
    std::thread thread;
    std::atomic<bool> running{ false };
    std::atomic<juce::int64> blocks{ 0 }, allocations{ 0 }, lateBlocks{ 0 };
};

} // namespace paddeck::soak
