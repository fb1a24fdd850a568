#include "UI/WaveformPeaks.h"

#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

WaveformPeaks::WaveformPeaks (const juce::File& f)
    : juce::Thread ("waveform peaks")
    , file (f)
{
    startThread (juce::Thread::Priority::low);
}

WaveformPeaks::~WaveformPeaks() { stopThread (4000); }

void WaveformPeaks::run()
{
    auto opened = AudioFileOpener::open (file);
    if (opened.reader == nullptr || opened.reader->lengthInSamples <= 0)
    {
        complete.store (true, std::memory_order_release);
        return;
    }
    auto& reader = *opened.reader;
    const auto frames = reader.lengthInSamples;
    const auto numBuckets = (size_t) ((frames + framesPerBucket - 1) / framesPerBucket);
    minima.assign (numBuckets, 0.0f);
    maxima.assign (numBuckets, 0.0f);
    rate.store (reader.sampleRate, std::memory_order_release);
    length.store (frames, std::memory_order_release);

    // Whole buckets at a time, so a bucket is final when it is counted.
    constexpr int chunk = framesPerBucket * 1024;
    const int channels = juce::jlimit (1, 2, (int) reader.numChannels);
    juce::AudioBuffer<float> buffer (channels, chunk);
    for (juce::int64 start = 0; start < frames && !threadShouldExit(); start += chunk)
    {
        const auto n = (int) juce::jmin ((juce::int64) chunk, frames - start);
        if (!reader.read (&buffer, 0, n, start, true, channels > 1))
            break;
        for (int i = 0; i < n; i += framesPerBucket)
        {
            const int count = juce::jmin (framesPerBucket, n - i);
            auto range = juce::FloatVectorOperations::findMinAndMax (buffer.getReadPointer (0, i), count);
            if (channels > 1)
                range = range.getUnionWith (
                    juce::FloatVectorOperations::findMinAndMax (buffer.getReadPointer (1, i), count));
            const auto bucket = (size_t) ((start + i) / framesPerBucket);
            minima[bucket] = range.getStart();
            maxima[bucket] = range.getEnd();
        }
        bucketsReady.store ((int) ((start + n + framesPerBucket - 1) / framesPerBucket),
                            std::memory_order_release);
    }
    complete.store (true, std::memory_order_release);
}

bool WaveformPeaks::getRange (int firstBucket, int count, float& low, float& high) const noexcept
{
    const int ready = getNumBucketsReady();
    const int first = juce::jmax (0, firstBucket);
    const int last = juce::jmin (ready, firstBucket + juce::jmax (1, count));
    if (first >= last)
        return false;
    low = minima[(size_t) first];
    high = maxima[(size_t) first];
    for (int b = first + 1; b < last; ++b)
    {
        low = juce::jmin (low, minima[(size_t) b]);
        high = juce::jmax (high, maxima[(size_t) b]);
    }
    return true;
}

bool WaveformPeaks::readMono (juce::int64 start, int numFrames, float* mono)
{
    if (messageReader == nullptr)
        messageReader = AudioFileOpener::open (file).reader;
    if (messageReader == nullptr || numFrames <= 0)
        return false;
    const int channels = juce::jlimit (1, 2, (int) messageReader->numChannels);
    readBuffer.setSize (channels, numFrames, false, false, true);
    // JUCE's reader fills frames past either end of the file with silence.
    if (!messageReader->read (&readBuffer, 0, numFrames, start, true, channels > 1))
        return false;
    juce::FloatVectorOperations::copy (mono, readBuffer.getReadPointer (0), numFrames);
    if (channels > 1)
    {
        juce::FloatVectorOperations::add (mono, readBuffer.getReadPointer (1), numFrames);
        juce::FloatVectorOperations::multiply (mono, 0.5f, numFrames);
    }
    return true;
}

} // namespace paddeck
