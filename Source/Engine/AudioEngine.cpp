#include "Engine/AudioEngine.h"

namespace paddeck
{

using IONode = juce::AudioProcessorGraph::AudioGraphIOProcessor;

AudioEngine::AudioEngine (int voiceCount)
    : AudioEngine (Options{ voiceCount, {}, {} })
{
}

AudioEngine::AudioEngine (const Options& options)
{
    keyLock.prepare (options.keyLock);
    garbage.startCollecting();
    graph.setPlayConfigDetails (0, 2, 48000.0, 512);
    const auto sync = juce::AudioProcessorGraph::UpdateKind::sync;

    auto engineOwner = std::make_unique<PadEngine> (snapshots, commands, controls, meters, streaming, keyLock,
                                                    options.voices, options.voiceThreads);
    padEngine = engineOwner.get();

    const auto midiIn = graph.addNode (std::make_unique<IONode> (IONode::midiInputNode), {}, sync);
    const auto pads = graph.addNode (std::move (engineOwner), {}, sync);
    auto masterOwner = std::make_unique<MasterBus> (snapshots, meters, recording);
    chain.setNodes (*padEngine, *masterOwner, cue);
    const auto master = graph.addNode (std::move (masterOwner), {}, sync);
    const auto out = graph.addNode (std::make_unique<IONode> (IONode::audioOutputNode), {}, sync);

    const auto midiChannel = juce::AudioProcessorGraph::midiChannelIndex;
    graph.addConnection ({ { midiIn->nodeID, midiChannel }, { pads->nodeID, midiChannel } }, sync);
    for (int ch = 0; ch < 2; ++ch)
    {
        graph.addConnection ({ { pads->nodeID, ch }, { master->nodeID, ch } }, sync);
        graph.addConnection ({ { master->nodeID, ch }, { out->nodeID, ch } }, sync);
    }
}

AudioEngine::~AudioEngine()
{
    graph.clear(); // the voices' readers leave the streaming thread before it stops
}

void AudioEngine::prepare (double sampleRate, int maxBlockSize)
{
    chain.setPlayConfigDetails (0, 2, sampleRate, maxBlockSize);
    chain.prepareToPlay (sampleRate, maxBlockSize);
}

void AudioEngine::renderBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) PADDECK_NONBLOCKING
{
    chain.processBlock (buffer, midi);
}

bool AudioEngine::waitForKeyLock (int numFrames, int timeoutMs)
{
    const auto deadline = juce::Time::getMillisecondCounter() + (juce::uint32) timeoutMs;
    for (int i = 0; i < keyLock.getNumVoices(); ++i)
        while (!keyLock.getVoice (i).isReadyFor (numFrames))
        {
            if (juce::Time::getMillisecondCounter() > deadline)
                return false;
            juce::Thread::sleep (1);
        }
    return true;
}

bool AudioEngine::send (const EngineCommand& command)
{
    if (commands.push (command))
        return true;
    meters.commandsDropped.fetch_add (1, std::memory_order_relaxed);
    return false;
}

} // namespace paddeck
