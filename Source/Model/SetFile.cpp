#include "Model/SetFile.h"

#include "Model/DurableFile.h"
#include "Model/Identifiers.h"
#include "Model/JsonReader.h"
#include "Model/MidiMapping.h"
#include "Model/PadSettings.h"
#include "Tempo/Quantize.h"

namespace paddeck
{

juce::ValueTree SetFile::createEmptySet (int banks, int rows, int columns)
{
    juce::ValueTree set (IDs::SET);
    set.setProperty (IDs::version, currentVersion, nullptr)
        .setProperty (IDs::masterGainDb, 0.0, nullptr)
        .setProperty (IDs::gridRows, rows, nullptr)
        .setProperty (IDs::gridColumns, columns, nullptr)
        .setProperty (IDs::currentBank, 0, nullptr)
        .setProperty (IDs::tempoBpm, defaultTempoBpm, nullptr)
        .setProperty (IDs::beatsPerBar, defaultBeatsPerBar, nullptr)
        .setProperty (IDs::quantize, QuantizeGrid::toString (Quantize::bar), nullptr)
        .setProperty (IDs::metronome, false, nullptr);

    for (int b = 0; b < banks; ++b)
    {
        juce::ValueTree bank (IDs::BANK);
        bank.setProperty (IDs::name, juce::String::charToString ((juce::juce_wchar) ('A' + b)), nullptr);
        for (int p = 0; p < rows * columns; ++p)
            bank.appendChild (PadSettings().toValueTree(), nullptr);
        set.appendChild (bank, nullptr);
    }
    return set;
}

static juce::var padToJson (const juce::ValueTree& pad, int index)
{
    auto* obj = new juce::DynamicObject();
    obj->setProperty ("index", index);
    for (int i = 0; i < pad.getNumProperties(); ++i)
    {
        const auto name = pad.getPropertyName (i);
        obj->setProperty (name, pad[name]);
    }
    return obj;
}

// Top-level keys with a meaning of their own; any other top-level value is a SET property kept as is.
static const juce::StringArray reservedKeys{ "format",      "version",     "banks",       "masterGainDb",
                                             "gridRows",    "gridColumns", "currentBank", "autosaveOf",
                                             "midiMapping", "tempoBpm",    "beatsPerBar", "quantize",
                                             "metronome",   "cueLevelDb",  "cueBlend",    "metronomeToCue" };

static bool isPlainValue (const juce::var& v)
{
    return v.isString() || v.isInt() || v.isInt64() || v.isDouble() || v.isBool();
}

static juce::var toVar (const juce::ValueTree& set, const juce::File& setFile)
{
    using namespace SetFile;
    auto* root = new juce::DynamicObject();
    root->setProperty ("format", formatName);
    root->setProperty ("version", currentVersion);
    root->setProperty ("masterGainDb", set[IDs::masterGainDb]);
    root->setProperty ("gridRows", set[IDs::gridRows]);
    root->setProperty ("gridColumns", set[IDs::gridColumns]);
    root->setProperty ("currentBank", set[IDs::currentBank]);
    root->setProperty ("tempoBpm", set[IDs::tempoBpm]);
    root->setProperty ("beatsPerBar", set[IDs::beatsPerBar]);
    root->setProperty ("quantize", set[IDs::quantize]);
    root->setProperty ("metronome", set[IDs::metronome]);
    // The cue's settings, only once the performer has set them: older sets read as they were.
    for (const auto& id : { IDs::cueLevelDb, IDs::cueBlend, IDs::metronomeToCue })
        if (set.hasProperty (id))
            root->setProperty (id.toString(), set[id]);
    if (set.hasProperty (IDs::midiMapping))
        root->setProperty ("midiMapping", JsonReader::parseOrVoid (set[IDs::midiMapping].toString()));
    for (int i = 0; i < set.getNumProperties(); ++i)
        if (const auto name = set.getPropertyName (i);
            !reservedKeys.contains (name.toString()) && isPlainValue (set[name]))
            root->setProperty (name, set[name]);

    juce::Array<juce::var> banks;
    for (const auto& bank : set)
    {
        auto* b = new juce::DynamicObject();
        b->setProperty ("name", bank[IDs::name]);
        juce::Array<juce::var> pads;
        for (int p = 0; p < bank.getNumChildren(); ++p)
        {
            auto pad = bank.getChild (p).createCopy();
            if (pad[IDs::file].toString().isNotEmpty() && setFile != juce::File())
                pad.setProperty (IDs::file, makeStoredPath (resolve (pad[IDs::file], setFile), setFile),
                                 nullptr);
            if (pad[IDs::file].toString().isNotEmpty() || PadSettings::fromValueTree (pad) != PadSettings())
                pads.add (padToJson (pad, p));
        }
        b->setProperty ("pads", pads);
        banks.add (b);
    }
    root->setProperty ("banks", banks);
    return juce::var (root);
}

juce::String SetFile::toJson (const juce::ValueTree& set, const juce::File& setFile)
{
    return juce::JSON::toString (toVar (set, setFile), false);
}

static juce::Result fromVar (const juce::var& root, juce::ValueTree& set)
{
    using namespace SetFile;
    if (!root.isObject() || root["format"].toString() != formatName)
        return juce::Result::fail ("This file is not a PadDeck set (its \"format\" is not \"PadDeck set\").");

    const int version = root["version"];
    if (version > currentVersion)
        return juce::Result::fail ("This set was made by a newer PadDeck (set version "
                                   + juce::String (version) + "; this PadDeck reads up to "
                                   + juce::String (currentVersion) + "). Update PadDeck to open it.");
    if (version < 1)
        return juce::Result::fail ("This set has no valid \"version\".");

    const auto* banks = root["banks"].getArray();
    if (banks == nullptr)
        return juce::Result::fail ("This set has no \"banks\" list.");

    const int rows = juce::jlimit (1, 8, (int) root.getProperty ("gridRows", defaultRows));
    const int columns = juce::jlimit (1, 8, (int) root.getProperty ("gridColumns", defaultColumns));
    auto result = createEmptySet (juce::jmax (defaultBanks, banks->size()), rows, columns);
    result.setProperty (IDs::masterGainDb,
                        juce::jlimit (-100.0, 6.0, (double) root.getProperty ("masterGainDb", 0.0)), nullptr);
    result.setProperty (
        IDs::currentBank,
        juce::jlimit (0, result.getNumChildren() - 1, (int) root.getProperty ("currentBank", 0)), nullptr);

    // Version 1 sets have no tempo: they get the defaults.
    const double tempo = root.getProperty ("tempoBpm", defaultTempoBpm);
    if (!(tempo >= PadSettings::minBpm && tempo <= PadSettings::maxBpm))
        return juce::Result::fail ("The set's tempo (" + root["tempoBpm"].toString()
                                   + " BPM) is outside 20–300 BPM.");
    result.setProperty (IDs::tempoBpm, tempo, nullptr);
    result.setProperty (IDs::beatsPerBar,
                        juce::jlimit (1, 16, (int) root.getProperty ("beatsPerBar", defaultBeatsPerBar)),
                        nullptr);
    Quantize quantize = Quantize::bar;
    if (root.hasProperty ("quantize") && !QuantizeGrid::parse (root["quantize"].toString(), quantize))
        return juce::Result::fail ("The set's quantize \"" + root["quantize"].toString()
                                   + "\" is not one of off, 1/16, 1/8, 1/4, 1bar, 2bars, 4bars.");
    result.setProperty (IDs::quantize, QuantizeGrid::toString (quantize), nullptr);
    result.setProperty (IDs::metronome, (bool) root.getProperty ("metronome", false), nullptr);
    if (root.hasProperty ("cueLevelDb"))
        result.setProperty (IDs::cueLevelDb, juce::jlimit (-100.0, 6.0, (double) root["cueLevelDb"]),
                            nullptr);
    if (root.hasProperty ("cueBlend"))
        result.setProperty (IDs::cueBlend, juce::jlimit (0.0, 1.0, (double) root["cueBlend"]), nullptr);
    if (root.hasProperty ("metronomeToCue"))
        result.setProperty (IDs::metronomeToCue, (bool) root["metronomeToCue"], nullptr);

    for (const auto& prop : root.getDynamicObject()->getProperties())
        if (!reservedKeys.contains (prop.name.toString()) && isPlainValue (prop.value))
            result.setProperty (prop.name, prop.value, nullptr);

    if (root.hasProperty ("midiMapping"))
    {
        MidiMapping mapping;
        if (const auto r = MidiMapping::fromVar (root["midiMapping"], mapping); r.failed())
            return juce::Result::fail ("The set's MIDI mapping: " + r.getErrorMessage());
        result.setProperty (IDs::midiMapping, mapping.toJson(), nullptr);
    }

    for (int b = 0; b < banks->size(); ++b)
    {
        const auto& bankJson = banks->getReference (b);
        auto bank = result.getChild (b);
        if (bankJson.hasProperty ("name"))
            bank.setProperty (IDs::name, bankJson["name"].toString(), nullptr);

        const auto* pads = bankJson["pads"].getArray();
        if (pads == nullptr)
            continue;

        for (const auto& padJson : *pads)
        {
            const int index = padJson.getProperty ("index", -1);
            if (index < 0 || index >= bank.getNumChildren())
                return juce::Result::fail ("Bank " + bank[IDs::name].toString() + " has a pad with index "
                                           + juce::String (index) + ", outside its grid of "
                                           + juce::String (bank.getNumChildren()) + " pads.");

            juce::ValueTree raw (IDs::PAD);
            if (auto* obj = padJson.getDynamicObject())
                for (auto& prop : obj->getProperties())
                    if (prop.name.toString() != "index")
                        raw.setProperty (prop.name, prop.value, nullptr);

            bank.getChild (index).copyPropertiesFrom (PadSettings::fromValueTree (raw).toValueTree(),
                                                      nullptr);
        }
    }

    set = result;
    return juce::Result::ok();
}

juce::Result SetFile::parse (const juce::String& json, juce::ValueTree& set)
{
    juce::var root;
    const auto parsed = JsonReader::parse (json, root);
    if (parsed.failed())
        return juce::Result::fail ("This set is not valid JSON: " + parsed.getErrorMessage());
    return fromVar (root, set);
}

juce::Result SetFile::load (const juce::File& file, juce::ValueTree& set)
{
    if (!file.existsAsFile())
        return juce::Result::fail ("The set " + file.getFullPathName() + " does not exist.");

    juce::String text;
    if (!file.hasReadAccess() || (text = file.loadFileAsString()).isEmpty())
        return juce::Result::fail ("The set " + file.getFullPathName() + " could not be read or is empty.");

    juce::ValueTree parsed;
    const auto result = parse (text, parsed);
    if (result.failed())
        return juce::Result::fail (file.getFileName() + ": " + result.getErrorMessage());

    // Stored paths become absolute in memory; saving makes them relative again.
    for (auto bank : parsed)
        for (auto pad : bank)
            if (pad[IDs::file].toString().isNotEmpty())
                pad.setProperty (IDs::file, resolve (pad[IDs::file], file).getFullPathName(), nullptr);

    set = parsed;
    return juce::Result::ok();
}

juce::Result SetFile::save (const juce::ValueTree& set, const juce::File& file)
{
    return DurableFile::replaceWithText (file, toJson (set, file));
}

juce::Result SetFile::saveAutosave (const juce::ValueTree& set, const juce::File& autosaveFile,
                                    const juce::File& autosaveOf)
{
    auto root = toVar (set, {});
    root.getDynamicObject()->setProperty ("autosaveOf", autosaveOf.getFullPathName());
    return DurableFile::replaceWithText (autosaveFile, juce::JSON::toString (root, false));
}

juce::Result SetFile::loadAutosave (const juce::File& autosaveFile, juce::ValueTree& set,
                                    juce::File& autosaveOf)
{
    juce::ValueTree loaded;
    if (const auto r = load (autosaveFile, loaded); r.failed())
        return r;

    const auto of = JsonReader::parseOrVoid (autosaveFile.loadFileAsString())["autosaveOf"].toString();
    autosaveOf = of.startsWithChar ('/') ? juce::File (of) : juce::File(); // only a rooted path (see resolve)
    set = loaded;
    return juce::Result::ok();
}

juce::File SetFile::resolve (const juce::String& storedPath, const juce::File& setFile)
{
    // JUCE takes any path that starts with '~' for "~user/...": a sample named "~16 Hat.wav" would
    // become a path with no root (and File::isAChildOf would recurse until the stack overflows, as
    // the set fuzzer found). Only "/..." and "~/..." are absolute here; "./" keeps the rest relative.
    if (storedPath.startsWithChar ('/') || storedPath == "~" || storedPath.startsWith ("~/"))
        return juce::File (storedPath);
    return setFile.getParentDirectory().getChildFile (storedPath.startsWithChar ('~') ? "./" + storedPath
                                                                                      : storedPath);
}

juce::String SetFile::makeStoredPath (const juce::File& audioFile, const juce::File& setFile)
{
    const auto folder = setFile.getParentDirectory();
    if (audioFile.isAChildOf (folder))
        return audioFile.getRelativePathFrom (folder);
    return audioFile.getFullPathName();
}

} // namespace paddeck
