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
    bool lost = false; // it was playing and went away (a server stopped): being reconnected
    juce::String typeName, deviceName, error;
    double sampleRate = 0.0;
    int bufferSize = 0;
    int outputLatencyFrames = 0;
    double latencyMs = 0.0; // device buffer + device output latency
    double cpuAverage = 0.0, cpuPeak = 0.0;
    int xruns = 0;
    juce::int64 callbacks = 0;
    int reconnects = 0;             // devices lost and found again since start
    double lastOutageSeconds = 0.0; // how long the last one was gone
    int outputChannels = 0;         // open: 1/2 the master, 3/4 the cue bus

    static constexpr int cueOutputs = 4;
    bool hasCue() const noexcept { return isOpen && outputChannels >= cueOutputs; }
    /** Why the cue bus is off, as the screen says it; empty when it is on. */
    juce::String cueOffReason() const;
};

/** Opens and owns the audio device, and measures the callback's load.

    Up to four outputs are opened: the master on 1/2 and, when the device has them, the cue bus on
    3/4 (JACK: cue_L/cue_R, see JackPortNames). The device is chosen in this order: the type and device the
   user chose last time (from Settings), then a running JACK server, then ALSA's default device. With none of
   them, the host stays closed and says why.

    A device that goes away while it plays (the JACK server stops, a card is unplugged) is
    reported at once (DeviceStatus::lost) and tried again every quarter second, of the same type
    only, so PadDeck comes back by itself when the server does; nothing of the set is touched.
    [message] only, except where noted. */
class AudioDeviceHost : private juce::ChangeListener, private juce::Timer
{
public:
    explicit AudioDeviceHost (Settings& settings);
    ~AudioDeviceHost() override;

    /** The callback that makes the audio (the engine's graph player). Set before open(). */
    void setClient (juce::AudioIODeviceCallback* client);

    /** Tries the device types in order; returns true if one opened. */
    bool open (juce::StringArray typeOrder = {});
    void close();

    /** Runs whenever a device starts at a rate and block size other than the last one's: the
        first open, a change in the audio settings, a reconnect. What depends on the rate (the
        session's samples and KeyLock primes) follows it from here. */
    std::function<void (double sampleRate, int blockSize)> onDeviceStarted;

    static constexpr int watchIntervalMs = 50, retryIntervalMs = 250;

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
        std::atomic<bool> failed{ false }; // the device reported an error [device thread write]
    };

    bool tryOpenType (const juce::String& typeName);
    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    void timerCallback() override;
    void rememberChoice();
    void deviceStarted();
    bool isPlaying() const;

    Settings& settings;
    juce::AudioDeviceManager deviceManager;
    MeteredCallback meteredCallback;
    juce::String lastError;
    bool isOpening = false;

    // Reconnecting: what was lost, since when.
    bool wantsDevice = false, lost = false;
    juce::String lostType, lostReason;
    double lostAtMs = 0.0, lastAttemptMs = 0.0, lastOutageSeconds = 0.0;
    int reconnects = 0;
    double startedRate = 0.0;
    int startedBlock = 0;
};

} // namespace paddeck
