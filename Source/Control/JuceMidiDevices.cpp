#include "Control/JuceMidiDevices.h"

namespace paddeck
{

JuceMidiDevices::JuceMidiDevices (juce::AudioDeviceManager& deviceManager)
    : devices (deviceManager)
{
}

bool JuceMidiDevices::isInputOpen (const juce::String& identifier) const
{
    return devices.isMidiInputDeviceEnabled (identifier);
}

void JuceMidiDevices::setInputOpen (const juce::String& identifier, bool open)
{
    devices.setMidiInputDeviceEnabled (identifier, open);
}

MidiDevices::Sender JuceMidiDevices::openOutput (const juce::String& identifier)
{
    std::shared_ptr<juce::MidiOutput> output = juce::MidiOutput::openDevice (identifier);
    if (output == nullptr)
        return {};
    return [output] (const juce::MidiMessage& message) { output->sendMessageNow (message); };
}

} // namespace paddeck
