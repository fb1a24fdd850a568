#pragma once

#include "Support/TestAudio.h"

#include <string>
#include <vector>

namespace paddeck::test
{

/** PadDeck as a user's machine has it: `cmake --install` of this build into a temporary prefix,
    then that tree copied to another folder and the prefix removed, so nothing can point back at
    where it was installed. Runs of the installed program start in another working folder with
    the source and build trees hidden (an empty tmpfs mounted over the source tree in a private
    mount namespace) when this process is allowed to do that (root, as CI runs). */
class InstalledTree
{
public:
    InstalledTree();

    bool isReady() const noexcept { return ready; }
    const std::string& getLog() const noexcept { return log; }

    juce::File getPrefix() const { return temp / "moved"; }
    juce::File getBinary() const { return getPrefix().getChildFile ("bin/PadDeck"); }
    juce::File getShare() const { return getPrefix().getChildFile ("share/paddeck"); }
    juce::File getWorkingFolder() const { return temp / "elsewhere"; }
    juce::File getScratch() const { return temp.folder; }

    /** True when runs see neither the source nor the build tree. */
    static bool canHideSourceTree();

    /** Runs the installed PadDeck with `args` from the working folder; stdout and stderr in `output`. */
    int run (const std::vector<std::string>& args, std::string* output, double timeoutSeconds = 120) const;

    /** Every file under the prefix with its size and modification time: equal before and after a
        run when the run wrote nothing there. */
    juce::StringArray snapshot() const;

private:
    TempFolder temp;
    std::string log;
    bool ready = false;
};

/** Runs `argv` from `workingFolder` with the source tree (and the build tree inside it) hidden
    when canHideSourceTree(). */
int runWithSourceTreeHidden (const std::vector<std::string>& argv, const juce::File& workingFolder,
                             std::string* output, double timeoutSeconds = 120);

} // namespace paddeck::test
