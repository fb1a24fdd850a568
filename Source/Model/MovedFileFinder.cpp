#include "Model/MovedFileFinder.h"

#include <deque>

namespace paddeck
{

MovedFileFinder::MovedFileFinder (const juce::File& missing, const juce::File& located)
    : oldRoot (missing.getParentDirectory())
    , newRoot (located.getParentDirectory())
    , searchFolder (located.getParentDirectory())
{
    // The longest common tail of the two paths is what moved with the folder: /old/kit/a.wav and
    // /new/kit/a.wav mean /old/kit became /new/kit, so /old/other/b.wav is looked for at /new/other/b.wav.
    while (oldRoot.getFileName() == newRoot.getFileName() && oldRoot.getFileName().isNotEmpty()
           && oldRoot.getParentDirectory() != oldRoot && newRoot.getParentDirectory() != newRoot)
    {
        oldRoot = oldRoot.getParentDirectory();
        newRoot = newRoot.getParentDirectory();
    }
}

void MovedFileFinder::index()
{
    indexed = true;
    int scanned = 0;
    std::deque<std::pair<juce::File, int>> folders{ { searchFolder, 0 } };

    // Breadth first, so the nearest of several same-named files is found first.
    while (!folders.empty() && scanned < maxFilesScanned)
    {
        const auto [folder, depth] = folders.front();
        folders.pop_front();
        for (const auto& entry :
             juce::RangedDirectoryIterator (folder, false, "*", juce::File::findFilesAndDirectories))
        {
            if (++scanned > maxFilesScanned)
                break;
            const auto& file = entry.getFile();
            if (entry.isDirectory())
            {
                if (depth < maxDepth && !entry.isHidden())
                    folders.push_back ({ file, depth + 1 });
            }
            else
            {
                filesByName[file.getFileName()].add (file);
            }
        }
    }
}

static int commonTailLength (const juce::File& a, const juce::File& b)
{
    int n = 0;
    for (auto x = a, y = b; x.getFileName() == y.getFileName() && x.getFileName().isNotEmpty();
         x = x.getParentDirectory(), y = y.getParentDirectory())
        ++n;
    return n;
}

juce::File MovedFileFinder::find (const juce::File& missing)
{
    if (missing.isAChildOf (oldRoot))
        if (const auto moved = newRoot.getChildFile (missing.getRelativePathFrom (oldRoot));
            moved.existsAsFile())
            return moved;

    if (!indexed)
        index();

    const auto it = filesByName.find (missing.getFileName());
    if (it == filesByName.end())
        return {};

    // Of several files with that name, the one whose folders match the old path's best.
    juce::File best;
    int bestTail = -1;
    for (const auto& candidate : it->second)
        if (const int tail = commonTailLength (candidate, missing); tail > bestTail)
        {
            best = candidate;
            bestTail = tail;
        }
    return best;
}

} // namespace paddeck
