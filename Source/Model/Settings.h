#pragma once

#include <juce_data_structures/juce_data_structures.h>

namespace paddeck
{

/** The user's settings, kept in an XML properties file.

    Lives in ~/.config/PadDeck/settings.xml, or in $PADDECK_SETTINGS_DIR when that is set
    (tests and the headless run use it so they never touch the performer's settings).
    [message] only. */
class Settings
{
public:
    Settings();
    explicit Settings (const juce::File& settingsFile);

    static juce::File defaultDirectory();

    juce::PropertiesFile& properties() noexcept { return *file; }
    juce::File getFile() const { return file->getFile(); }
    juce::File getDirectory() const { return getFile().getParentDirectory(); }

    bool save() { return file->saveIfNeeded(); }

private:
    std::unique_ptr<juce::PropertiesFile> file;
};

} // namespace paddeck
