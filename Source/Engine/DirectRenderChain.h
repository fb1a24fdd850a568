#pragma once

#include "Engine/CueBus.h"
#include "Engine/MasterBus.h"
#include "Engine/Nonblocking.h"
#include "Engine/PadEngine.h"

namespace paddeck
{

/** What the audio thread runs: PadEngine, then MasterBus, then CueBus (channels 2/3, when the
    buffer has them) on the same buffer, called directly.
    JUCE 7.0.5's AudioProcessorGraph, which owns and connects them, locks each node's callback
    lock (a mutex) around its processBlock and resizes its own buffers whenever the block size
    changes, on the audio thread: RealtimeSanitizer reported both. The graph still owns, wires and
    prepares the nodes; this plays the chain its connections describe (MIDI in → pads → master →
    out) without it. */
class DirectRenderChain : public HeadlessProcessor
{
public:
    explicit DirectRenderChain (juce::AudioProcessorGraph& graph);

    /** [message, before playback] The nodes the graph holds. */
    void setNodes (PadEngine& pads, MasterBus& master, CueBus& cue) noexcept;

    const juce::String getName() const override { return "PadDeck"; }
    void prepareToPlay (double sampleRate, int maxBlockSize) override; // [message] prepares the graph's nodes
    void releaseResources() override;
    void processBlock (juce::AudioBuffer<float>&, juce::MidiBuffer&) PADDECK_NONBLOCKING override; // [audio]

private:
    juce::AudioProcessorGraph& graph;
    PadEngine* pads = nullptr;
    MasterBus* master = nullptr;
    CueBus* cue = nullptr;   // not a graph node: the graph's wiring is the master's two channels
    juce::MidiBuffer noMidi; // the master bus takes none
};

} // namespace paddeck
