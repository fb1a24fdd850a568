#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Where PadDeck finds what it ships and where it keeps what the user makes.

    The shipped assets (demo bank, MIDI presets, icon) are found relative to the running
    executable, never through a path fixed at build time: `share/paddeck` one folder up from it
    (`<prefix>/bin/PadDeck` → `<prefix>/share/paddeck`, also the test programs in the build tree)
    or beside it (the app in the build tree, which the build fills with a copy of Assets/). Nothing
    there is ever written: the demo set is copied to the user's data folder and saved there.
    [any] */
class AppFolders
{
public:
    static constexpr const char* demoFolderName = "Demo";
    static constexpr const char* demoSetName = "Demo.paddeck";

    /** `share/paddeck` for this executable, or File() when neither place has one. */
    static juce::File assets();
    static juce::File assetsFor (const juce::File& executable);

    /** $XDG_DATA_HOME/PadDeck (~/.local/share/PadDeck by default): the user's demo set. */
    static juce::File userData();

    /** $XDG_CACHE_HOME/PadDeck (~/.cache/PadDeck by default): what can be made again, such as
        rendered stretches. */
    static juce::File userCache();

    /** The user's own copy of the demo set, `<userData>/Demo/Demo.paddeck`, made from the shipped
        DemoBank when it does not exist yet (a copy the user already has is never overwritten).
        The copy is made in a scratch folder and renamed into place, so an interrupted copy is
        never mistaken for a finished one. */
    static juce::Result copyDemoForUser (juce::File& demoSet);
};

} // namespace paddeck
