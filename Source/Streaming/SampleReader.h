#pragma once

#include "Dsp/FrameSource.h"
#include "Streaming/PlayTimeline.h"
#include "Streaming/Sample.h"

namespace paddeck
{

class StreamingThread;

/** One voice's view of a sample: delivers its frames in play order, looping if asked.

    RAM samples, and the RAM parts of streamed ones, are read straight from memory. The rest of a
    stream comes from this reader's ring buffer, which the StreamingThread fills ahead of the
    playhead (up to the ring's capacity, default 2 s). A frame not there in time is a miss:
    silence, counted, and a 3 ms fade-in once data returns. The audio thread never waits.

    Ring protocol (single producer = streaming thread, single consumer = audio thread): every
    start() or stop() bumps a generation, published through a seqlock with the request. The
    consumer publishes (generation, play index); the producer publishes (generation, write
    index) after writing frames; each side ignores a position tagged with another generation,
    so frames written for an earlier start are never read. The producer only writes indices
    below consumed + capacity, so it never overwrites a frame the consumer may still read.

    The reader holds no reference to its sample: the engine keeps the Sample::Ptr alive and
    frees it through SampleGarbage. */
class SampleReader : public FrameSource
{
public:
    SampleReader() = default;
    /** [message] Unregisters from the streaming thread. */
    ~SampleReader() override;

    /** Two seconds of frames at the highest file rate the engine expects streams to have. */
    static int defaultRingFrames (double maxFileSampleRate) noexcept;

    /** [message] Allocates the ring and registers with the thread that fills it. Call before the
        reader is used on the audio thread, and never while it plays. */
    void prepare (StreamingThread& streamingThread, int ringCapacityFrames);

    /** [audio] Starts playing sample from startFrame (frames at sample.getSampleRate()). loopEnd
        -1 means the end. A streamed sample plays without a miss when startFrame and loopStart are
        its region's (those frames are in RAM); elsewhere the first frames may miss while the
        stream catches up. */
    void start (Sample& sample, juce::int64 startFrame, bool loop, juce::int64 loopStart = 0,
                juce::int64 loopEnd = -1) noexcept;
    /** [audio] Plays sample in the timeline's order (frames at sample.getSampleRate()), reversed
        too: the streaming thread then reads the file backwards, a chunk at a time. */
    void start (Sample& sample, const PlayTimeline& timeline) noexcept;
    /** [audio] */
    void stop() noexcept;
    /** [audio] */
    int readFrames (float* left, float* right, int numFrames) noexcept override;

    /** [audio] */
    bool isPlaying() const noexcept { return sample != nullptr; }
    /** [audio] The file frame the next readFrames() call starts at. */
    juce::int64 getNextFrame() const noexcept { return timeline.runAt (playIndex).frame; }

    /** [any, wait-free] Blocks with a miss, and frames played as silence, since prepare(). */
    juce::uint64 getUnderruns() const noexcept { return underruns.load (std::memory_order_relaxed); }
    juce::uint64 getMissedFrames() const noexcept { return missedFrames.load (std::memory_order_relaxed); }
    /** [any, wait-free] The last stream ended early because its file was deleted or changed. */
    bool hasError() const noexcept { return streamFailed.load (std::memory_order_relaxed); }
    /** [any, wait-free] Stream frames ready ahead of the playhead (0 for RAM samples). */
    juce::int64 getBufferedFrames() const noexcept;

    int getRingCapacity() const noexcept { return ringCapacity; }

private:
    friend class StreamingThread;

    static constexpr int generationBits = 24, indexBits = 40;
    static juce::uint64 pack (juce::uint32 generation, juce::int64 index) noexcept;
    static juce::uint32 generationOf (juce::uint64 packed) noexcept
    {
        return (juce::uint32) (packed >> indexBits);
    }
    static juce::int64 indexOf (juce::uint64 packed) noexcept
    {
        return (juce::int64) (packed & ((juce::uint64{ 1 } << indexBits) - 1));
    }

    struct Request
    {
        juce::uint32 generation = 0;
        Sample* sample = nullptr;
        PlayTimeline timeline; // rebuilt from the published fields
    };

    /** [audio] Publishes a new request (nullptr sample = stopped) under the next generation. */
    void publishRequest (Sample* newSample, const PlayTimeline& timeline) noexcept;
    /** [streaming] False while the audio thread is writing a request: try again later. */
    bool readRequest (Request& request) const noexcept;

    /** [audio] Copies n frames at playIndex from the ring. */
    void copyFromRing (float* left, float* right, int numFrames) const noexcept;

    // Written by the audio thread, read by the streaming thread (seqlock).
    std::atomic<juce::uint32> requestSequence{ 0 };
    std::atomic<Sample*> requestSample{ nullptr };
    std::atomic<juce::int64> requestLength{ 0 }, requestStart{ 0 }, requestLoopStart{ 0 },
        requestLoopEnd{ -1 }, requestEnd{ -1 };
    std::atomic<bool> requestLoop{ false }, requestReverse{ false };
    std::atomic<juce::uint64> consumed{ 0 }; // [audio-write, streaming-read] (generation, play index)
    std::atomic<juce::uint64> filled{ 0 };   // [streaming-write, audio-read] (generation, write index)

    // The ring: slot = play index % capacity. Written by the streaming thread, read by the audio
    // thread, each side only at indices the protocol above gives it.
    juce::HeapBlock<float> ringLeft, ringRight;
    int ringCapacity = 0;

    // [audio] only.
    Sample* sample = nullptr;
    PlayTimeline timeline;
    juce::int64 playIndex = 0;
    juce::uint32 generation = 0;
    int fadeInLength = 1, fadeInPosition = 1;

    // [streaming] only: where the producer is in the current request.
    struct Producer
    {
        juce::uint32 generation = 0xffffffff;
        Sample* sample = nullptr;
        PlayTimeline timeline;
        juce::int64 writeIndex = 0;
    } producer;

    std::atomic<juce::uint64> underruns{ 0 }, missedFrames{ 0 }; // [audio-write, any-read]
    std::atomic<bool> streamFailed{ false };                     // [audio-write, any-read]
    StreamingThread* streamingThread = nullptr;                  // [message]

    JUCE_DECLARE_NON_COPYABLE (SampleReader)
};

} // namespace paddeck
