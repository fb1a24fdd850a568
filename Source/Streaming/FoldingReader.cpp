#include "Streaming/FoldingReader.h"

#include <cmath>

namespace paddeck
{

FoldingReader::FoldingReader (std::unique_ptr<juce::AudioFormatReader> r, int maxChunkFrames)
    : reader (std::move (r))
    , fileChannels ((int) reader->numChannels)
    , scratch (fileChannels, maxChunkFrames)
{
}

bool FoldingReader::read (juce::int64 startFrame, int numFrames, float* left, float* right)
{
    for (int done = 0; done < numFrames;)
    {
        const auto chunk = juce::jmin (numFrames - done, scratch.getNumSamples());

        if (!reader->read (scratch.getArrayOfWritePointers(), fileChannels, startFrame + done, chunk))
            return false;

        // A damaged float file can hold NaN, infinities or absurd values (the audio fuzzer found
        // NaN reaching the output through Rubber Band): they become silence, and the rest is kept
        // within +18 dB, so nothing downstream ever sees a non-finite sample.
        for (int ch = 0; ch < fileChannels; ++ch)
            for (auto *x = scratch.getWritePointer (ch), *end = x + chunk; x != end; ++x)
                *x = std::isfinite (*x) ? juce::jlimit (-maxLevel, maxLevel, *x) : 0.0f;

        auto* l = left + done;
        auto* r = right != nullptr ? right + done : nullptr;

        if (fileChannels <= 2)
        {
            juce::FloatVectorOperations::copy (l, scratch.getReadPointer (0), chunk);

            if (r != nullptr)
                juce::FloatVectorOperations::copy (r, scratch.getReadPointer (fileChannels - 1), chunk);
        }
        else
        {
            jassert (r != nullptr);
            juce::FloatVectorOperations::clear (l, chunk);
            juce::FloatVectorOperations::clear (r, chunk);

            for (int ch = 0; ch < fileChannels; ++ch)
                juce::FloatVectorOperations::add ((ch % 2 == 0) ? l : r, scratch.getReadPointer (ch), chunk);

            const auto numLeft = (fileChannels + 1) / 2, numRight = fileChannels / 2;
            juce::FloatVectorOperations::multiply (l, 1.0f / (float) numLeft, chunk);
            juce::FloatVectorOperations::multiply (r, 1.0f / (float) numRight, chunk);
        }

        done += chunk;
    }

    return true;
}

} // namespace paddeck
