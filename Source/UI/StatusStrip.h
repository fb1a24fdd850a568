#pragma once

#include "Engine/AudioDeviceHost.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The engine's side of the meters: what the status strip shows beside the device figures. */
struct EngineFigures
{
    int voices = 0;
    juce::uint64 streamUnderruns = 0;
    juce::int64 ramBytes = 0, streamBufferBytes = 0;
    double keyLockLatencyMs = 0.0; // added to the device latency when any pad uses KeyLock
};

/** The strip along the bottom of the window: device, rate, buffer, CPU load, latency, xruns.
    It shows whatever DeviceStatus it is given; MainComponent feeds it at 30 Hz. [message] */
class StatusStrip : public juce::Component
{
public:
    StatusStrip();

    void setStatus (const DeviceStatus& newStatus, const EngineFigures& figures = {});
    const DeviceStatus& getStatus() const noexcept { return status; }

    /** The strip's content as one line of text (what the tests and a screen reader read). */
    juce::String getText() const;

    void paint (juce::Graphics&) override;

    static constexpr int preferredHeight = 30;

private:
    struct Field
    {
        juce::String label, value;
        juce::Colour colour;
    };

    juce::Array<Field> fields() const;

    DeviceStatus status;
    EngineFigures engine;
    juce::String shownText;
};

} // namespace paddeck
