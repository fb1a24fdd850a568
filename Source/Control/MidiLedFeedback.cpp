#include "Control/MidiLedFeedback.h"

namespace paddeck
{

MidiLedFeedback::~MidiLedFeedback()
{
    if (output != nullptr)
        for (auto& [key, value] : lit)
            if (value != 0)
                output (messageFor (key, 0));
}

void MidiLedFeedback::setSink (MessageSink newSink)
{
    sink = std::move (newSink);
    lit.clear();
}

void MidiLedFeedback::setOutput (MessageSink newOutput)
{
    output = std::move (newOutput);
    lit.clear();
}

juce::MidiMessage MidiLedFeedback::messageFor (Key key, int value)
{
    const int status = key >> 8, number = key & 0x7f, channel = (status & 0x0f) + 1;
    return (status & 0xf0) == 0x90 ? juce::MidiMessage::noteOn (channel, number, (juce::uint8) value)
                                   : juce::MidiMessage::controllerEvent (channel, number, value);
}

void MidiLedFeedback::send (const juce::MidiMessage& message)
{
    if (sink)
        sink (message);
    else if (output != nullptr)
        output (message);
}

void MidiLedFeedback::show (std::map<Key, int> wanted)
{
    if (!isConnected())
        return;

    for (auto& [key, value] : lit)
        if (value != 0 && wanted.find (key) == wanted.end())
            wanted[key] = 0;

    for (auto& [key, value] : wanted)
    {
        if (auto it = lit.find (key); it != lit.end() && it->second == value)
            continue;
        lit[key] = value;
        send (messageFor (key, value));
    }
}

} // namespace paddeck
