#include "Model/DurableFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace paddeck
{

static std::atomic<juce::int64> failWritesAfterBytes{ -1 };

DurableFile::ScopedWriteFailure::ScopedWriteFailure (juce::int64 bytes) { failWritesAfterBytes = bytes; }
DurableFile::ScopedWriteFailure::~ScopedWriteFailure() { failWritesAfterBytes = -1; }

static juce::String describeError (int error) { return juce::String (std::strerror (error)); }

static bool writeAll (int fd, const char* data, size_t numBytes)
{
    const auto failAfter = failWritesAfterBytes.load();
    const auto allowed = failAfter >= 0 ? juce::jmin (numBytes, (size_t) failAfter) : numBytes;

    size_t written = 0;
    while (written < allowed)
    {
        const auto n = ::write (fd, data + written, allowed - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        written += (size_t) n;
    }

    if (allowed < numBytes)
    {
        errno = EIO;
        return false;
    }
    return true;
}

static void syncFolder (const juce::File& folder)
{
    // Makes the rename durable. Some file systems can't sync a folder; the new file is in place
    // either way, so this is best effort.
    const int fd = ::open (folder.getFullPathName().toRawUTF8(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
    {
        ::fsync (fd);
        ::close (fd);
    }
}

juce::Result DurableFile::replaceWith (const juce::File& target, const void* data, size_t numBytes)
{
    const auto folder = target.getParentDirectory();
    const auto name = target.getFileName();

    if (target.isDirectory())
        return juce::Result::fail ("Could not save " + name + ": " + target.getFullPathName()
                                   + " is a folder.");
    if (!folder.isDirectory())
        return juce::Result::fail ("Could not save " + name + ": the folder " + folder.getFullPathName()
                                   + " does not exist.");

    const auto temp = folder.getChildFile (
        "." + name + "." + juce::String::toHexString (juce::Random::getSystemRandom().nextInt()) + ".saving");
    const int fd = ::open (temp.getFullPathName().toRawUTF8(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
    {
        const auto error = errno;
        return juce::Result::fail (
            "Could not save " + name + " in " + folder.getFullPathName() + ": " + describeError (error)
            + (error == EACCES || error == EROFS ? " (the folder is not writable)." : "."));
    }

    auto failWith = [&] (const juce::String& step)
    {
        const auto error = errno;
        ::close (fd);
        temp.deleteFile();
        return juce::Result::fail ("Could not save " + name + " (" + step + "): " + describeError (error)
                                   + ". The previous version is untouched.");
    };

    // A replaced file keeps its permissions.
    struct stat existing;
    if (::stat (target.getFullPathName().toRawUTF8(), &existing) == 0)
        ::fchmod (fd, existing.st_mode & 07777);

    if (!writeAll (fd, static_cast<const char*> (data), numBytes))
        return failWith ("writing");
    if (::fsync (fd) != 0)
        return failWith ("flushing to disk");
    if (::close (fd) != 0)
    {
        const auto error = errno;
        temp.deleteFile();
        return juce::Result::fail ("Could not save " + name + ": " + describeError (error) + ".");
    }

    if (::rename (temp.getFullPathName().toRawUTF8(), target.getFullPathName().toRawUTF8()) != 0)
    {
        const auto error = errno;
        temp.deleteFile();
        return juce::Result::fail ("Could not replace " + target.getFullPathName() + ": "
                                   + describeError (error) + ". The previous version is untouched.");
    }

    syncFolder (folder);
    return juce::Result::ok();
}

juce::Result DurableFile::replaceWithText (const juce::File& target, const juce::String& text)
{
    const auto utf8 = text.toUTF8();
    return replaceWith (target, utf8.getAddress(), utf8.sizeInBytes() - 1);
}

} // namespace paddeck
