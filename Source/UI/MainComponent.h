#pragma once

#include "Engine/AudioDeviceHost.h"
#include "UI/StatusStrip.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The main window's content: the performance area above, the status strip below.
    Polls the device host at 30 Hz. [message] */
class MainComponent : public juce::Component, private juce::Timer
{
public:
    explicit MainComponent (AudioDeviceHost& host);
    ~MainComponent() override;

    void paint (juce::Graphics&) override;
    void resized() override;

    StatusStrip& getStatusStrip() noexcept { return statusStrip; }

    /** Pulls fresh figures from the engine now (the timer does this 30 times a second). */
    void refresh();

    static constexpr int defaultWidth = 1100, defaultHeight = 720;

private:
    void timerCallback() override { refresh(); }

    AudioDeviceHost& deviceHost;
    StatusStrip statusStrip;
};

} // namespace paddeck
