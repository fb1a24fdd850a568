#include "Engine/AudioDeviceHost.h"

#include "Model/Settings.h"

namespace paddeck
{

namespace SettingKeys
{
static const char* const deviceType = "audioDeviceType";
static const char* const deviceName = "audioDeviceName";
static const char* const sampleRate = "audioSampleRate";
static const char* const bufferSize = "audioBufferSize";
} // namespace SettingKeys

static juce::String stoppedReason (const juce::String& typeName)
{
    return typeName == AudioDeviceHost::jackTypeName ? juce::String ("The JACK server stopped")
                                                     : "The " + typeName + " device stopped";
}

void AudioDeviceHost::MeteredCallback::audioDeviceIOCallbackWithContext (
    const float* const* inputs, int numInputs, float* const* outputs, int numOutputs, int numFrames,
    const juce::AudioIODeviceCallbackContext& context)
{
    const auto start = juce::Time::getHighResolutionTicks();

    if (auto* c = client.load (std::memory_order_acquire))
        c->audioDeviceIOCallbackWithContext (inputs, numInputs, outputs, numOutputs, numFrames, context);
    else
        for (int ch = 0; ch < numOutputs; ++ch)
            if (outputs[ch] != nullptr)
                juce::FloatVectorOperations::clear (outputs[ch], numFrames);

    meter.blockFinished (start, juce::Time::getHighResolutionTicks(), numFrames);
}

void AudioDeviceHost::MeteredCallback::audioDeviceAboutToStart (juce::AudioIODevice* device)
{
    meter.prepare (device->getCurrentSampleRate());
    failed.store (false);

    if (auto* c = client.load())
        c->audioDeviceAboutToStart (device);
}

void AudioDeviceHost::MeteredCallback::audioDeviceStopped()
{
    if (auto* c = client.load())
        c->audioDeviceStopped();
}

void AudioDeviceHost::MeteredCallback::audioDeviceError (const juce::String& message)
{
    failed.store (true);
    if (auto* c = client.load())
        c->audioDeviceError (message);
}

AudioDeviceHost::AudioDeviceHost (Settings& s)
    : settings (s)
{
    deviceManager.addChangeListener (this);
}

AudioDeviceHost::~AudioDeviceHost()
{
    stopTimer();
    deviceManager.removeChangeListener (this);
    close();
}

void AudioDeviceHost::setClient (juce::AudioIODeviceCallback* client)
{
    // Swapping the client while a device runs would race its aboutToStart: restart around it.
    const bool wasRunning = deviceManager.getCurrentAudioDevice() != nullptr;

    if (wasRunning)
        deviceManager.removeAudioCallback (&meteredCallback);

    meteredCallback.client.store (client, std::memory_order_release);

    if (wasRunning)
        deviceManager.addAudioCallback (&meteredCallback);
}

bool AudioDeviceHost::open (juce::StringArray typeOrder)
{
    if (typeOrder.isEmpty())
    {
        typeOrder.add (settings.properties().getValue (SettingKeys::deviceType));
        typeOrder.add (jackTypeName);
        typeOrder.add (alsaTypeName);
        typeOrder.removeEmptyStrings();
        typeOrder.removeDuplicates (false);
    }

    const juce::ScopedValueSetter<bool> opening (isOpening, true);
    lastError = {};

    for (auto& typeName : typeOrder)
        if (tryOpenType (typeName))
        {
            deviceManager.addAudioCallback (&meteredCallback);
            rememberChoice();
            wantsDevice = true;
            lost = false;
            startTimer (watchIntervalMs);
            deviceStarted();
            return true;
        }

    if (lastError.isEmpty())
        lastError = "No audio device found: no JACK server is running and ALSA has no output device.";

    return false;
}

bool AudioDeviceHost::tryOpenType (const juce::String& typeName)
{
    juce::AudioIODeviceType* type = nullptr;

    for (auto* t : deviceManager.getAvailableDeviceTypes())
        if (t->getTypeName() == typeName)
            type = t;

    if (type == nullptr)
        return false;

    type->scanForDevices();
    const auto outputs = type->getDeviceNames (false);

    if (outputs.isEmpty())
        return false;

    auto& props = settings.properties();
    const bool isSavedType = props.getValue (SettingKeys::deviceType) == typeName;
    const auto savedName = props.getValue (SettingKeys::deviceName);

    juce::AudioDeviceManager::AudioDeviceSetup setup;
    setup.outputDeviceName = isSavedType && outputs.contains (savedName)
                                 ? savedName
                                 : outputs[juce::jmax (0, type->getDefaultDeviceIndex (false))];
    setup.inputDeviceName = {};
    // The master and the cue: JUCE opens as many of the four as the device has.
    setup.useDefaultOutputChannels = false;
    setup.outputChannels.setRange (0, DeviceStatus::cueOutputs, true);
    setup.useDefaultInputChannels = false;

    if (isSavedType)
    {
        setup.sampleRate = props.getDoubleValue (SettingKeys::sampleRate, 0.0);
        setup.bufferSize = props.getIntValue (SettingKeys::bufferSize, 0);
    }

    deviceManager.setCurrentAudioDeviceType (typeName, true);
    const auto error = deviceManager.setAudioDeviceSetup (setup, true);

    if (error.isNotEmpty())
        lastError = typeName + ": " + error;

    auto* device = deviceManager.getCurrentAudioDevice();
    return device != nullptr && device->isOpen();
}

void AudioDeviceHost::close()
{
    stopTimer();
    wantsDevice = lost = false;
    deviceManager.removeAudioCallback (&meteredCallback);
    deviceManager.closeAudioDevice();
    startedRate = 0.0;
    startedBlock = 0;
}

bool AudioDeviceHost::isPlaying() const
{
    auto* device = deviceManager.getCurrentAudioDevice();
    return device != nullptr && device->isOpen() && !meteredCallback.failed.load();
}

void AudioDeviceHost::timerCallback()
{
    if (!wantsDevice || isPlaying())
        return;

    // "None" chosen in the settings closes the device at once, but its change message comes
    // later: a tick in between must not take it for a device lost and open it again (seen under
    // load in DeviceChange.NoneChosenInTheDialogIsNotADeviceLost).
    if (!lost && deviceManager.getAudioDeviceSetup().outputDeviceName.isEmpty())
    {
        wantsDevice = false;
        return;
    }

    const auto now = juce::Time::getMillisecondCounterHiRes();
    if (!lost)
    {
        // JACK closes a client whose server died; a driver reports an error. Let go of the dead
        // device (its callbacks stay registered for the next one) and keep trying its type.
        lost = true;
        lostAtMs = now;
        lastAttemptMs = 0.0;
        auto* device = deviceManager.getCurrentAudioDevice();
        lostType = device != nullptr ? device->getTypeName() : deviceManager.getCurrentAudioDeviceType();
        lostReason = stoppedReason (lostType);
        juce::Logger::writeToLog ("Audio: " + lostReason + "; reconnecting");
        deviceManager.closeAudioDevice();
    }

    if (now - lastAttemptMs < retryIntervalMs)
        return;
    lastAttemptMs = now;

    const juce::ScopedValueSetter<bool> opening (isOpening, true);
    if (tryOpenType (lostType) && isPlaying())
    {
        lost = false;
        ++reconnects;
        lastOutageSeconds = (now - lostAtMs) / 1000.0;
        lastError = {};
        const auto status = getStatus();
        juce::Logger::writeToLog ("Audio: reconnected to " + status.typeName + " " + status.deviceName
                                  + " after " + juce::String (lastOutageSeconds, 1) + " s, "
                                  + juce::String (status.sampleRate) + " Hz, "
                                  + juce::String (status.bufferSize) + " frames");
        deviceStarted();
    }
}

void AudioDeviceHost::deviceStarted()
{
    auto* device = deviceManager.getCurrentAudioDevice();
    if (device == nullptr || !device->isOpen())
        return;
    const auto rate = device->getCurrentSampleRate();
    const auto block = device->getCurrentBufferSizeSamples();
    if (rate == startedRate && block == startedBlock)
        return;
    startedRate = rate;
    startedBlock = block;
    if (onDeviceStarted)
        onDeviceStarted (rate, block);
}

void AudioDeviceHost::rememberChoice()
{
    auto* device = deviceManager.getCurrentAudioDevice();

    if (device == nullptr)
        return;

    auto& props = settings.properties();
    props.setValue (SettingKeys::deviceType, device->getTypeName());
    props.setValue (SettingKeys::deviceName, device->getName());
    props.setValue (SettingKeys::sampleRate, device->getCurrentSampleRate());
    props.setValue (SettingKeys::bufferSize, device->getCurrentBufferSizeSamples());
}

void AudioDeviceHost::changeListenerCallback (juce::ChangeBroadcaster*)
{
    // The user changed the device in the settings dialog: remember it for the next start, and
    // let what depends on the rate follow.
    if (!isOpening)
    {
        rememberChoice();
        // "None" chosen in the settings is not a device lost: nothing is reconnected.
        if (deviceManager.getAudioDeviceSetup().outputDeviceName.isEmpty())
            wantsDevice = lost = false;
        else if (isPlaying())
        {
            wantsDevice = true;
            startTimer (watchIntervalMs);
        }
    }
    deviceStarted();
}

DeviceStatus AudioDeviceHost::getStatus() const
{
    DeviceStatus status;
    auto* device = deviceManager.getCurrentAudioDevice();

    status.reconnects = reconnects;
    status.lastOutageSeconds = lastOutageSeconds;
    if (wantsDevice && (lost || !isPlaying()))
    {
        // Said the moment the device goes, before the watch has even noticed.
        status.lost = true;
        status.typeName = lost ? lostType : (device != nullptr ? device->getTypeName() : juce::String());
        status.error = (lost ? lostReason : stoppedReason (status.typeName))
                       + juce::String::fromUTF8 (": reconnecting\u2026");
        return status;
    }
    if (device == nullptr || !device->isOpen())
    {
        status.error = lastError.isNotEmpty() ? lastError : juce::String ("No audio device is open.");
        return status;
    }

    status.isOpen = true;
    status.typeName = device->getTypeName();
    status.deviceName = device->getName();
    status.sampleRate = device->getCurrentSampleRate();
    status.bufferSize = device->getCurrentBufferSizeSamples();
    status.outputLatencyFrames = device->getOutputLatencyInSamples();
    status.latencyMs = status.sampleRate > 0.0
                           ? 1000.0 * (status.bufferSize + status.outputLatencyFrames) / status.sampleRate
                           : 0.0;
    status.cpuAverage = meteredCallback.meter.getAverage();
    status.cpuPeak = meteredCallback.meter.getPeak();
    status.xruns = device->getXRunCount();
    status.callbacks = meteredCallback.meter.getBlockCount();
    status.outputChannels = device->getActiveOutputChannels().countNumberOfSetBits();
    return status;
}

juce::String DeviceStatus::cueOffReason() const
{
    if (!isOpen)
        return "Cue off: no audio device is open.";
    if (hasCue())
        return {};
    if (lost || outputChannels == 0)
        return "Cue off: the audio device went away; PadDeck is reconnecting.";
    const auto plural = outputChannels == 1 ? "" : "s";
    if (typeName == AudioDeviceHost::jackTypeName)
        return "Cue off: JACK has " + juce::String (outputChannels) + " playback port" + plural
               + "; cue_L/cue_R need 4.";
    return "Cue off: \"" + deviceName + "\" has " + juce::String (outputChannels) + " output" + plural
           + "; the cue needs outputs 3/4.";
}

} // namespace paddeck
