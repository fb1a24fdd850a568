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
    setup.useDefaultOutputChannels = true;
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
    deviceManager.removeAudioCallback (&meteredCallback);
    deviceManager.closeAudioDevice();
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
    // The user changed the device in the settings dialog: remember it for the next start.
    if (!isOpening)
        rememberChoice();
}

DeviceStatus AudioDeviceHost::getStatus() const
{
    DeviceStatus status;
    auto* device = deviceManager.getCurrentAudioDevice();

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
    return status;
}

} // namespace paddeck
