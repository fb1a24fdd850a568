#include "Streaming/RecordingFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace paddeck
{

static std::atomic<juce::int64> failPastBytes{ -1 };

void RecordingFile::failWritesPastBytesForTesting (juce::int64 bytes) { failPastBytes.store (bytes); }

namespace
{
constexpr int bytesPerFrame = 8; // stereo float
constexpr juce::int64 riffLimit = 0xffffffffLL;

void put32 (char* p, juce::uint32 v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = (char) ((v >> (8 * i)) & 0xffu);
}
void put16 (char* p, juce::uint16 v)
{
    p[0] = (char) (v & 0xffu);
    p[1] = (char) (v >> 8);
}
void put64 (char* p, juce::uint64 v)
{
    put32 (p, (juce::uint32) (v & 0xffffffffu));
    put32 (p + 4, (juce::uint32) (v >> 32));
}
} // namespace

RecordingFile::~RecordingFile() { close(); }

bool RecordingFile::fail (const juce::String& what)
{
    error = what + " " + file.getFullPathName() + ": " + juce::String (std::strerror (errno));
    return false;
}

bool RecordingFile::writeAt (juce::int64 offset, const void* data, size_t size)
{
    const auto limit = failPastBytes.load();
    if (limit >= 0 && offset + (juce::int64) size > limit)
    {
        errno = ENOSPC;
        return false;
    }
    auto* p = static_cast<const char*> (data);
    while (size > 0)
    {
        const auto n = ::pwrite (fd, p, size, (off_t) offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        offset += n;
        size -= (size_t) n;
    }
    return true;
}

juce::Result RecordingFile::open (const juce::File& target, double sampleRate)
{
    close();
    file = target;
    frames = 0;
    rf64 = false;
    error.clear();
    file.getParentDirectory().createDirectory();
    fd = ::open (file.getFullPathName().toRawUTF8(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
    {
        fail ("Cannot create");
        return juce::Result::fail (error);
    }

    char h[headerBytes]{};
    std::memcpy (h, "RIFF", 4);
    put32 (h + 4, headerBytes - 8);
    std::memcpy (h + 8, "WAVE", 4);
    std::memcpy (h + 12, "JUNK", 4); // becomes ds64 past 4 GB
    put32 (h + 16, 28);
    std::memcpy (h + 48, "fmt ", 4);
    put32 (h + 52, 18);
    put16 (h + 56, 3); // WAVE_FORMAT_IEEE_FLOAT
    put16 (h + 58, 2);
    put32 (h + 60, (juce::uint32) juce::roundToInt (sampleRate));
    put32 (h + 64, (juce::uint32) juce::roundToInt (sampleRate) * bytesPerFrame);
    put16 (h + 68, bytesPerFrame);
    put16 (h + 70, 32);
    put16 (h + 72, 0); // cbSize
    std::memcpy (h + 74, "fact", 4);
    put32 (h + 78, 4);
    put32 (h + 82, 0);
    std::memcpy (h + 86, "data", 4);
    put32 (h + 90, 0);
    if (!writeAt (0, h, sizeof (h)) || ::fdatasync (fd) != 0)
    {
        fail ("Cannot write");
        ::close (fd);
        fd = -1;
        file.deleteFile();
        return juce::Result::fail (error);
    }
    return juce::Result::ok();
}

bool RecordingFile::append (const float* interleaved, int numFrames)
{
    if (fd < 0)
        return false;
    const auto offset = headerBytes + frames * bytesPerFrame;
    if (!writeAt (offset, interleaved, (size_t) numFrames * bytesPerFrame))
        return fail ("Writing stopped on");
    frames += numFrames;
    return true;
}

bool RecordingFile::updateHeader (bool sync)
{
    if (fd < 0)
        return false;

    const auto dataBytes = (juce::uint64) frames * bytesPerFrame;
    const auto riffBytes = (juce::uint64) headerBytes - 8 + dataBytes;
    char riff[4], fact[4], data[4];

    if (!rf64 && riffBytes > (juce::uint64) riffLimit)
    {
        // Past 4 GB: the RIFF becomes RF64 and the reserved JUNK chunk its ds64 chunk.
        rf64 = true;
        if (!writeAt (0, "RF64", 4) || !writeAt (12, "ds64", 4))
            return fail ("Cannot update the header of");
    }

    if (rf64)
    {
        char ds64[28]{};
        put64 (ds64, riffBytes);
        put64 (ds64 + 8, dataBytes);
        put64 (ds64 + 16, (juce::uint64) frames);
        put32 (riff, 0xffffffffu);
        put32 (fact, 0xffffffffu);
        put32 (data, 0xffffffffu);
        if (!writeAt (20, ds64, sizeof (ds64)))
            return fail ("Cannot update the header of");
    }
    else
    {
        put32 (riff, (juce::uint32) riffBytes);
        put32 (fact, (juce::uint32) juce::jmin ((juce::uint64) riffLimit, (juce::uint64) frames));
        put32 (data, (juce::uint32) dataBytes);
    }

    if (!writeAt (4, riff, 4) || !writeAt (82, fact, 4) || !writeAt (90, data, 4))
        return fail ("Cannot update the header of");
    if (sync && ::fdatasync (fd) != 0)
        return fail ("Cannot sync");
    return true;
}

void RecordingFile::close()
{
    if (fd < 0)
        return;
    updateHeader (true);
    ::close (fd);
    fd = -1;
}

} // namespace paddeck
