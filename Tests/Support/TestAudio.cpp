#include "Support/TestAudio.h"

#include <unistd.h>

namespace paddeck::test
{

juce::File writeWav (const juce::File& file, double rate, int channels, juce::int64 frames,
                     const std::function<float (juce::int64, int)>& fn, int bits)
{
    file.deleteFile();
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer (
        wav.createWriterFor (new juce::FileOutputStream (file), rate, (unsigned) channels, bits, {}, 0));
    jassert (writer != nullptr);

    juce::AudioBuffer<float> chunk (channels, 4096);
    for (juce::int64 pos = 0; pos < frames; pos += chunk.getNumSamples())
    {
        const int n = (int) juce::jmin ((juce::int64) chunk.getNumSamples(), frames - pos);
        for (int c = 0; c < channels; ++c)
            for (int i = 0; i < n; ++i)
                chunk.setSample (c, i, fn (pos + i, c));
        writer->writeFromAudioSampleBuffer (chunk, 0, n);
    }
    return file;
}

double frequencyByZeroCrossings (const float* data, int start, int end, double rate)
{
    int first = -1, last = -1, count = 0;
    for (int i = juce::jmax (1, start); i < end; ++i)
        if (data[i - 1] < 0.0f && data[i] >= 0.0f)
        {
            if (first < 0)
                first = i;
            last = i;
            ++count;
        }
    return count > 1 ? (count - 1) * rate / (double) (last - first) : 0.0;
}

float maxStep (const float* data, int start, int end)
{
    float m = 0.0f;
    for (int i = juce::jmax (1, start); i < end; ++i)
        m = juce::jmax (m, std::abs (data[i] - data[i - 1]));
    return m;
}

int firstAbove (const float* data, int start, int end, float threshold)
{
    for (int i = start; i < end; ++i)
        if (std::abs (data[i]) > threshold)
            return i;
    return -1;
}

double rmsDb (const float* data, int start, int end)
{
    double sum = 0.0;
    for (int i = start; i < end; ++i)
        sum += (double) data[i] * data[i];
    const double rms = std::sqrt (sum / juce::jmax (1, end - start));
    return 20.0 * std::log10 (juce::jmax (rms, 1.0e-12));
}

TempFolder::TempFolder()
    : folder (juce::File::getSpecialLocation (juce::File::tempDirectory)
                  // The pid keeps tests that ctest runs in parallel out of each other's folders.
                  .getNonexistentChildFile ("paddeck-test-" + juce::String ((int) getpid()) + "-", "", false))
{
    folder.createDirectory();
}

TempFolder::~TempFolder() { folder.deleteRecursively(); }

} // namespace paddeck::test
