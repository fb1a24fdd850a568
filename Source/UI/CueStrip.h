#pragma once

#include "Control/CueControls.h"
#include "Engine/AudioDeviceHost.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The headphone cue beside the master: ON (outputs 3/4) or OFF with the reason, the cue LEVEL,
    the MIX knob from the cue alone (CUE) to the master alone (MST), CLICK (the metronome in the
    cue instead of the master), the cue meter, and a reminder that Shift + a pad previews it in
    the cue. Every control is MIDI-learnable and saved with the set. [message] */
class CueStrip : public juce::Component, public juce::SettableTooltipClient
{
public:
    explicit CueStrip (Session& session);

    /** Whether the device has a cue bus, and why not; the main window calls it with its refresh. */
    void setDeviceStatus (const DeviceStatus& status);
    /** Pulls the cue meter and the set's cue settings; at 30 Hz. */
    void refresh();

    void paint (juce::Graphics&) override;
    void resized() override;

    bool isCueOn() const noexcept { return cueOn; }
    const juce::String& getOffReason() const noexcept { return offReason; }
    juce::Slider& getLevelKnob() noexcept { return level; }
    juce::Slider& getBlendKnob() noexcept { return blend; }
    juce::Button& getClickButton() noexcept { return click; }
    float getShownPeakDb (int channel) const noexcept { return peakDb[channel]; }

private:
    Session& session;
    CueControls cue{ session };
    juce::Slider level, blend;
    juce::TextButton click{ "CLICK IN CUE" };
    bool cueOn = false, wasMoving = true;
    juce::String offReason;
    juce::Rectangle<int> stateArea, levelCaption, blendCaption, meterArea, hintArea;
    float peakDb[2]{ -100.0f, -100.0f }, rmsDb[2]{ -100.0f, -100.0f };
};

} // namespace paddeck
