#include "Model/Settings.h"

namespace paddeck
{

static juce::PropertiesFile::Options optionsForSettings()
{
    juce::PropertiesFile::Options options;
    options.applicationName = "PadDeck";
    options.filenameSuffix = ".xml";
    options.storageFormat = juce::PropertiesFile::storeAsXML;
    options.millisecondsBeforeSaving = 500;
    return options;
}

juce::File Settings::defaultDirectory()
{
    auto fromEnvironment = juce::SystemStats::getEnvironmentVariable ("PADDECK_SETTINGS_DIR", {});

    if (fromEnvironment.isNotEmpty())
        return juce::File (fromEnvironment);

    return juce::File::getSpecialLocation (juce::File::userApplicationDataDirectory).getChildFile ("PadDeck");
}

Settings::Settings()
    : Settings (defaultDirectory().getChildFile ("settings.xml"))
{
}

Settings::Settings (const juce::File& settingsFile)
{
    settingsFile.getParentDirectory().createDirectory();
    file = std::make_unique<juce::PropertiesFile> (settingsFile, optionsForSettings());
}

} // namespace paddeck
