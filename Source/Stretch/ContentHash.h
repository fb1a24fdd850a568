#pragma once

#include <juce_core/juce_core.h>

#include <map>
#include <mutex>

namespace paddeck
{

/** The hash of a file's whole content (MD5), which keys its rendered stretches: a file renamed or
    copied keeps its renders, a file changed loses them.

    Hashing reads the whole file, so what is known is remembered by path, size and modification
    time, in memory and in a small file beside the cache (a restart hashes nothing it has seen).
    [any thread]: locked. */
class ContentHash
{
public:
    explicit ContentHash (const juce::File& memoFile);

    /** The file's content hash, or an empty string when it can't be read. */
    juce::String of (const juce::File& file);

private:
    static juce::String stamp (const juce::File& file);

    const juce::File memoFile;
    std::mutex lock;
    std::map<juce::String, juce::String> known; // stamp → hash
};

} // namespace paddeck
