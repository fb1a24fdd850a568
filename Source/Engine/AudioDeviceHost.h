#pragma once

#include "Engine/CallbackLoadMeter.h"

#include <juce_audio_devices/juce_audio_devices.h>

namespace paddeck
{

class Settings;

/** What the status strip shows about the audio device. */
struct DeviceStatus
{
    bool isOpen = false;
    juce::String typeName, deviceName, error;
    double sampleRate = 0.0;
    int bufferSize = 0;
    int outputLatencyFrames = 0;
    double latencyMs = 0.0; // device buffer + device output latency
    double cpuAverage = 0.0, cpuPeak = 0.0;
    int xruns = 0;
    juce::int64 callbacks = 0;
};

/** Opens and owns the audio device, and measures the callback's load.

    The device is chosen in this order: the type and device the user chose last time (from
    Settings), then a running JACK server, then ALSA's default device. With none of them, the
    host stays closed and says why. [message] only, except where noted. */
class AudioDeviceHost : private juce::ChangeListener
{
public:
    explicit AudioDeviceHost (Settings& settings);
    ~AudioDeviceHost() override;

    /** The callback that makes the audio (the engine's graph player). Set before open(). */
    void setClient (juce::AudioIODeviceCallback* client);

    /** Tries the device types in order; returns true if one opened. */
    bool open (juce::StringArray typeOrder = {});
    void close();

    DeviceStatus getStatus() const;
    juce::AudioDeviceManager& getDeviceManager() noexcept { return deviceManager; }
    const CallbackLoadMeter& getLoadMeter() const noexcept { return meteredCallback.meter; }

    static constexpr const char* jackTypeName = "JACK";
    static constexpr const char* alsaTypeName = "ALSA";

private:
    struct MeteredCallback : juce::AudioIODeviceCallback
    {
        void audioDeviceIOCallbackWithContext (const float* const* inputs, int numInputs,
                                               float* const* outputs, int numOutputs, int numFrames,
                                               const juce::AudioIODeviceCallbackContext& context) override;
        void audioDeviceAboutToStart (juce::AudioIODevice* device) override;
        void audioDeviceStopped() override;
        void audioDeviceError (const juce::String& message) override;

        std::atomic<juce::AudioIODeviceCallback*> client{ nullptr };
        CallbackLoadMeter meter;
    };

    bool tryOpenType (const juce::String& typeName);
    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    void rememberChoice();

    Settings& settings;
    juce::AudioDeviceManager deviceManager;
    MeteredCallback meteredCallback;
    juce::String lastError;
    bool isOpening = false;
};

} // namespace paddeck
