#include "Control/Session.h"

#include "Control/SnapshotCompiler.h"
#include "Model/Identifiers.h"
#include "Model/MovedFileFinder.h"
#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

Session::Session (AudioEngine& e, SampleLoader& loader)
    : engine (e)
    , materials (
          e, loader, [this] (int index) { return getPadSettings (index); }, *this,
          [this] { sendChangeMessage(); })
{
    materials.onTempoAnalysed = [this] (int index, const TempoAnalysis& analysis)
    { takeAnalysedTempo (index, analysis); };
    setSet (SetFile::createEmptySet());
}

Session::~Session() { set.removeListener (this); }

void Session::setSet (juce::ValueTree newSet, const juce::File& newSetFile)
{
    set.removeListener (this);
    set = std::move (newSet);
    setFile = newSetFile;
    set.addListener (this);
    readMidiMapping();
    materials.setMasterTempo (getMasterTempo());
    materials.setBeatsPerBar (getBeatsPerBar());

    history.clear(); // a new set: nothing to undo, and it is clean
    ++changeCount;   // the autosaver sees a change
    rebuildMaterials();
}

void Session::rebuildMaterials()
{
    structureChanged = false;
    materials.reset (getNumPads());
    for (int i = 0; i < getNumPads(); ++i)
        materials.reload (i);
    publishNow();
    sendChangeMessage();
}

bool Session::undo()
{
    if (!history.undo())
        return false;
    afterUndoOrRedo();
    return true;
}

bool Session::redo()
{
    if (!history.redo())
        return false;
    afterUndoOrRedo();
    return true;
}

void Session::afterUndoOrRedo()
{
    if (structureChanged)
        rebuildMaterials(); // the banks of another grid came back: their pads load again
    sendChangeMessage();
}

juce::Result Session::openSet (const juce::File& file)
{
    juce::ValueTree loaded;
    if (const auto r = SetFile::load (file, loaded); r.failed())
        return r;
    setSet (loaded, file);
    return juce::Result::ok();
}

juce::Result Session::saveSet (const juce::File& file)
{
    // The mapping it was played with goes with it: what the set is, not an edit of it.
    if (!hasMidiMapping())
        set.setProperty (IDs::midiMapping, midiMapping.toJson(), nullptr);

    const auto result = SetFile::save (set, file);
    if (result.wasOk())
    {
        setFile = file;
        history.markSaved();
        sendChangeMessage();
    }
    return result;
}

Session::CollectResult Session::saveSetCollectingSamples (const juce::File& file)
{
    CollectResult collected;
    collected.folder = file.getSiblingFile (file.getFileNameWithoutExtension() + " Samples");
    if (!hasMidiMapping())
        set.setProperty (IDs::midiMapping, midiMapping.toJson(), nullptr);

    auto copy = set.createCopy();
    collected.report = SampleCollector::collect (copy, collected.folder);
    collected.result = SetFile::save (copy, file);
    if (collected.result.failed())
        return collected; // the live set still points at the originals

    // The pads play the copies from now on (changing a pad's file reloads it). The same audio, saved
    // as it is: not an edit to undo.
    for (int b = 0; b < copy.getNumChildren(); ++b)
        for (int p = 0; p < copy.getChild (b).getNumChildren(); ++p)
            set.getChild (b).getChild (p).setProperty (IDs::file, copy.getChild (b).getChild (p)[IDs::file],
                                                       nullptr);
    setFile = file;
    history.markSaved();
    sendChangeMessage();
    return collected;
}

int Session::relinkMissing (int padIndex, const juce::File& replacement)
{
    if (getPadStatus (padIndex).state != PadState::missing || !replacement.existsAsFile())
        return 0;

    MovedFileFinder finder (juce::File (getPadSettings (padIndex).file), replacement);
    auto* undo = edit ("Locate " + replacement.getFileName());
    getPad (padIndex).setProperty (IDs::file, replacement.getFullPathName(), undo);

    int relinked = 1;
    for (auto other : getMissingPads())
        if (const auto found = finder.find (juce::File (getPadSettings (other).file)); found != juce::File())
        {
            getPad (other).setProperty (IDs::file, found.getFullPathName(), undo);
            ++relinked;
        }
    return relinked;
}

