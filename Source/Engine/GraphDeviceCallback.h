#pragma once

#include "Engine/Nonblocking.h"
#include "Engine/SpscQueue.h"

#include <juce_audio_devices/juce_audio_devices.h>
#include <juce_audio_processors/juce_audio_processors.h>

#include <atomic>

namespace paddeck
{

/** Plays the engine's graph on a live device and feeds it the MIDI inputs — without the locks
    juce::AudioProcessorPlayer and juce::MidiMessageCollector take on the audio thread.

    MIDI arrives on the MIDI thread, is timestamped and queued in a wait-free SPSC FIFO; each
    callback takes what arrived during the previous block and places it at the matching sample
    offset, so a hit keeps its timing within the block. Sysex is dropped (pads don't need it);
    a flood beyond maxEventsPerBlock waits for the next block rather than allocating.

    A device may call back with more frames than it announced: the callback is then rendered in
    chunks of the announced size (MIDI split among them at its offsets), never muted. */
class GraphDeviceCallback : public juce::AudioIODeviceCallback, public juce::MidiInputCallback
{
public:
    explicit GraphDeviceCallback (juce::AudioProcessor& graph);

    // AudioIODeviceCallback: [audio] except aboutToStart/stopped, which run before/after callbacks
    void audioDeviceAboutToStart (juce::AudioIODevice*) override;
    void audioDeviceIOCallbackWithContext (
        const float* const* inputs, int numInputs, float* const* outputs, int numOutputs, int numFrames,
        const juce::AudioIODeviceCallbackContext&) PADDECK_NONBLOCKING override;
    void audioDeviceStopped() override;

    // MidiInputCallback: [MIDI thread]
    void handleIncomingMidiMessage (juce::MidiInput*, const juce::MidiMessage&) override;

    /** [any] MIDI events dropped because the FIFO was full (a flood faster than the audio drains). */
    juce::int64 getMidiDropped() const noexcept { return midiDropped.load (std::memory_order_relaxed); }

    static constexpr int maxEventsPerBlock = 512;
    /** Master on outputs 1/2, the cue bus on 3/4 when the device has four outputs or more. */
    static constexpr int cueChannels = 4;

private:
    struct TimedMessage
    {
        double timeMs;
        juce::uint8 bytes[3];
        juce::uint8 size;
    };

    void takeMidi (int numFrames) noexcept;
    void renderChunk (float* const* outputs, int numOutputs, int offset, int numFrames,
                      juce::MidiBuffer& events) noexcept;

    juce::AudioProcessor& graph;
    SpscQueue<TimedMessage, 4096> incoming;
    std::atomic<juce::int64> midiDropped{ 0 };

    // audio only (sized in audioDeviceAboutToStart)
    juce::AudioBuffer<float> buffer;
    juce::MidiBuffer midi, chunkMidi; // the callback's MIDI; a chunk's share of it
    double sampleRate = 48000.0;
};

} // namespace paddeck
