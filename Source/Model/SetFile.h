#pragma once

#include <juce_data_structures/juce_data_structures.h>

namespace paddeck
{

/** Reads and writes sets: versioned JSON holding the whole SET ValueTree (banks, pads, master,
    grid). Unknown pad keys are ignored so older builds read newer minor additions; unknown
    top-level values are kept as SET properties and written back; a newer major version is
    refused. [message] */
namespace SetFile
{
constexpr int currentVersion =
    2; // 2: tempo (master tempo, beats per bar, quantize, metronome; pad tempo and sync)
constexpr double defaultTempoBpm = 120.0;
constexpr int defaultBeatsPerBar = 4;
constexpr const char* formatName = "PadDeck set";
constexpr int defaultBanks = 8, defaultRows = 4, defaultColumns = 4;

/** A new empty set: 8 banks of rows×columns empty pads. */
juce::ValueTree createEmptySet (int banks = defaultBanks, int rows = defaultRows,
                                int columns = defaultColumns);

/** Parses a set; on failure returns an error naming what is wrong and leaves `set` untouched. */
juce::Result load (const juce::File& file, juce::ValueTree& set);
juce::Result parse (const juce::String& json, juce::ValueTree& set);

/** The set as JSON; pad files relative to `setFile`'s folder when they are inside it, absolute
    when `setFile` is File(). */
juce::String toJson (const juce::ValueTree& set, const juce::File& setFile);

/** Writes durably (see DurableFile): an interrupted save never damages the existing set. */
juce::Result save (const juce::ValueTree& set, const juce::File& file);

/** The autosave: the set with absolute sample paths (so it resolves from anywhere) and the file
    it belongs to (File() for an untitled set). */
juce::Result saveAutosave (const juce::ValueTree& set, const juce::File& autosaveFile,
                           const juce::File& autosaveOf);
juce::Result loadAutosave (const juce::File& autosaveFile, juce::ValueTree& set, juce::File& autosaveOf);

/** A pad's file as stored (relative to the set when possible) resolved to an absolute file. */
juce::File resolve (const juce::String& storedPath, const juce::File& setFile);
juce::String makeStoredPath (const juce::File& audioFile, const juce::File& setFile);
} // namespace SetFile

} // namespace paddeck