juce::Result Session::setGridSize (int rows, int columns)
{
    rows = juce::jlimit (1, 8, rows);
    columns = juce::jlimit (1, 8, columns);
    const int oldRows = set[IDs::gridRows], oldColumns = set[IDs::gridColumns];
    if (rows == oldRows && columns == oldColumns)
        return juce::Result::ok();

    // Pads keep their row and column; a pad outside the new grid must be empty.
    for (const auto& bank : set)
        for (int p = 0; p < bank.getNumChildren(); ++p)
            if ((p / oldColumns >= rows || p % oldColumns >= columns)
                && bank.getChild (p)[IDs::file].toString().isNotEmpty())
                return juce::Result::fail ("Bank " + bank[IDs::name].toString() + " pad "
                                           + juce::String (p + 1) + " holds a sample and would be outside a "
                                           + juce::String (rows) + "x" + juce::String (columns)
                                           + " grid: clear or move it first.");

    // Each bank is replaced by one of the new grid, in the set itself: undoing puts the very same
    // banks back, so the steps before this one still find the pads they changed.
    auto* undo = edit ("Grid " + juce::String (rows) + " x " + juce::String (columns));
    auto resized = SetFile::createEmptySet (set.getNumChildren(), rows, columns);
    for (int b = 0; b < set.getNumChildren(); ++b)
    {
        const auto oldBank = set.getChild (b);
        auto newBank = resized.getChild (b);
        newBank.copyPropertiesFrom (oldBank, nullptr);
        for (int p = 0; p < oldBank.getNumChildren(); ++p)
            if (p / oldColumns < rows && p % oldColumns < columns)
                newBank.getChild ((p / oldColumns) * columns + p % oldColumns)
                    .copyPropertiesFrom (oldBank.getChild (p), nullptr);
    }
    for (int b = 0; b < set.getNumChildren(); ++b)
    {
        auto newBank = resized.getChild (0);
        resized.removeChild (0, nullptr);
        set.removeChild (b, undo);
        set.addChild (newBank, b, undo);
    }
    set.setProperty (IDs::gridRows, rows, undo).setProperty (IDs::gridColumns, columns, undo);
    rebuildMaterials();
    return juce::Result::ok();
}

int Session::getPadsPerBank() const { return (int) set[IDs::gridRows] * (int) set[IDs::gridColumns]; }

int Session::getCurrentBank() const { return set[IDs::currentBank]; }

void Session::setCurrentBank (int bank)
{
    set.setProperty (IDs::currentBank, juce::jlimit (0, getNumBanks() - 1, bank), nullptr);
}

juce::ValueTree Session::getPad (int index) const
{
    const int perBank = getPadsPerBank();
    if (perBank <= 0 || index < 0)
        return {};
    return set.getChild (index / perBank).getChild (index % perBank);
}

juce::String Session::padName (int index) const
{
    const int perBank = juce::jmax (1, getPadsPerBank());
    return set.getChild (index / perBank)[IDs::name].toString() + juce::String (index % perBank + 1);
}

int Session::indexOfPadTree (const juce::ValueTree& pad) const
{
    const auto bank = pad.getParent();
    const int b = set.indexOf (bank);
    return b < 0 ? -1 : globalIndex (b, bank.indexOf (pad));
}

void Session::setPadSettings (int index, const PadSettings& settings, const juce::String& continuingKey)
{
    auto pad = getPad (index);
    if (!pad.isValid() || getPadSettings (index) == settings)
        return;
    pad.copyPropertiesFrom (settings.toValueTree(), edit ("Edit pad " + padName (index), continuingKey));
}

