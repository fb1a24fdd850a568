#include "Tempo/MonoMixdown.h"

#include <algorithm>

namespace paddeck
{

juce::int64 MonoMixdown::read (juce::AudioFormatReader& reader, juce::int64 start, juce::int64 numFrames,
                               float* mono)
{
    const auto channels = (int) reader.numChannels;
    numFrames = juce::jmin (numFrames, reader.lengthInSamples - start);
    if (channels <= 0 || numFrames <= 0 || start < 0)
        return 0;

    std::fill (mono, mono + numFrames, 0.0f);
    juce::AudioBuffer<float> chunk (channels, 65536);
    juce::int64 done = 0;

    while (done < numFrames)
    {
        const auto n = (int) juce::jmin ((juce::int64) chunk.getNumSamples(), numFrames - done);
        if (!reader.read (chunk.getArrayOfWritePointers(), channels, start + done, n))
            break;
        for (int c = 0; c < channels; ++c)
            juce::FloatVectorOperations::addWithMultiply (mono + done, chunk.getReadPointer (c),
                                                          1.0f / (float) channels, n);
        done += n;
    }
    return done;
}

} // namespace paddeck
