#pragma once

#include "Control/Session.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** Master fader with a dB scale, the master peak/RMS meter with a clip light, and stop-all. [message] */
class MasterStrip : public juce::Component
{
public:
    explicit MasterStrip (Session& session);

    /** Pulls the master meters; the main window calls it at 30 Hz. */
    void refresh();

    void paint (juce::Graphics&) override;
    void resized() override;
    void mouseDown (const juce::MouseEvent&) override; // clicking the clip light clears it

    juce::Slider& getFader() noexcept { return fader; }
    juce::Button& getStopAllButton() noexcept { return stopAll; }
    bool isClipLit() const noexcept { return clipLit; }
    float getShownPeakDb (int channel) const noexcept { return peakDb[channel]; }

    static float meterPosition (float db) noexcept; // 0 (bottom, −60 dB) … 1 (top, +6 dB)

private:
    void paintMeter (juce::Graphics&, juce::Rectangle<float> area, int channel) const;

    Session& session;
    juce::Slider fader;
    juce::TextButton stopAll { "STOP ALL" };
    juce::Rectangle<int> meterArea, clipArea, scaleArea;
    float peakDb[2] { -100.0f, -100.0f }, rmsDb[2] { -100.0f, -100.0f };
    int lastClips = 0;
    bool clipLit = false, wasMoving = true;
};

} // namespace paddeck