static juce::String describeSetting (const juce::Identifier& property)
{
    static const std::pair<juce::Identifier, const char*> names[] = {
        { IDs::semitones, "Pitch" },
        { IDs::cents, "Cents" },
        { IDs::pitchMode, "Pitch mode" },
        { IDs::gainDb, "Gain" },
        { IDs::eqLowDb, "Low EQ" },
        { IDs::eqMidDb, "Mid EQ" },
        { IDs::eqHighDb, "High EQ" },
        { IDs::eqLowKill, "Low kill" },
        { IDs::eqMidKill, "Mid kill" },
        { IDs::eqHighKill, "High kill" },
        { IDs::playMode, "Play mode" },
        { IDs::chokeGroup, "Choke group" },
        { IDs::velocity, "Velocity" },
        { IDs::startFrame, "Start" },
        { IDs::loopStart, "Loop start" },
        { IDs::loopEnd, "Loop end" },
        { IDs::endFrame, "End" },
        { IDs::reverse, "Reverse" },
        { IDs::fadeInMs, "Fade in" },
        { IDs::fadeOutMs, "Fade out" },
        { IDs::sync, "Sync" },
        { IDs::quantize, "Pad quantize" },
        { IDs::inPhase, "In phase" },
        { IDs::quantizeStop, "Quantized stop" },
        { IDs::cue, "Cue" },
    };
    for (const auto& [id, name] : names)
        if (id == property)
            return name;
    return property.toString();
}

void Session::setPadProperty (int index, const juce::Identifier& property, const juce::var& value,
                              const juce::String& continuingKey)
{
    auto pad = getPad (index);
    if (!pad.isValid() || (pad.hasProperty (property) && pad[property] == value))
        return;
    pad.setProperty (property, value,
                     edit (describeSetting (property) + " " + padName (index), continuingKey));
}

void Session::clearPad (int index)
{
    if (getPadSettings (index) != PadSettings())
        getPad (index).copyPropertiesFrom (PadSettings().toValueTree(), edit ("Clear " + padName (index)));
}

static void writeLoad (juce::ValueTree pad, const juce::File& file, juce::UndoManager* undo)
{
    // Another file: its tempo is found again once it has loaded (a relinked or collected file is
    // the same audio, and keeps the tempo the performer may have typed). What analysis finds for
    // the new file is written later, outside the undo history; so each field is removed and
    // written afresh here, which the step records whatever its value: undoing the load gives the
    // pad exactly the tempo it had, not what was found for the file undone.
    const auto path = file == juce::File() ? juce::String() : file.getFullPathName();
    if (pad[IDs::file].toString() != path)
    {
        const std::pair<juce::Identifier, juce::var> notAnalysed[] = { { IDs::bpm, PadSettings::unknownBpm },
                                                                       { IDs::bpmSource, juce::String() },
                                                                       { IDs::downbeat, 0 },
                                                                       { IDs::sync, false } };
        for (const auto& [property, value] : notAnalysed)
        {
            pad.removeProperty (property, undo);
            pad.setProperty (property, value, undo);
        }
    }
    pad.setProperty (IDs::name, file.getFileNameWithoutExtension(), undo);
    pad.setProperty (IDs::file, path, undo);
}

void Session::loadIntoPad (int index, const juce::File& file)
{
    auto pad = getPad (index);
    if (!pad.isValid()
        || (pad[IDs::file].toString() == (file == juce::File() ? juce::String() : file.getFullPathName())
            && pad[IDs::name].toString() == file.getFileNameWithoutExtension()))
        return;
    writeLoad (pad, file,
               edit (file == juce::File() ? "Clear " + padName (index)
                                          : "Load " + file.getFileName() + " into " + padName (index)));
}

void Session::loadIntoPads (const juce::Array<std::pair<int, juce::File>>& loads)
{
    if (loads.isEmpty())
        return;
    if (loads.size() == 1)
        return loadIntoPad (loads.getFirst().first, loads.getFirst().second);

    auto* undo =
        edit ("Load " + juce::String (loads.size()) + " files into " + padName (loads.getFirst().first)
              + juce::String::fromUTF8 ("\u2013") + padName (loads.getLast().first));
    for (const auto& [index, file] : loads)
        if (auto pad = getPad (index); pad.isValid())
            writeLoad (pad, file, undo);
}

