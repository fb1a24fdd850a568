#pragma once

#include "UI/StretchCachePanel.h"

#include <juce_audio_utils/juce_audio_utils.h>

namespace paddeck
{

/** The audio settings dialog's content: the audio device (JUCE's selector; MIDI inputs are chosen
    in the MIDI settings, which remember them) and, below it, the rendered stretches' cache when
    renders are on. Its height follows the selector's, which changes with the device type. [message] */
class AudioSettingsPanel : public juce::Component
{
public:
    /** `cache` null: no stretch renders, no section for them. */
    AudioSettingsPanel (juce::AudioDeviceManager& devices, StretchCache* cache, Settings* settings);

    StretchCachePanel* getStretchCachePanel() noexcept { return stretchCache.get(); }

    void paint (juce::Graphics& g) override;
    void resized() override;
    void childBoundsChanged (juce::Component* child) override;

    static constexpr int width = 560;

private:
    void fitHeight();

    juce::AudioDeviceSelectorComponent selector;
    std::unique_ptr<StretchCachePanel> stretchCache;
};

} // namespace paddeck
