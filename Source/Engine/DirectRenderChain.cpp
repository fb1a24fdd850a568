#include "Engine/DirectRenderChain.h"

namespace paddeck
{

DirectRenderChain::DirectRenderChain (juce::AudioProcessorGraph& g)
    : HeadlessProcessor (BusesProperties().withOutput ("Output", juce::AudioChannelSet::stereo()))
    , graph (g)
{
}

void DirectRenderChain::setNodes (PadEngine& padEngine, MasterBus& masterBus, CueBus& cueBus) noexcept
{
    pads = &padEngine;
    master = &masterBus;
    cue = &cueBus;
}

void DirectRenderChain::prepareToPlay (double sampleRate, int maxBlockSize)
{
    graph.setPlayConfigDetails (0, 2, sampleRate, maxBlockSize);
    graph.prepareToPlay (sampleRate, maxBlockSize);
    if (cue != nullptr)
        cue->prepare();
}

void DirectRenderChain::releaseResources() { graph.releaseResources(); }

void DirectRenderChain::processBlock (juce::AudioBuffer<float>& buffer,
                                      juce::MidiBuffer& midi) PADDECK_NONBLOCKING
{
    jassert (pads != nullptr && master != nullptr && cue != nullptr);
    pads->processBlock (buffer, midi);
    master->processBlock (buffer, noMidi);
    cue->process (buffer);
    midi.clear(); // nothing plays MIDI out
}

} // namespace paddeck