juce::Array<int> Session::getSliceTargets (int index, int count) const
{
    juce::Array<int> targets;
    const int perBank = getPadsPerBank();
    if (perBank > 0 && juce::isPositiveAndBelow (index, getNumPads()))
        for (int t = index + 1; t < (index / perBank + 1) * perBank && targets.size() < count; ++t)
            targets.add (t);
    return targets;
}

void Session::slicePad (int index, SliceMode mode, int count, std::function<void (const juce::Result&)> done)
{
    const auto report = [done] (const juce::Result& r)
    {
        if (done)
            done (r);
    };
    const auto settings = getPadSettings (index);
    const auto& status = getPadStatus (index);
    if (settings.file.isEmpty())
        return report (juce::Result::fail ("This pad is empty: load a file to slice."));
    if (status.state != PadState::loaded || status.sample == nullptr)
        return report (juce::Result::fail (status.state == PadState::loading
                                               ? "The pad's file is still loading."
                                               : "The pad's file could not be loaded."));
    const auto targets = getSliceTargets (index, count);
    if (targets.isEmpty())
        return report (juce::Result::fail ("There are no pads after " + padName (index)
                                           + " in its bank to slice onto."));

    slicing.find (
        settings, *status.sample, mode, targets.size(),
        [this, index, settings, report] (const juce::Result& found, const std::vector<Slicer::Slice>& slices)
        {
            // Onsets arrive later: the pad must still play what was sliced.
            if (found.failed())
                return report (found);
            if (getPadSettings (index).file != settings.file
                || getPadSettings (index).startFrame != settings.startFrame
                || getPadSettings (index).endFrame != settings.endFrame)
                return report (
                    juce::Result::fail ("The pad changed while its onsets were found: slice it again."));
            report (writeSlices (index, slices));
        });
}

juce::Result Session::writeSlices (int index, const std::vector<Slicer::Slice>& slices)
{
    const auto targets = getSliceTargets (index, (int) slices.size());
    if (slices.empty() || targets.isEmpty())
        return juce::Result::fail ("Nothing to slice.");

    const auto source = getPadSettings (index);
    auto* undo = edit ("Slice " + padName (index) + " onto " + padName (targets.getFirst())
                       + (targets.size() > 1 ? juce::String::fromUTF8 ("\u2013") + padName (targets.getLast())
                                             : juce::String()));
    {
        // Each pad is written whole, then loaded once (a RAM file is shared with the source, see
        // PadMaterials::reload), instead of once for each property as it changes.
        const juce::ScopedValueSetter<bool> writing (writingSlices, true);
        for (int k = 0; k < targets.size(); ++k)
            getPad (targets[k])
                .copyPropertiesFrom (PadSlicing::sliceSettings (source, slices[(size_t) k], k).toValueTree(),
                                     undo);
    }
    for (auto t : targets)
        materials.reload (t);
    sendChangeMessage();
    return juce::Result::ok();
}

void Session::readMidiMapping()
{
    // SetFile checked it when the set was read, and setMidiMapping writes only valid ones.
    MidiMapping parsed;
    if (!set.hasProperty (IDs::midiMapping)
        || MidiMapping::parse (set[IDs::midiMapping].toString(), parsed).failed())
        parsed = fallbackMapping;
    midiMapping = std::move (parsed);
}

void Session::setFallbackMidiMapping (const MidiMapping& mapping)
{
    fallbackMapping = mapping;
    readMidiMapping();
    triggerAsyncUpdate();
}

