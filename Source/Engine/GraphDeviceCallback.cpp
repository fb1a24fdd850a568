#include "Engine/GraphDeviceCallback.h"

namespace paddeck
{

GraphDeviceCallback::GraphDeviceCallback (juce::AudioProcessor& g)
    : graph (g)
{
}

void GraphDeviceCallback::audioDeviceAboutToStart (juce::AudioIODevice* device)
{
    sampleRate = device->getCurrentSampleRate();
    const int blockSize = device->getCurrentBufferSizeSamples();
    graph.setPlayConfigDetails (0, 2, sampleRate, blockSize);
    graph.prepareToPlay (sampleRate, blockSize);
    // Outputs 3/4, when the device has them, carry the cue bus: the chain gets four channels.
    const int outputs = device->getActiveOutputChannels().countNumberOfSetBits();
    buffer.setSize (outputs >= cueChannels ? cueChannels : 2, blockSize);
    midi.ensureSize ((size_t) maxEventsPerBlock * 16);
    chunkMidi.ensureSize ((size_t) maxEventsPerBlock * 16);

    TimedMessage stale;
    while (incoming.pop (stale)) // whatever was played while no device ran is not played late
    {
    }
}

void GraphDeviceCallback::audioDeviceStopped() { graph.releaseResources(); }

void GraphDeviceCallback::handleIncomingMidiMessage (juce::MidiInput*, const juce::MidiMessage& message)
{
    if (message.isSysEx() || message.getRawDataSize() > 3 || message.getRawDataSize() < 1)
        return;

    TimedMessage timed{ juce::Time::getMillisecondCounterHiRes(),
                        {},
                        (juce::uint8) message.getRawDataSize() };
    std::copy_n (message.getRawData(), timed.size, timed.bytes);
    if (!incoming.push (timed))
        midiDropped.fetch_add (1, std::memory_order_relaxed);
}

void GraphDeviceCallback::takeMidi (int numFrames) noexcept
{
    // Events that arrived during the last block's duration land at the same place in this one.
    midi.clear();
    const auto now = juce::Time::getMillisecondCounterHiRes();
    const auto blockMs = 1000.0 * numFrames / sampleRate;
    const auto blockStartMs = now - blockMs;

    TimedMessage timed;
    for (int n = 0; n < maxEventsPerBlock && incoming.pop (timed); ++n)
    {
        const auto offset =
            juce::jlimit (0, numFrames - 1, (int) ((timed.timeMs - blockStartMs) * sampleRate / 1000.0));
        midi.addEvent (timed.bytes, timed.size, offset);
    }
}

void GraphDeviceCallback::audioDeviceIOCallbackWithContext (
    const float* const*, int, float* const* outputs, int numOutputs, int numFrames,
    const juce::AudioIODeviceCallbackContext&) PADDECK_NONBLOCKING
{
    takeMidi (numFrames);

    const int chunk = juce::jmax (1, buffer.getNumSamples());
    if (numFrames <= chunk)
    {
        renderChunk (outputs, numOutputs, 0, numFrames, midi);
        return;
    }

    // Larger than announced: the graph was prepared for `chunk` frames, so it gets chunks of that.
    for (int offset = 0; offset < numFrames; offset += chunk)
    {
        const int n = juce::jmin (chunk, numFrames - offset);
        chunkMidi.clear();
        for (const auto metadata : midi)
            if (metadata.samplePosition >= offset && metadata.samplePosition < offset + n)
                chunkMidi.addEvent (metadata.data, metadata.numBytes, metadata.samplePosition - offset);
        renderChunk (outputs, numOutputs, offset, n, chunkMidi);
    }
}

void GraphDeviceCallback::renderChunk (float* const* outputs, int numOutputs, int offset, int numFrames,
                                       juce::MidiBuffer& events) noexcept
{
    juce::AudioBuffer<float> block (buffer.getArrayOfWritePointers(), buffer.getNumChannels(), numFrames);
    graph.processBlock (block, events);

    for (int ch = 0; ch < numOutputs; ++ch)
        if (outputs[ch] != nullptr)
        {
            if (ch < block.getNumChannels())
                juce::FloatVectorOperations::copy (outputs[ch] + offset, block.getReadPointer (ch),
                                                   numFrames);
            else
                juce::FloatVectorOperations::clear (outputs[ch] + offset, numFrames);
        }
}

} // namespace paddeck
