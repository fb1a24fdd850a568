#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** A stereo 32-bit float WAV written as it is recorded, whose header is kept true as it grows: after
    each updateHeader() the file on disk is a complete, playable WAV of everything appended so far,
    so a crash or a power cut loses only what came after. Past 4 GB it becomes RF64 (the space for
    RF64's ds64 chunk is reserved up front as a JUNK chunk, as EBU Tech 3306 describes), so a long
    night still makes one valid file.

    Plain POSIX I/O (pwrite for the header, fdatasync to reach the disk). One thread at a time: the
    recording writer's. */
class RecordingFile
{
public:
    RecordingFile() = default;
    ~RecordingFile();

    juce::Result open (const juce::File& file, double sampleRate);

    /** Appends interleaved stereo frames; false (with getError()) when the write failed. */
    bool append (const float* interleaved, int numFrames);

    /** Writes the sizes into the header; with sync, waits until they (and the audio) are on disk. */
    bool updateHeader (bool sync);

    void close(); // a final header, synced

    bool isOpen() const noexcept { return fd >= 0; }
    juce::int64 getFramesWritten() const noexcept { return frames; }
    const juce::String& getError() const noexcept { return error; }
    const juce::File& getFile() const noexcept { return file; }

    static constexpr int headerBytes = 94; // RIFF, JUNK/ds64 (28), fmt (18), fact, data header

    /** Test hook: the header is written as if this many frames had been appended (an RF64 file's
        header can be checked without writing 4 GB). */
    void pretendFramesForTesting (juce::int64 numFrames) noexcept { frames = numFrames; }

    /** Test hook: every write fails once the file would pass this many bytes (< 0: never). */
    static void failWritesPastBytesForTesting (juce::int64 bytes);

private:
    bool writeAt (juce::int64 offset, const void* data, size_t size);
    bool fail (const juce::String& what);

    juce::File file;
    int fd = -1;
    juce::int64 frames = 0;
    bool rf64 = false;
    juce::String error;
};

} // namespace paddeck
