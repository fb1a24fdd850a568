#include "Stretch/ContentHash.h"

#include <juce_cryptography/juce_cryptography.h>

namespace paddeck
{

ContentHash::ContentHash (const juce::File& memo)
    : memoFile (memo)
{
    // Lines of "hash<TAB>stamp"; a line that does not parse is skipped.
    for (const auto& line : juce::StringArray::fromLines (memoFile.loadFileAsString()))
        if (const auto tab = line.indexOfChar ('\t'); tab == 32)
            known[line.substring (tab + 1)] = line.substring (0, tab);
}

juce::String ContentHash::stamp (const juce::File& file)
{
    return juce::String (file.getSize()) + " "
           + juce::String (file.getLastModificationTime().toMilliseconds()) + " " + file.getFullPathName();
}

juce::String ContentHash::of (const juce::File& file)
{
    const auto before = stamp (file);
    {
        const std::lock_guard<std::mutex> guard (lock);
        if (const auto it = known.find (before); it != known.end())
            return it->second;
    }

    juce::FileInputStream in (file);
    if (in.failedToOpen())
        return {};
    const auto hash = juce::MD5 (in).toHexString();
    if (stamp (file) != before)
        return {}; // changed while it was read: the hash is of neither version

    const std::lock_guard<std::mutex> guard (lock);
    known[before] = hash;
    if (memoFile.getParentDirectory().createDirectory())
        memoFile.appendText (hash + "\t" + before + "\n");
    return hash;
}

} // namespace paddeck
