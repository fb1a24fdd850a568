#include "Engine/DirectRenderChain.h"

namespace paddeck
{

DirectRenderChain::DirectRenderChain (juce::AudioProcessorGraph& g)
    : HeadlessProcessor (BusesProperties().withOutput ("Output", juce::AudioChannelSet::stereo()))
    , graph (g)
{
}

void DirectRenderChain::setNodes (PadEngine& padEngine, MasterBus& masterBus) noexcept
{
    pads = &padEngine;
    master = &masterBus;
}

void DirectRenderChain::prepareToPlay (double sampleRate, int maxBlockSize)
{
    graph.setPlayConfigDetails (0, 2, sampleRate, maxBlockSize);
    graph.prepareToPlay (sampleRate, maxBlockSize);
}

void DirectRenderChain::releaseResources() { graph.releaseResources(); }

void DirectRenderChain::processBlock (juce::AudioBuffer<float>& buffer,
                                      juce::MidiBuffer& midi) PADDECK_NONBLOCKING
{
    jassert (pads != nullptr && master != nullptr);
    pads->processBlock (buffer, midi);
    master->processBlock (buffer, noMidi);
    midi.clear(); // nothing plays MIDI out
}

} // namespace paddeck
