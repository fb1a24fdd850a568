#pragma once

#include "Streaming/FrameRing.h"
#include "Streaming/RecordingFile.h"

#include <juce_core/juce_core.h>

#include <mutex>
#include <optional>

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

    /** The frames past the ring's boundary (FrameRing::markBoundary) are at another rate: the
        writer finishes the current file at the boundary and goes on in `nextFile` at `nextRate`.
        A current file that received nothing is removed (an armed recording that never started). */
    void continueInto (const juce::File& nextFile, double nextRate);

    bool isWriting() const noexcept { return isThreadRunning() && !failed.load(); }
    bool hasFailed() const noexcept { return failed.load(); }                // [any]
    juce::String getError() const;                                           // [any]
    juce::int64 getFramesWritten() const noexcept { return written.load(); } // [any], the current file's
    double getSampleRate() const noexcept { return rate.load(); }            // [any], the current file's
    /** [any] Seconds written into files this recording finished before the current one. */
    double getSecondsBeforeFile() const noexcept { return secondsBefore.load(); }
    juce::File getFile() const; // [any]

private:
    void run() override;
    bool drain();
    bool switchFile(); // [writer] at the pending position: the next file

    struct Continuation
    {
        juce::File file;
        double rate = 0.0;
    };

    FrameRing& ring;
    RecordingFile recording; // writer thread while running; message thread otherwise
    std::vector<float> left, right, interleaved;
    std::atomic<bool> failed{ false };
    std::atomic<juce::int64> written{ 0 };
    std::atomic<double> rate{ 48000.0 }, secondsBefore{ 0.0 };
    mutable std::mutex errorLock; // error, currentFile, next
    juce::String error;
    juce::File currentFile;
    std::optional<Continuation> next;
};

} // namespace paddeck
