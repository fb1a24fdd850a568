#include "UI/AudioSettingsPanel.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

AudioSettingsPanel::AudioSettingsPanel (juce::AudioDeviceManager& devices, StretchCache* cache,
                                        Settings* settings)
    : selector (devices, 0, 0, 2, 2, false, false, true, false)
{
    setOpaque (true);
    addAndMakeVisible (selector);
    selector.setSize (width, 440); // it shrinks to what it shows
    if (cache != nullptr)
    {
        stretchCache = std::make_unique<StretchCachePanel> (*cache, settings);
        addAndMakeVisible (*stretchCache);
    }
    fitHeight();
}

void AudioSettingsPanel::fitHeight()
{
    setSize (width,
             selector.getHeight() + (stretchCache != nullptr ? StretchCachePanel::preferredHeight : 0));
}

void AudioSettingsPanel::childBoundsChanged (juce::Component* child)
{
    if (child == &selector)
        fitHeight(); // the dialog follows its content's size
}

void AudioSettingsPanel::paint (juce::Graphics& g) { g.fillAll (Palette::panel); }

void AudioSettingsPanel::resized()
{
    // The selector keeps the height it gives itself; only its width is set here.
    selector.setBounds (0, 0, getWidth(), selector.getHeight());
    if (stretchCache != nullptr)
        stretchCache->setBounds (0, selector.getBottom(), getWidth(), StretchCachePanel::preferredHeight);
}

} // namespace paddeck
