#include "Support/InstalledTree.h"

#include "Support/BackgroundProcess.h"

namespace paddeck::test
{

bool InstalledTree::canHideSourceTree()
{
    static const bool canHide =
        BackgroundProcess::run ({ "unshare", "--mount", "--propagation", "private", "true" }) == 0;
    return canHide;
}

int runWithSourceTreeHidden (const std::vector<std::string>& argv, const juce::File& workingFolder,
                             std::string* output, double timeoutSeconds)
{
    // sh -c SCRIPT SOURCE_DIR WORKING_FOLDER PROGRAM ARGS...
    std::vector<std::string> command;
    if (InstalledTree::canHideSourceTree())
        command = { "unshare",
                    "--mount",
                    "--propagation",
                    "private",
                    "sh",
                    "-c",
                    "mount -t tmpfs tmpfs \"$0\" && cd \"$1\" && shift && exec \"$@\"",
                    PADDECK_SOURCE_DIR };
    else
        command = { "sh", "-c", "cd \"$1\" && shift && exec \"$@\"", PADDECK_SOURCE_DIR };
    command.push_back (workingFolder.getFullPathName().toStdString());
    command.insert (command.end(), argv.begin(), argv.end());
    return BackgroundProcess::run (command, output, timeoutSeconds);
}

InstalledTree::InstalledTree()
{
    const auto installed = temp / "prefix";
    if (BackgroundProcess::run ({ PADDECK_CMAKE_COMMAND, "--install", PADDECK_BUILD_DIR, "--prefix",
                                  installed.getFullPathName().toStdString() },
                                &log)
        != 0)
        return;

    // Copied elsewhere and the original removed: the program can only find what it carries.
    if (!installed.copyDirectoryTo (getPrefix()) || !installed.deleteRecursively()
        || !getBinary().setExecutePermission (true) || !getWorkingFolder().createDirectory())
    {
        log += "\ncould not move the installed tree";
        return;
    }
    ready = getBinary().existsAsFile();
}

int InstalledTree::run (const std::vector<std::string>& args, std::string* output,
                        double timeoutSeconds) const
{
    std::vector<std::string> argv{ getBinary().getFullPathName().toStdString() };
    argv.insert (argv.end(), args.begin(), args.end());
    return runWithSourceTreeHidden (argv, getWorkingFolder(), output, timeoutSeconds);
}

juce::StringArray InstalledTree::snapshot() const
{
    juce::StringArray entries;
    for (const auto& entry :
         juce::RangedDirectoryIterator (getPrefix(), true, "*", juce::File::findFilesAndDirectories))
        entries.add (entry.getFile().getRelativePathFrom (getPrefix()) + " "
                     + juce::String (entry.getFileSize()) + " "
                     + juce::String (entry.getModificationTime().toMilliseconds()));
    entries.sort (false);
    return entries;
}

} // namespace paddeck::test
