#pragma once

#include "Streaming/SampleReader.h"

#include <mutex>
#include <vector>

namespace paddeck
{

/** The one thread that reads streamed samples from disk into the readers' rings, keeping each
    as full as its capacity allows (so a 2 s ring is ~2 s ahead, across loop wraps). Frames a
    sample holds in RAM are skipped, not copied. Readers are served round-robin, a chunk each per
    pass, so many voices on one sample at different positions all progress.

    Its completed-pass counter is what SampleGarbage waits on before freeing a sample. */
class StreamingThread : private juce::Thread
{
public:
    explicit StreamingThread (int chunkFrames = 8192);
    /** [message] Stops the thread; remove every reader first (a reader's destructor does). */
    ~StreamingThread() override;

    /** [message] Called by SampleReader::prepare() and its destructor. remove() waits for the
        current pass, so the reader is never touched afterwards. */
    void add (SampleReader& reader);
    void remove (SampleReader& reader);

    /** [any, wait-free] Passes over all readers completed since construction. */
    juce::uint64 getCompletedPasses() const noexcept
    {
        return completedPasses.load (std::memory_order_acquire);
    }

    /** [any] Test hooks for starvation: pause the thread, or add a delay after every pass. */
    void setPausedForTesting (bool shouldPause) noexcept { paused.store (shouldPause); }
    void setPassDelayForTesting (int milliseconds) noexcept { passDelayMs.store (milliseconds); }

private:
    void run() override;
    /** [streaming] Fills one reader's ring by up to a chunk; true if it read from disk. */
    bool service (SampleReader& reader);

    const int chunkFrames;
    std::mutex readersLock; // [message, streaming]; never the audio thread
    std::vector<SampleReader*> readers;
    std::atomic<juce::uint64> completedPasses{ 0 };
    std::atomic<bool> paused{ false };
    std::atomic<int> passDelayMs{ 0 };
};

} // namespace paddeck
