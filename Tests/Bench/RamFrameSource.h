#pragma once

#include "Dsp/FrameSource.h"

#include <juce_audio_basics/juce_audio_basics.h>

namespace paddeck::bench
{

/** A stereo buffer played once from its start: the simplest FrameSource, for driving DSP without
    the streaming layer. One consumer thread at a time. */
class RamFrameSource : public FrameSource
{
public:
    void reset (const juce::AudioBuffer<float>& newFrames) noexcept
    {
        frames = &newFrames;
        position = 0;
    }

    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        const int available =
            frames != nullptr ? juce::jmin (numFrames, frames->getNumSamples() - position) : 0;
        if (available > 0)
        {
            juce::FloatVectorOperations::copy (left, frames->getReadPointer (0, position), available);
            juce::FloatVectorOperations::copy (right, frames->getReadPointer (1, position), available);
            position += available;
        }
        const int done = juce::jmax (0, available);
        juce::FloatVectorOperations::clear (left + done, numFrames - done);
        juce::FloatVectorOperations::clear (right + done, numFrames - done);
        return done;
    }

private:
    const juce::AudioBuffer<float>* frames = nullptr;
    int position = 0;
};

} // namespace paddeck::bench
