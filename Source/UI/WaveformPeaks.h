#pragma once

#include "Streaming/WaveformOverview.h"

#include <juce_audio_formats/juce_audio_formats.h>
#include <juce_graphics/juce_graphics.h>

#include <atomic>
#include <vector>

namespace paddeck
{

/** The waveform editor's picture of a pad's file, in the file's own frames (what the pad's start,
    end and loop points count), the same for a RAM and a streamed pad.

    Min/max peaks of every framesPerBucket frames are read from the file on a background thread
    (a long streamed file is never decoded on the message thread), and appear as they come; a
    zoom closer than a bucket, and the snapping, read the few frames they need from a reader of
    the message thread's own. The audio thread never sees this. */
class WaveformPeaks : private juce::Thread
{
public:
    static constexpr int framesPerBucket = 64;

    /** [message] Starts reading `file` in the background. */
    explicit WaveformPeaks (const juce::File& file);
    ~WaveformPeaks() override;

    const juce::File& getFile() const noexcept { return file; }

    /** [message] The file's length and rate, once its reader opened (0 until then, or if it failed). */
    juce::int64 getLengthInFrames() const noexcept { return length.load (std::memory_order_acquire); }
    double getSampleRate() const noexcept { return rate.load (std::memory_order_acquire); }

    /** [message] Buckets read so far, from the file's start; each is final once counted. */
    int getNumBucketsReady() const noexcept { return bucketsReady.load (std::memory_order_acquire); }
    bool isComplete() const noexcept { return complete.load (std::memory_order_acquire); }
    /** [message] The min and max over buckets [first, first + count) that are ready; false if none are. */
    bool getRange (int firstBucket, int count, float& low, float& high) const noexcept;

    /** [message] Reads file frames [start, start + numFrames) as mono (the channels' mean) into
        `mono`; frames outside the file read as 0. A short read from the file: for a zoom
        closer than a bucket and for finding a zero crossing. False until the file has opened. */
    bool readMono (juce::int64 start, int numFrames, float* mono);

    /** [message] Draws file frames `frames` of a file `length` frames long across `area`, in the
        graphics' colour: min/max bars from the peaks, the frames themselves read from the file
        when closer than a bucket, and `notYetRead` (the loader's coarse overview) where the
        peaks have not arrived. */
    void paint (juce::Graphics&, juce::Rectangle<float> area, juce::Range<double> frames, juce::int64 length,
                const WaveformOverview* notYetRead);

private:
    void run() override;
    /** [message] The file's frames [first, first + count) as mono, read once for a view closer than a bucket.
     */
    const float* fineFrames (juce::int64 first, int count);

    const juce::File file;
    std::atomic<juce::int64> length{ 0 };
    std::atomic<double> rate{ 0.0 };
    std::vector<float> minima, maxima; // [background] written up to bucketsReady, then [message] read
    std::atomic<int> bucketsReady{ 0 };
    std::atomic<bool> complete{ false };
    std::unique_ptr<juce::AudioFormatReader> messageReader; // [background] opened, then [message] only
    juce::AudioBuffer<float> readBuffer;                    // [message]
    std::vector<float> fine;                                // [message] the frames fineFrames read last
    juce::int64 fineFirst = -1;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (WaveformPeaks)
};

} // namespace paddeck
