#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

#include <functional>

namespace paddeck::test
{

/** Writes a WAV whose frame i on channel c is fn (i, c): tests make their audio at run time. */
juce::File writeWav (const juce::File& file, double rate, int channels, juce::int64 frames,
                     const std::function<float (juce::int64, int)>& fn, int bits = 32);

inline std::function<float (juce::int64, int)> sine (double hz, double rate, float amplitude = 0.5f)
{
    return [=] (juce::int64 i, int)
    { return amplitude * (float) std::sin (juce::MathConstants<double>::twoPi * hz * (double) i / rate); };
}

/** Frequency from the rising zero crossings in [start, end). */
double frequencyByZeroCrossings (const float* data, int start, int end, double rate);

/** The largest |x[i] - x[i-1]| over [start, end). */
float maxStep (const float* data, int start, int end);

/** The first index in [start, end) whose magnitude exceeds threshold, or -1. */
int firstAbove (const float* data, int start, int end, float threshold);

/** RMS over [start, end), in dB. */
double rmsDb (const float* data, int start, int end);

/** A folder in the temp directory, deleted with its contents afterwards. */
struct TempFolder
{
    TempFolder();
    ~TempFolder();
    juce::File operator/ (const juce::String& name) const { return folder.getChildFile (name); }
    juce::File folder;
};

} // namespace paddeck::test
