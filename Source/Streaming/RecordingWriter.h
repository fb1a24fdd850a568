#pragma once

#include "Streaming/FrameRing.h"
#include "Streaming/RecordingFile.h"

#include <juce_core/juce_core.h>

#include <mutex>

namespace paddeck
{

/** The writer thread of a recording: takes what the audio thread put in the ring and appends it
    to a RecordingFile, keeping the header true every quarter second and on disk every second, so
    a crash loses at most about a second. A failed write (a full disk) stops it: what was written
    stays, with a true header, and the error says why. [message] unless noted. */
class RecordingWriter : private juce::Thread
{
public:
    explicit RecordingWriter (FrameRing& ring);
    ~RecordingWriter() override;

    /** Opens the file and starts taking frames (the ring is emptied first). */
    juce::Result start (const juce::File& file, double sampleRate);

    /** Writes what is still in the ring, closes the file. */
    void stop();

    bool isWriting() const noexcept { return isThreadRunning() && !failed.load(); }
    bool hasFailed() const noexcept { return failed.load(); }                // [any]
    juce::String getError() const;                                           // [any]
    juce::int64 getFramesWritten() const noexcept { return written.load(); } // [any]
    const juce::File& getFile() const noexcept { return recording.getFile(); }

private:
    void run() override;
    bool drain();

    FrameRing& ring;
    RecordingFile recording; // writer thread while running; message thread otherwise
    std::vector<float> left, right, interleaved;
    std::atomic<bool> failed{ false };
    std::atomic<juce::int64> written{ 0 };
    mutable std::mutex errorLock;
    juce::String error;
};

} // namespace paddeck