void Session::setMidiMapping (const MidiMapping& mapping, const juce::String& what)
{
    // A set that plays the user's mapping takes it in first (as a save would: not an edit), so
    // undoing this gives back exactly the mapping it played.
    if (!hasMidiMapping())
        set.setProperty (IDs::midiMapping, midiMapping.toJson(), nullptr);
    const auto json = mapping.toJson();
    if (set[IDs::midiMapping].toString() != json)
        set.setProperty (IDs::midiMapping, json, edit (what));
}

void Session::setEngineBankChangesSeen (juce::uint32 count)
{
    engineBankChangesSeen = count;
    triggerAsyncUpdate();
}

void Session::valueTreePropertyChanged (juce::ValueTree& tree, const juce::Identifier& property)
{
    if (tree == set && property == IDs::midiMapping)
    {
        readMidiMapping();
        if (onMidiMappingEdited)
            onMidiMappingEdited();
    }

    const bool regionChanged = property == IDs::startFrame || property == IDs::loopStart
                               || property == IDs::loopEnd || property == IDs::endFrame
                               || property == IDs::reverse;
    // Slices are loaded once each is written whole (see writeSlices).
    const bool padToLoad = tree.hasType (IDs::PAD) && !writingSlices;
    if (padToLoad && (property == IDs::file || regionChanged))
    {
        // A streamed sample keeps in RAM the frames its region begins with: another region loads
        // them. A RAM sample holds every frame already: only its KeyLock prime (the hit's first
        // frames) is made again, so dragging a start or end point never decodes the file again.
        const auto index = indexOfPadTree (tree);
        const auto& sample = materials.get (index).sample;
        if (property == IDs::file || sample == nullptr || sample->isStreamed())
            materials.reload (index);
        else
            materials.remakePrime (index);
        sendChangeMessage();
    }
    else if (padToLoad
             && (property == IDs::semitones || property == IDs::cents || property == IDs::pitchMode
                 || property == IDs::bpm || property == IDs::sync || property == IDs::downbeat
                 || property == IDs::fadeInMs || property == IDs::fadeOutMs || property == IDs::playMode))
    {
        materials.remakePrime (indexOfPadTree (tree));
    }
    else if (tree == set && property == IDs::tempoBpm)
    {
        // A synced KeyLock pad starts from a prime made at its time ratio: make them again.
        materials.setMasterTempo (getMasterTempo());
        for (int i = 0; i < getNumPads(); ++i)
            if (const auto s = getPadSettings (i); s.pitchMode == PitchMode::keyLock && s.isSynced())
                materials.remakePrime (i);
    }

    if (tree == set && property == IDs::beatsPerBar)
        materials.setBeatsPerBar (getBeatsPerBar());

    // The current bank is a view, and what analysis found is derived: neither is an edit.
    if ((tree.hasType (IDs::SET) && property == IDs::currentBank) || writingDerivedValues)
        triggerAsyncUpdate();
    else
        setChanged();
}

void Session::setChanged()
{
    ++changeCount;
    triggerAsyncUpdate();
}

void Session::publishNow()
{
    cancelPendingUpdate();
    materials.takeFinishedPrimes();
    materials.getStretches().setCurrentBank (getCurrentBank(), getPadsPerBank());

    auto snapshot = SnapshotCompiler::compile (set, materials.getMaterial(), midiMapping);
    snapshot->engineBankChangesSeen = engineBankChangesSeen;
    engine.publish (std::move (snapshot));
}

// A hit goes to the engine at once, while an edit reaches it with the next snapshot, published
// asynchronously: an edit still waiting is published first, so a hit always plays by what was
// set before it (the quantize just chosen, the tempo just typed).
void Session::press (int index, float velocity)
{
    handleUpdateNowIfNeeded();
    engine.send (EngineCommand::press (index, velocity));
}

void Session::release (int index)
{
    handleUpdateNowIfNeeded();
    engine.send (EngineCommand::release (index));
}

void Session::preview (int index, float velocity)
{
    handleUpdateNowIfNeeded();
    engine.send (EngineCommand::preview (index, velocity));
}

