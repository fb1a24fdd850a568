#include "Model/MidiMapping.h"

#include "Model/AppFolders.h"
#include "Model/DurableFile.h"
#include "Model/JsonReader.h"
#include "Model/PadSettings.h"

namespace paddeck
{

void MidiMapping::learn (const MidiBinding& binding)
{
    bindings.erase (std::remove_if (bindings.begin(), bindings.end(),
                                    [&] (const MidiBinding& b) {
                                        return b.source.sameInput (binding.source)
                                               || b.target == binding.target;
                                    }),
                    bindings.end());
    bindings.push_back (binding);
}

void MidiMapping::remove (int index)
{
    if (juce::isPositiveAndBelow (index, (int) bindings.size()))
        bindings.erase (bindings.begin() + index);
}

int MidiMapping::indexOf (const MidiTarget& target) const
{
    for (size_t i = 0; i < bindings.size(); ++i)
        if (bindings[i].target == target)
            return (int) i;
    return -1;
}

juce::var MidiMapping::toVar() const
{
    auto* root = new juce::DynamicObject();
    root->setProperty ("format", formatName);
    root->setProperty ("version", currentVersion);
    root->setProperty ("name", name);
    if (description.isNotEmpty())
        root->setProperty ("description", description);

    auto* fb = new juce::DynamicObject();
    fb->setProperty ("enabled", feedback.enabled);
    fb->setProperty ("channel", feedback.channel);
    fb->setProperty ("empty", feedback.empty);
    fb->setProperty ("loaded", feedback.loaded);
    fb->setProperty ("playing", feedback.playing);
    fb->setProperty ("missing", feedback.missing);
    fb->setProperty ("queued", feedback.queued);
    fb->setProperty ("blink", feedback.blink);
    root->setProperty ("feedback", fb);

    juce::Array<juce::var> list;
    for (const auto& b : bindings)
    {
        auto* o = new juce::DynamicObject();
        o->setProperty ("source", toString (b.source.type));
        o->setProperty ("channel", b.source.channel);
        if (b.source.type != MidiSource::Type::pitchBend)
            o->setProperty ("number", b.source.number);
        if (b.source.type == MidiSource::Type::controller)
            o->setProperty ("encoding", toString (b.source.encoding));
        o->setProperty ("target", toString (b.target.type));
        if (b.target.isPadTarget())
        {
            o->setProperty ("row", b.target.row);
            o->setProperty ("column", b.target.column);
        }
        if (b.target.type == MidiTarget::Type::bankSelect)
            o->setProperty ("bank", b.target.bank);
        if (b.target.type == MidiTarget::Type::masterTempo)
        {
            o->setProperty ("minBpm", b.target.minBpm);
            o->setProperty ("maxBpm", b.target.maxBpm);
        }
        list.add (o);
    }
    root->setProperty ("bindings", list);
    return root;
}

juce::String MidiMapping::toJson() const { return juce::JSON::toString (toVar(), false); }

static juce::Result readInt (const juce::var& o, const char* key, int low, int high, int fallback, int& out,
                             const juce::String& where)
{
    if (!o.hasProperty (key))
        return (out = fallback), juce::Result::ok();
    const auto& v = o[key];
    if (!(v.isInt() || v.isInt64() || v.isDouble()) || (int) v < low || (int) v > high)
        return juce::Result::fail (where + ": \"" + key + "\" must be a number from " + juce::String (low)
                                   + " to " + juce::String (high) + ".");
    out = (int) v;
    return juce::Result::ok();
}

static juce::Result readBpmRange (const juce::var& o, MidiTarget& target, const juce::String& where)
{
    const auto read = [&] (const char* key, double fallback, double& out)
    {
        if (!o.hasProperty (key))
            return (out = fallback), true;
        const auto& v = o[key];
        out = (double) v;
        return (v.isInt() || v.isInt64() || v.isDouble()) && out >= PadSettings::minBpm
               && out <= PadSettings::maxBpm;
    };
    if (!read ("minBpm", MidiTarget::defaultMinBpm, target.minBpm)
        || !read ("maxBpm", MidiTarget::defaultMaxBpm, target.maxBpm) || target.minBpm >= target.maxBpm)
        return juce::Result::fail (where
                                   + ": \"minBpm\" and \"maxBpm\" must be tempos from 20 to 300 BPM, "
                                     "the first below the second.");
    return juce::Result::ok();
}

juce::Result MidiMapping::fromVar (const juce::var& root, MidiMapping& mapping)
{
    if (!root.isObject() || root["format"].toString() != formatName)
        return juce::Result::fail ("This is not a PadDeck MIDI mapping (its \"format\" is not \""
                                   + juce::String (formatName) + "\").");
    const int version = root["version"];
    if (version > currentVersion)
        return juce::Result::fail ("This mapping was made by a newer PadDeck (mapping version "
                                   + juce::String (version) + "; this PadDeck reads up to "
                                   + juce::String (currentVersion) + ").");
    if (version < 1)
        return juce::Result::fail ("This mapping has no valid \"version\".");

    const auto* list = root["bindings"].getArray();
    if (list == nullptr)
        return juce::Result::fail ("This mapping has no \"bindings\" list.");

    MidiMapping result;
    result.name = root["name"].toString();
    result.description = root["description"].toString();

    if (const auto& fb = root["feedback"]; fb.isObject())
    {
        auto& f = result.feedback;
        f.enabled = fb.getProperty ("enabled", true);
        for (auto [key, value, low, high] :
             { std::tuple<const char*, int*, int, int>{ "channel", &f.channel, 1, 16 },
               { "empty", &f.empty, 0, 127 },
               { "loaded", &f.loaded, 0, 127 },
               { "playing", &f.playing, 0, 127 },
               { "missing", &f.missing, 0, 127 } })
            if (auto r = readInt (fb, key, low, high, *value, *value, "\"feedback\""); r.failed())
                return r;
        // Older mappings have no queued value: their queued pads flash the playing colour.
        if (auto r = readInt (fb, "queued", 0, 127, f.playing, f.queued, "\"feedback\""); r.failed())
            return r;
        f.blink = fb.getProperty ("blink", true);
    }

    for (int i = 0; i < list->size(); ++i)
    {
        const auto& o = list->getReference (i);
        const auto where = "Binding " + juce::String (i + 1);
        if (!o.isObject())
            return juce::Result::fail (where + " is not an object.");

        MidiBinding b;
        const auto sourceType = parseSourceType (o["source"].toString());
        if (!sourceType)
            return juce::Result::fail (where + ": \"source\" must be note, cc or pitchBend (it is \""
                                       + o["source"].toString() + "\").");
        b.source.type = *sourceType;
        if (auto r = readInt (o, "channel", 0, 16, 0, b.source.channel, where); r.failed())
            return r;
        if (b.source.type != MidiSource::Type::pitchBend)
        {
            if (!o.hasProperty ("number"))
                return juce::Result::fail (where + " has no \"number\" (the note or CC number).");
            if (auto r = readInt (o, "number", 0, 127, 0, b.source.number, where); r.failed())
                return r;
        }
        if (o.hasProperty ("encoding"))
        {
            const auto encoding = parseEncoding (o["encoding"].toString());
            if (!encoding)
                return juce::Result::fail (where + ": unknown \"encoding\" \"" + o["encoding"].toString()
                                           + "\".");
            b.source.encoding =
                b.source.type == MidiSource::Type::controller ? *encoding : MidiSource::Encoding::absolute;
        }

        const auto targetType = parseTargetType (o["target"].toString());
        if (!targetType)
            return juce::Result::fail (where + ": unknown \"target\" \"" + o["target"].toString() + "\".");
        b.target.type = *targetType;
        if (b.target.isPadTarget())
        {
            if (!o.hasProperty ("row") || !o.hasProperty ("column"))
                return juce::Result::fail (where + " targets a pad but has no \"row\" and \"column\".");
            if (auto r = readInt (o, "row", 0, 7, 0, b.target.row, where); r.failed())
                return r;
            if (auto r = readInt (o, "column", 0, 7, 0, b.target.column, where); r.failed())
                return r;
        }
        if (b.target.type == MidiTarget::Type::bankSelect)
            if (auto r = readInt (o, "bank", 0, 63, 0, b.target.bank, where); r.failed())
                return r;
        if (b.target.type == MidiTarget::Type::masterTempo)
            if (auto r = readBpmRange (o, b.target, where); r.failed())
                return r;

        result.bindings.push_back (b);
    }

    mapping = std::move (result);
    return juce::Result::ok();
}

juce::Result MidiMapping::parse (const juce::String& json, MidiMapping& mapping)
{
    juce::var root;
    if (const auto r = JsonReader::parse (json, root); r.failed())
        return juce::Result::fail ("This mapping is not valid JSON: " + r.getErrorMessage());
    return fromVar (root, mapping);
}

juce::Result MidiMapping::load (const juce::File& file, MidiMapping& mapping)
{
    if (!file.existsAsFile())
        return juce::Result::fail ("The mapping " + file.getFullPathName() + " does not exist.");
    const auto r = parse (file.loadFileAsString(), mapping);
    return r.failed() ? juce::Result::fail (file.getFileName() + ": " + r.getErrorMessage()) : r;
}

juce::Result MidiMapping::save (const juce::File& file) const
{
    return DurableFile::replaceWithText (file, toJson() + "\n");
}

MidiMapping MidiMapping::noteGrid (const juce::String& name, int firstNote, int rows, int columns)
{
    MidiMapping m;
    m.name = name;
    for (int row = 0; row < rows; ++row)
        for (int column = 0; column < columns; ++column)
        {
            MidiBinding b;
            b.source.number = firstNote + (rows - 1 - row) * columns + column;
            b.target.row = row;
            b.target.column = column;
            m.bindings.push_back (b);
        }
    return m;
}

MidiMapping MidiMapping::standard()
{
    auto m = noteGrid ("Generic 4x4 pads", 36, 4, 4);
    m.feedback = { true, 1, 0, 32, 127, 0, 127, true };
    return m;
}

bool MidiMapping::operator== (const MidiMapping& o) const
{
    if (name != o.name || description != o.description || !(feedback == o.feedback)
        || bindings.size() != o.bindings.size())
        return false;
    for (size_t i = 0; i < bindings.size(); ++i)
        if (!(bindings[i].source == o.bindings[i].source) || bindings[i].target != o.bindings[i].target
            || bindings[i].target.minBpm != o.bindings[i].target.minBpm
            || bindings[i].target.maxBpm != o.bindings[i].target.maxBpm)
            return false;
    return true;
}

juce::File MidiPresets::folder() { return AppFolders::assets().getChildFile ("MidiPresets"); }

juce::Array<juce::File> MidiPresets::list()
{
    auto files = folder().findChildFiles (juce::File::findFiles, false, "*.json");
    files.sort();
    return files;
}

} // namespace paddeck
