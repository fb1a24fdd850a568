#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Replaces a file so that, whatever happens — a full disk, a crash, a power cut — it holds either
    its old bytes or all of the new ones: the bytes go to a temporary file beside it, which is
    flushed to the disk (fsync), renamed over the target, and the folder is synced so that the
    rename itself is on the disk. On failure the temporary file is removed and the target is left
    as it was. [any thread] */
namespace DurableFile
{
juce::Result replaceWith (const juce::File& target, const void* data, size_t numBytes);
juce::Result replaceWithText (const juce::File& target, const juce::String& text);

/** Tests only: while one is alive, every write stops with an I/O error after `bytes` bytes of
    the new file, as a full disk or a crash would. */
struct ScopedWriteFailure
{
    explicit ScopedWriteFailure (juce::int64 bytes);
    ~ScopedWriteFailure();
};
} // namespace DurableFile

} // namespace paddeck
