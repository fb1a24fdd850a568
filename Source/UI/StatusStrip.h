#pragma once

#include "Engine/AudioDeviceHost.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The engine's side of the meters: what the status strip shows beside the device figures. The
    counters are totals since start; each is shown only once it is not zero. */
struct EngineFigures
{
    int voices = 0;
    juce::uint64 streamUnderruns = 0;
    juce::int64 ramBytes = 0, streamBufferBytes = 0;

    std::int64_t keyLockUnderruns = 0;  // KeyLock render-ahead late: silence played
    double keyLockMoveMs = -1.0;        // the last KeyLock pitch or tempo move: asked for -> heard (-1: none)
    int keyLockFallbacks = 0;           // keylocked hits played Varispeed: every KeyLock voice busy
    int hitsDropped = 0;                // no voice free, even in the reserve
    juce::int64 commandsDropped = 0;    // screen/keyboard hits beyond the engine's command queue
    int launchesDropped = 0;            // quantized hits beyond the launch queue
    juce::int64 midiInputDropped = 0;   // MIDI beyond the input FIFO
    juce::int64 midiControlDropped = 0; // MIDI for the controls and learn beyond their FIFO
};

/** The strip along the bottom of the window: device, rate, buffer, CPU load, latency, xruns, and
    every counter of something lost (underruns, dropped hits and MIDI, KeyLock fallbacks) once it
    is not zero, with what it means on hover. A device lost while playing is said at once, in
    place of the device's figures. It shows whatever it is given; MainComponent feeds it at 30 Hz.
    [message] */
class StatusStrip : public juce::Component, public juce::TooltipClient
{
public:
    StatusStrip();

    void setStatus (const DeviceStatus& newStatus, const EngineFigures& figures = {});
    const DeviceStatus& getStatus() const noexcept { return status; }

    /** The strip's content as one line of text (what the tests and a screen reader read). */
    juce::String getText() const;

    /** The details of the field at a point of the strip (what hovering shows), or empty. */
    juce::String getDetailsAt (juce::Point<int> position) const;
    juce::String getTooltip() override { return getDetailsAt (getMouseXYRelative()); }

    void paint (juce::Graphics&) override;

    static constexpr int preferredHeight = 30;

private:
    struct Field
    {
        juce::String label, value;
        juce::Colour colour;
        juce::String details; // on hover
    };

    juce::Array<Field> fields() const;
    void addCounters (juce::Array<Field>&) const;
    /** Each field's place, in paint order. */
    juce::Array<juce::Rectangle<int>> layOut (const juce::Array<Field>&) const;

    DeviceStatus status;
    EngineFigures engine;
    juce::String shownText;
};

} // namespace paddeck