void Session::releasePreview (int index)
{
    handleUpdateNowIfNeeded();
    engine.send (EngineCommand::releasePreview (index));
}

void Session::holdPreview (bool held) { engine.send (EngineCommand::holdPreview (held)); }

void Session::setSetProperty (const juce::Identifier& property, const juce::var& value,
                              const juce::String& what, const juce::String& continuingKey)
{
    if (!set.hasProperty (property) || set[property] != value)
        set.setProperty (property, value, edit (what, continuingKey));
}

void Session::stopAll()
{
    handleUpdateNowIfNeeded();
    engine.send (EngineCommand::stopEverything());
}

void Session::setMasterGainDb (double db)
{
    db = juce::jlimit (-100.0, 6.0, db);
    if (db != getMasterGainDb())
        set.setProperty (IDs::masterGainDb, db, edit ("Master fader", "masterGain"));
}

double Session::getMasterGainDb() const { return set[IDs::masterGainDb]; }

//==============================================================================
static juce::Result checkTempo (double bpm)
{
    if (bpm >= PadSettings::minBpm && bpm <= PadSettings::maxBpm)
        return juce::Result::ok();
    return juce::Result::fail (juce::String (bpm, 2) + " BPM is outside the tempo range (20–300 BPM).");
}

static double twoDecimals (double bpm) { return std::round (bpm * 100.0) / 100.0; }

double Session::getMasterTempo() const { return set.getProperty (IDs::tempoBpm, SetFile::defaultTempoBpm); }

juce::Result Session::setMasterTempo (double bpm)
{
    bpm = twoDecimals (bpm);
    if (auto r = checkTempo (bpm); r.failed())
        return r;
    if (bpm != getMasterTempo())
        set.setProperty (IDs::tempoBpm, bpm, edit ("Master tempo", "masterTempo"));
    return juce::Result::ok();
}

void Session::tapMasterTempo()
{
    if (const auto bpm = masterTaps.tap (juce::Time::getMillisecondCounterHiRes()))
        setMasterTempo (juce::jlimit (PadSettings::minBpm, PadSettings::maxBpm, *bpm));
}

void Session::nudge (int direction) { engine.send (EngineCommand::nudge (juce::jlimit (-1, 1, direction))); }

juce::Result Session::takePadTempo (int padIndex)
{
    const auto settings = getPadSettings (padIndex);
    if (!settings.hasTempo())
        return juce::Result::fail ("This pad has no tempo to take.");
    // Exact, not rounded: a loop's tempo comes from its length, and the master plays it unstretched.
    if (settings.bpm != getMasterTempo())
        set.setProperty (IDs::tempoBpm, settings.bpm, edit ("Take the tempo of " + padName (padIndex)));
    return juce::Result::ok();
}

int Session::getBeatsPerBar() const
{
    return set.getProperty (IDs::beatsPerBar, SetFile::defaultBeatsPerBar);
}

void Session::setBeatsPerBar (int beats)
{
    beats = juce::jlimit (1, 16, beats);
    if (beats != getBeatsPerBar())
        set.setProperty (IDs::beatsPerBar, beats, edit ("Beats per bar"));
}

Quantize Session::getGlobalQuantize() const
{
    Quantize q = Quantize::bar;
    QuantizeGrid::parse (set[IDs::quantize].toString(), q);
    return q;
}

void Session::setGlobalQuantize (Quantize quantize)
{
    if (quantize != getGlobalQuantize())
        set.setProperty (IDs::quantize, QuantizeGrid::toString (quantize), edit ("Quantize"));
}

bool Session::isMetronomeOn() const { return set.getProperty (IDs::metronome, false); }

void Session::setMetronome (bool on)
{
    if (on != isMetronomeOn())
        set.setProperty (IDs::metronome, on, edit (on ? "Metronome on" : "Metronome off"));
}

