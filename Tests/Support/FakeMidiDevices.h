#pragma once

#include "Control/MidiDevices.h"

#include <map>
#include <memory>
#include <vector>

namespace paddeck::test
{

/** MIDI ports a test plugs in and pulls out: what MidiController sees through MidiDevices when
    the machine has no MIDI driver (no ALSA sequencer here). An output records what is sent to it
    while it is connected; unplugging cuts it off, as a dead port does. */
class FakeMidiDevices : public MidiDevices
{
public:
    struct Port
    {
        juce::String identifier;
        std::vector<juce::MidiMessage> received; // what reached the device's LEDs
        bool connected = true;
    };

    /** What the test keeps: the same object as the MidiController's, which owns it. */
    struct State
    {
        juce::Array<juce::MidiDeviceInfo> inputs, outputs;
        std::map<juce::String, bool> open;              // input identifier → opened
        std::map<juce::String, int> timesOpened;        // input identifier → how often
        std::vector<std::shared_ptr<Port>> outputPorts; // every output opened, newest last
    };

    explicit FakeMidiDevices (std::shared_ptr<State> s)
        : state (std::move (s))
    {
    }

    juce::Array<juce::MidiDeviceInfo> getInputs() const override { return state->inputs; }
    juce::Array<juce::MidiDeviceInfo> getOutputs() const override { return state->outputs; }
    bool isInputOpen (const juce::String& id) const override
    {
        const auto it = state->open.find (id);
        return it != state->open.end() && it->second;
    }
    void setInputOpen (const juce::String& id, bool open) override
    {
        if (open && !isInputOpen (id))
            ++state->timesOpened[id];
        state->open[id] = open;
    }
    Sender openOutput (const juce::String& id) override
    {
        bool present = false;
        for (const auto& o : state->outputs)
            present = present || o.identifier == id;
        if (!present)
            return {};
        auto port = std::make_shared<Port>();
        port->identifier = id;
        state->outputPorts.push_back (port);
        return [port] (const juce::MidiMessage& m)
        {
            if (port->connected)
                port->received.push_back (m);
        };
    }

    /** A controller plugged in: an input and an output of this name and identifier. */
    static void plug (State& s, const juce::String& name, const juce::String& id)
    {
        s.inputs.add ({ name, id });
        s.outputs.add ({ name, id });
    }

    static void unplug (State& s, const juce::String& id)
    {
        s.inputs.removeIf ([&] (const juce::MidiDeviceInfo& d) { return d.identifier == id; });
        s.outputs.removeIf ([&] (const juce::MidiDeviceInfo& d) { return d.identifier == id; });
        for (auto& port : s.outputPorts)
            if (port->identifier == id)
                port->connected = false;
    }

private:
    std::shared_ptr<State> state;
};

} // namespace paddeck::test
