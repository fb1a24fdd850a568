#include "Model/AppFolders.h"

namespace paddeck
{

juce::File AppFolders::assetsFor (const juce::File& executable)
{
    const auto folder = executable.getParentDirectory();
    for (const auto& candidate : { folder.getSiblingFile ("share"), folder.getChildFile ("share") })
        if (const auto assets = candidate.getChildFile ("paddeck"); assets.isDirectory())
            return assets;
    return {};
}

juce::File AppFolders::assets()
{
    return assetsFor (juce::File::getSpecialLocation (juce::File::currentExecutableFile));
}

static juce::File xdgFolder (const char* variable, const char* fallback)
{
    // The XDG base directory spec: a relative path in the variable is invalid and is ignored.
    const auto fromEnvironment = juce::SystemStats::getEnvironmentVariable (variable, {});
    const auto base =
        juce::File::isAbsolutePath (fromEnvironment) ? juce::File (fromEnvironment) : juce::File (fallback);
    return base.getChildFile ("PadDeck");
}

juce::File AppFolders::userData() { return xdgFolder ("XDG_DATA_HOME", "~/.local/share"); }

juce::File AppFolders::userCache() { return xdgFolder ("XDG_CACHE_HOME", "~/.cache"); }

juce::Result AppFolders::copyDemoForUser (juce::File& demoSet)
{
    const auto destination = userData().getChildFile (demoFolderName);
    demoSet = destination.getChildFile (demoSetName);
    if (demoSet.existsAsFile())
        return juce::Result::ok();

    const auto shipped = assets().getChildFile ("DemoBank");
    if (!shipped.getChildFile (demoSetName).existsAsFile())
        return juce::Result::fail ("The demo bank is not installed (looked in " + shipped.getFullPathName()
                                   + ")");

    const auto scratch = userData().getChildFile (".Demo-copying");
    scratch.deleteRecursively();
    if (!scratch.createDirectory())
        return juce::Result::fail ("Could not create " + scratch.getFullPathName());

    for (const auto& file : shipped.findChildFiles (juce::File::findFiles, false))
        if (!file.copyFileTo (scratch.getChildFile (file.getFileName())))
        {
            scratch.deleteRecursively();
            return juce::Result::fail ("Could not copy " + file.getFullPathName() + " to "
                                       + scratch.getFullPathName());
        }

    // A folder without the set (removed by hand) is kept aside, not merged into.
    if (destination.exists())
        destination.moveFileTo (destination.getNonexistentSibling());
    if (!scratch.moveFileTo (destination))
        return juce::Result::fail ("Could not move the demo bank to " + destination.getFullPathName());
    return juce::Result::ok();
}

} // namespace paddeck
