#include "UI/SyncSettingsPanel.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

SyncSettingsPanel::SyncSettingsPanel (SyncController& s)
    : sync (s)
{
    source.addItem ("Internal (the set's tempo)", 1);
    source.addItem ("MIDI clock in (any enabled MIDI input)", 2);
    source.addItem ("Ableton Link", 3);
    source.setSelectedId ((int) sync.getSource() + 1, juce::dontSendNotification);
    source.onChange = [this] { sync.setSource ((ClockSource) (source.getSelectedId() - 1)); };

    fillOutputs();
    clockOutput.onChange = [this]
    {
        const int index = clockOutput.getSelectedId() - 2;
        const auto id =
            juce::isPositiveAndBelow (index, outputs.size()) ? outputs[index].identifier : juce::String();
        const auto r = sync.setClockOutput (id);
        status.setText (r.failed() ? r.getErrorMessage() : juce::String(), juce::dontSendNotification);
        if (r.failed())
            clockOutput.setSelectedId (1, juce::dontSendNotification);
    };

    startStop.setToggleState (sync.isLinkStartStop(), juce::dontSendNotification);
    startStop.onClick = [this] { sync.setLinkStartStop (startStop.getToggleState()); };

    status.setColour (juce::Label::textColourId, Palette::warning);
    for (auto* c : std::initializer_list<juce::Component*>{ &source, &clockOutput, &startStop, &sourceLabel,
                                                            &outputLabel, &status })
        addAndMakeVisible (c);
    setSize (520, 210);
}

void SyncSettingsPanel::fillOutputs()
{
    outputs = juce::MidiOutput::getAvailableDevices();
    clockOutput.clear (juce::dontSendNotification);
    clockOutput.addItem ("None", 1);
    int selected = 1;
    for (int i = 0; i < outputs.size(); ++i)
    {
        clockOutput.addItem (outputs[i].name, i + 2);
        if (outputs[i].identifier == sync.getClockOutput())
            selected = i + 2;
    }
    clockOutput.setSelectedId (selected, juce::dontSendNotification);
}

void SyncSettingsPanel::paint (juce::Graphics& g)
{
    g.fillAll (Palette::panel);
    g.setColour (Palette::textDim);
    g.setFont (juce::Font (12.0f));
    g.drawFittedText (
        "The clock goes out 24 ticks a beat, each as its beat leaves the speakers; Start on the "
        "next bar, Stop at once, Song Position for a receiver that joins mid-song.",
        getLocalBounds().reduced (16).removeFromBottom (40), juce::Justification::topLeft, 3);
}

void SyncSettingsPanel::resized()
{
    auto area = getLocalBounds().reduced (16);
    const auto row = [&] (juce::Label& label, juce::Component& control)
    {
        auto line = area.removeFromTop (28);
        label.setBounds (line.removeFromLeft (120));
        control.setBounds (line);
        area.removeFromTop (8);
    };
    row (sourceLabel, source);
    row (outputLabel, clockOutput);
    startStop.setBounds (area.removeFromTop (28));
    area.removeFromTop (4);
    status.setBounds (area.removeFromTop (24));
}

} // namespace paddeck
