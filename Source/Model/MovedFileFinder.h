#pragma once

#include <juce_core/juce_core.h>

#include <map>

namespace paddeck
{

/** Finds where missing samples went, from one the performer located by hand. When a whole folder
    moved, the others are at the same place relative to it; otherwise they are looked for by name
    in the located file's folder and below (a bounded search: deep or huge trees are cut off).
    [message] */
class MovedFileFinder
{
public:
    static constexpr int maxDepth = 4, maxFilesScanned = 20000;

    /** `missing` (the path the set names) is at `located` now. */
    MovedFileFinder (const juce::File& missing, const juce::File& located);

    /** Where another missing file probably is now, or File(). */
    juce::File find (const juce::File& missing);

private:
    void index();

    juce::File oldRoot, newRoot, searchFolder;
    std::map<juce::String, juce::Array<juce::File>> filesByName;
    bool indexed = false;
};

} // namespace paddeck
