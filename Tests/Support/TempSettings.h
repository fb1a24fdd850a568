#pragma once

#include "Model/Settings.h"

namespace paddeck::test
{

/** Settings in a temporary folder, deleted afterwards: tests never touch the user's settings. */
struct TempSettings
{
    juce::TemporaryFile folder{ "paddeck-settings" };
    Settings settings{ folder.getFile().getChildFile ("settings.xml") };

    ~TempSettings() { folder.getFile().deleteRecursively(); }
};

} // namespace paddeck::test
