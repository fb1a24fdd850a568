#pragma once

#include <juce_core/juce_core.h>

#include <unistd.h>

namespace paddeck::fuzz
{

/** The readers take files: each input is written to one file per process and extension, in
    memory-backed /dev/shm when there is one. The folder goes when the process exits. */
inline juce::File writeInput (const juce::String& extension, const void* data, size_t size)
{
    struct Folder
    {
        Folder()
        {
            const juce::File shm ("/dev/shm");
            dir = (shm.isDirectory() ? shm : juce::File::getSpecialLocation (juce::File::tempDirectory))
                      .getChildFile ("paddeck-fuzz-" + juce::String ((int) ::getpid()));
            dir.createDirectory();
        }
        ~Folder() { dir.deleteRecursively(); }
        juce::File dir;
    };
    static const Folder folder;
    const auto file = folder.dir.getChildFile ("input." + extension);
    file.replaceWithData (data, size);
    return file;
}

} // namespace paddeck::fuzz
