#pragma once

#include "Streaming/FoldingReader.h"
#include "Streaming/PlaybackRegion.h"
#include "Streaming/WaveformOverview.h"

#include <atomic>
#include <vector>

namespace paddeck
{

/** A decoded audio file, immutable once the loader hands it out.

    A RAM sample holds every frame, converted to the engine rate. A streamed sample stays at the
    file's rate (the voice's resampler converts it, at getResampleRatio()) and holds in RAM only
    the frames after its region's start and loop start; the rest comes from disk through each
    voice's SampleReader, filled by the StreamingThread.

    Lifetime: readers never own references. Drop a sample through SampleGarbage, which frees it on
    the message thread once no reader uses it (see SampleGarbage). */
class Sample : public juce::ReferenceCountedObject
{
public:
    using Ptr = juce::ReferenceCountedObjectPtr<Sample>;

    /** A run of frames in RAM, stored as 1 (mono file) or 2 channels. */
    struct RamRegion
    {
        juce::int64 startFrame = 0;
        juce::AudioBuffer<float> frames;
    };

    /** What findRam() finds at a frame: frames > 0 consecutive frames in RAM, or, when there are
        none, gapFrames until the next RAM region (capped at the frames asked for). */
    struct RamSpan
    {
        const float* left = nullptr;
        const float* right = nullptr;
        int frames = 0;
        juce::int64 gapFrames = 0;
    };

    struct Info
    {
        juce::File file;
        double sampleRate = 0.0;     // of the frames delivered
        double fileSampleRate = 0.0; // of the file
        juce::int64 lengthInFrames = 0;
        int fileChannels = 0;
        juce::int64 fileSize = 0;
        PlaybackRegion region;
    };

    /** [loader] A streamed sample passes the decoder it streams from; a RAM sample passes none. */
    Sample (Info info, std::vector<RamRegion> ramRegions, std::unique_ptr<FoldingReader> streamDecoder);
    ~Sample() override;

    const juce::File& getFile() const noexcept { return info.file; }
    juce::String getName() const { return info.file.getFileNameWithoutExtension(); }
    /** The rate of the frames this sample delivers: the engine rate for RAM samples, the file's
        rate for streamed ones. */
    double getSampleRate() const noexcept { return info.sampleRate; }
    double getFileSampleRate() const noexcept { return info.fileSampleRate; }
    /** Source frames a voice advances per output frame at unity pitch: getSampleRate() / engineRate
        (1 for RAM samples loaded for that engine rate). */
    double getResampleRatio (double engineRate) const noexcept { return info.sampleRate / engineRate; }
    /** In frames at getSampleRate(). */
    juce::int64 getLengthInFrames() const noexcept { return info.lengthInFrames; }
    /** A frame position in the file, as a frame at getSampleRate() (what SampleReader::start takes). */
    juce::int64 fileFrameToSampleFrame (juce::int64 fileFrame) const noexcept;
    int getFileChannels() const noexcept { return info.fileChannels; }
    bool isStreamed() const noexcept { return streamDecoder != nullptr; }
    const PlaybackRegion& getRegion() const noexcept { return info.region; }
    juce::int64 getRamBytes() const noexcept { return ramBytes; }

    /** Ready at once for RAM samples; a stream's fills in the background after it is playable. */
    const WaveformOverview& getOverview() const noexcept { return overview; }
    WaveformOverview& getOverviewForLoader() noexcept { return overview; }

    /** [any, wait-free] The RAM frames at frame, up to maxFrames of them. */
    RamSpan findRam (juce::int64 frame, juce::int64 maxFrames) const noexcept;
    /** [any, wait-free] The same for a reversed voice: the RAM frames at frame and below it (frame,
        frame - 1, …), up to maxFrames; `left`/`right` point at the lowest of them. gapFrames counts
        down to the next RAM region below. */
    RamSpan findRamBackwards (juce::int64 frame, juce::int64 maxFrames) const noexcept;
    /** [any, wait-free] findRam() forwards, findRamBackwards() reversed. */
    RamSpan findRam (juce::int64 frame, juce::int64 maxFrames, bool backwards) const noexcept
    {
        return backwards ? findRamBackwards (frame, maxFrames) : findRam (frame, maxFrames);
    }
    /** [any, wait-free] Copies a span's frames in play order: reversed, from its highest frame down. */
    static void copyInPlayOrder (const RamSpan& span, bool backwards, float* left, float* right) noexcept;

    /** [streaming] Reads frames from disk into both channels. Fails, and marks the stream broken,
        when the file has gone or changed size since it was loaded. */
    bool readFromDisk (juce::int64 frame, int numFrames, float* left, float* right);

    /** [any, wait-free] The stream's file went away or changed under it: its voices end. */
    bool hasStreamError() const noexcept { return streamError.load (std::memory_order_acquire); }

    /** [any, wait-free] How many readers play this sample now; the audio thread counts. */
    void addUser() noexcept { users.fetch_add (1, std::memory_order_acq_rel); }
    void removeUser() noexcept { users.fetch_sub (1, std::memory_order_acq_rel); }
    int getNumUsers() const noexcept { return users.load (std::memory_order_acquire); }

    /** [message] Set by SampleGarbage: background work on this sample (the overview) stops. */
    void markDiscarded() noexcept { discarded.store (true); }
    bool isDiscarded() const noexcept { return discarded.load(); }

private:
    const Info info;
    const std::vector<RamRegion> ramRegions;      // sorted, not overlapping
    std::unique_ptr<FoldingReader> streamDecoder; // [streaming] only
    juce::int64 ramBytes = 0;
    WaveformOverview overview;
    std::atomic<bool> streamError{ false }, discarded{ false };
    std::atomic<int> users{ 0 };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (Sample)
};

} // namespace paddeck
