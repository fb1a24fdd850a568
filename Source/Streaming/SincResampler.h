#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

#include <functional>

namespace paddeck
{

/** Offline sample-rate conversion for RAM samples: a Kaiser-windowed sinc (16 zero crossings a
    side, cutoff at 95 % of the lower Nyquist) read from a finely sampled table. Used on the loader
    thread only; streams are converted by the voice's resampler instead. */
class SincResampler
{
public:
    /** Converts every channel of input from inputRate to outputRate. Returns an empty buffer when
        shouldStop returns true part-way. */
    static juce::AudioBuffer<float> convert (const juce::AudioBuffer<float>& input, double inputRate,
                                             double outputRate, const std::function<bool()>& shouldStop);

    /** How many frames numInputFrames at inputRate become at outputRate. */
    static juce::int64 convertedLength (juce::int64 numInputFrames, double inputRate,
                                        double outputRate) noexcept;
};

} // namespace paddeck
