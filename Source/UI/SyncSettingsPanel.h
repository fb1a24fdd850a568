#pragma once

#include "Sync/SyncController.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The sync settings: where the beat comes from (PadDeck's own tempo, a MIDI clock in, Ableton
    Link), which MIDI output gets PadDeck's clock, and whether Link shares start and stop. All of
    it is remembered in the settings. [message] */
class SyncSettingsPanel : public juce::Component
{
public:
    explicit SyncSettingsPanel (SyncController& sync);

    juce::ComboBox& getSourceBox() noexcept { return source; }
    juce::ComboBox& getClockOutputBox() noexcept { return clockOutput; }
    juce::ToggleButton& getStartStopToggle() noexcept { return startStop; }

    void resized() override;
    void paint (juce::Graphics&) override;

private:
    void fillOutputs();

    SyncController& sync;
    juce::ComboBox source, clockOutput;
    juce::ToggleButton startStop{ "Link start/stop sync: start and stop with the Link session" };
    juce::Label sourceLabel{ {}, "Clock source" }, outputLabel{ {}, "MIDI clock out" }, status;
    juce::Array<juce::MidiDeviceInfo> outputs;
};

} // namespace paddeck
