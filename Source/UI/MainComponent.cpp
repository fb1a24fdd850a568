#include "UI/MainComponent.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MainComponent::MainComponent (AudioDeviceHost& host) : deviceHost (host)
{
    setOpaque (true);
    addAndMakeVisible (statusStrip);
    setSize (defaultWidth, defaultHeight);
    refresh();
    startTimerHz (30);
}

MainComponent::~MainComponent()
{
    stopTimer();
}

void MainComponent::refresh()
{
    statusStrip.setStatus (deviceHost.getStatus());
}

void MainComponent::paint (juce::Graphics& g)
{
    g.fillAll (Palette::background);

    auto header = getLocalBounds().removeFromTop (44).reduced (14, 0);
    g.setColour (Palette::text);
    g.setFont (juce::Font (22.0f, juce::Font::bold));
    g.drawText ("PadDeck", header, juce::Justification::centredLeft, false);
}

void MainComponent::resized()
{
    auto area = getLocalBounds();
    statusStrip.setBounds (area.removeFromBottom (StatusStrip::preferredHeight));
}

} // namespace paddeck
