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
    // The message thread's reader is opened here too: opening checks the file (a FLAC's length
    // is decoded from its last frame), which is not for the message thread.
    messageReader = AudioFileOpener::open (file).reader;
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
    if (getLengthInFrames() <= 0 || messageReader == nullptr || numFrames <= 0)
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

const float* WaveformPeaks::fineFrames (juce::int64 first, int count)
{
    if (fineFirst != first || (int) fine.size() != count)
    {
        fine.assign ((size_t) count, 0.0f);
        fineFirst = first;
        if (!readMono (first, count, fine.data()))
            fineFirst = -1; // try again on the next paint
    }
    return fine.data();
}

void WaveformPeaks::paint (juce::Graphics& g, juce::Rectangle<float> area, juce::Range<double> frames,
                           juce::int64 length, const WaveformOverview* notYetRead)
{
    const int columns = (int) area.getWidth();
    const float mid = area.getCentreY(), half = area.getHeight() * 0.5f - 1.0f;
    const double perPixel = frames.getLength() / juce::jmax (1, columns);
    const auto xForFrame = [&] (double frame)
    { return area.getX() + (float) ((frame - frames.getStart()) / perPixel); };
    const auto frameForX = [&] (float x)
    { return frames.getStart() + (double) (x - area.getX()) * perPixel; };
    juce::RectangleList<float> bars;
    const auto bar = [&] (int x, float lo, float hi)
    {
        lo = juce::jlimit (-1.0f, 1.0f, lo);
        hi = juce::jlimit (-1.0f, 1.0f, hi);
        bars.addWithoutMerging (
            { area.getX() + (float) x, mid - hi * half, 1.0f, juce::jmax (1.0f, (hi - lo) * half) });
    };

    if (perPixel < framesPerBucket)
    {
        // Closer than a bucket: the frames themselves, read from the file for this view.
        const auto first = (juce::int64) std::floor (frames.getStart());
        const int count = (int) std::ceil (frames.getLength()) + 2;
        const float* values = fineFrames (first, count);
        if (perPixel < 1.0)
        {
            juce::Path line;
            for (int i = 0; i < count && first + i <= length; ++i)
            {
                const juce::Point<float> p (xForFrame ((double) (first + i)),
                                            mid - juce::jlimit (-1.0f, 1.0f, values[i]) * half);
                i == 0 ? line.startNewSubPath (p) : line.lineTo (p);
                if (perPixel < 0.25)
                    g.fillEllipse (juce::Rectangle<float> (3.0f, 3.0f).withCentre (p));
            }
            g.strokePath (line, juce::PathStrokeType (1.2f));
            return;
        }
        for (int x = 0; x < columns; ++x)
        {
            const auto a = (int) (frameForX (area.getX() + (float) x) - (double) first);
            const auto b =
                juce::jmax (a + 1, (int) (frameForX (area.getX() + (float) x + 1.0f) - (double) first));
            if (a < 0 || b > count)
                continue;
            const auto range = juce::FloatVectorOperations::findMinAndMax (values + a, b - a);
            bar (x, range.getStart(), range.getEnd());
        }
        g.fillRectList (bars);
        return;
    }

    for (int x = 0; x < columns; ++x)
    {
        const auto a = frameForX (area.getX() + (float) x);
        const auto b = frameForX (area.getX() + (float) x + 1.0f);
        if (a >= (double) length)
            break;
        float lo = 0.0f, hi = 0.0f;
        const auto firstBucket = (int) (a / framesPerBucket);
        const auto lastBucket = (int) std::ceil (b / framesPerBucket);
        if (getRange (firstBucket, lastBucket - firstBucket, lo, hi))
        {
            bar (x, lo, hi);
        }
        else if (notYetRead != nullptr)
        {
            // Not read yet: the loader's coarse overview of the whole sample.
            const auto bucket = juce::jlimit (0, WaveformOverview::numBuckets - 1,
                                              (int) (a / (double) length * WaveformOverview::numBuckets));
            bar (x, notYetRead->getMin (bucket), notYetRead->getMax (bucket));
        }
    }
    g.fillRectList (bars);
}

} // namespace paddeck
