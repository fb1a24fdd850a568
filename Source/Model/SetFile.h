#pragma once

#include <juce_data_structures/juce_data_structures.h>

namespace paddeck
{

/** Reads and writes sets: versioned JSON holding the whole SET ValueTree (banks, pads, master,
    grid). Unknown keys are ignored so older builds read newer minor additions; a newer major
    version is refused. [message] */
namespace SetFile
{
constexpr int currentVersion = 1;
constexpr const char* formatName = "PadDeck set";
constexpr int defaultBanks = 8, defaultRows = 4, defaultColumns = 4;

/** A new empty set: 8 banks of rows×columns empty pads. */
juce::ValueTree createEmptySet (int banks = defaultBanks, int rows = defaultRows,
                                int columns = defaultColumns);

/** Parses a set; on failure returns an error naming what is wrong and leaves `set` untouched. */
juce::Result load (const juce::File& file, juce::ValueTree& set);
juce::Result parse (const juce::String& json, juce::ValueTree& set);

juce::String toJson (const juce::ValueTree& set, const juce::File& setFile);

/** Writes to a temporary file beside the target and renames it over the old one, so an
    interrupted save never damages the existing set. */
juce::Result save (const juce::ValueTree& set, const juce::File& file);

/** A pad's file as stored (relative to the set when possible) resolved to an absolute file. */
juce::File resolve (const juce::String& storedPath, const juce::File& setFile);
juce::String makeStoredPath (const juce::File& audioFile, const juce::File& setFile);
} // namespace SetFile

} // namespace paddeck