juce::Result Session::setPadTempo (int padIndex, double bpm, const juce::String& source)
{
    auto pad = getPad (padIndex);
    if (!pad.isValid())
        return juce::Result::fail ("There is no such pad.");
    if (bpm != 0.0)
    {
        bpm = twoDecimals (bpm);
        if (auto r = checkTempo (bpm); r.failed())
            return r;
        bpm = snapToLength (padIndex, bpm); // near a whole number of beats: exactly that many
    }
    const auto newSource = bpm == 0.0 ? juce::String() : source;
    if (pad.hasProperty (IDs::bpm) && (double) pad[IDs::bpm] == bpm
        && pad[IDs::bpmSource].toString() == newSource)
        return juce::Result::ok();
    auto* undo = edit ("Tempo " + padName (padIndex), "padTempo" + juce::String (padIndex));
    pad.setProperty (IDs::bpm, bpm, undo);
    pad.setProperty (IDs::bpmSource, newSource, undo);
    return juce::Result::ok();
}

double Session::snapToLength (int padIndex, double bpm) const
{
    const auto& sample = getPadStatus (padIndex).sample;
    if (sample == nullptr)
        return bpm;
    const auto snap = SnapshotCompiler::snapLoop (*sample, getPadSettings (padIndex), bpm);
    return snap.snapped ? snap.bpm : bpm;
}

int Session::getPadLengthInBeats (int padIndex) const
{
    const auto settings = getPadSettings (padIndex);
    const auto& sample = getPadStatus (padIndex).sample;
    if (sample == nullptr || !settings.hasTempo())
        return 0;
    const auto snap = SnapshotCompiler::snapLoop (*sample, settings, settings.bpm);
    return snap.snapped ? snap.beats : 0;
}

void Session::takeAnalysedTempo (int padIndex, const TempoAnalysis& analysis)
{
    auto pad = getPad (padIndex);
    const auto& sample = getPadStatus (padIndex).sample;
    if (!pad.isValid() || sample == nullptr || getPadSettings (padIndex).bpm != PadSettings::unknownBpm)
        return; // the set already knows this pad's tempo (found before, or typed): it stands

    // The file's tag, else its name, else the audio; a loop near a whole number of beats is that
    // many beats exactly, and plays in sync by default; its beat 0 is its start.
    const auto settings = getPadSettings (padIndex);
    auto bpm = analysis.chosenBpm();
    juce::int64 downbeat = 0;
    bool loop = false;
    if (bpm > 0.0)
    {
        const auto snap = SnapshotCompiler::snapLoop (*sample, settings, bpm);
        loop = snap.snapped;
        if (loop)
            bpm = snap.bpm;
        else if (analysis.downbeatSeconds >= 0.0)
            downbeat = (juce::int64) std::llround (analysis.downbeatSeconds * sample->getFileSampleRate());
    }

    const juce::ScopedValueSetter<bool> derived (writingDerivedValues, true);
    pad.setProperty (IDs::bpm, bpm, nullptr);
    pad.setProperty (IDs::bpmSource, bpm > 0.0 ? analysis.chosenSource() : juce::String(), nullptr);
    pad.setProperty (IDs::downbeat, downbeat, nullptr);
    pad.setProperty (IDs::sync, loop, nullptr);
}

void Session::tapPadTempo (int padIndex)
{
    if (padIndex != tappedPad)
        padTaps.reset();
    tappedPad = padIndex;
    if (const auto bpm = padTaps.tap (juce::Time::getMillisecondCounterHiRes()))
        setPadTempo (padIndex, juce::jlimit (PadSettings::minBpm, PadSettings::maxBpm, *bpm), "tapped");
}

void Session::setEngineSampleRate (double rate)
{
    if (rate <= 0.0 || rate == materials.getEngineRate())
        return;

    materials.setEngineRate (rate);
    for (int i = 0; i < getNumPads(); ++i)
        materials.reload (i);
    publishNow();
    sendChangeMessage();
}

void Session::checkStreams()
{
    if (materials.checkStreams())
        sendChangeMessage();
}

} // namespace paddeck
