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

    materials.reset (getNumPads());
    for (int i = 0; i < getNumPads(); ++i)
        materials.reload (i);

    savedChangeCount = ++changeCount; // a new set: the autosaver sees a change, the set is clean
    publishNow();
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
    if (!hasMidiMapping())
        setMidiMapping (midiMapping); // the mapping it was played with goes with it

    const auto result = SetFile::save (set, file);
    if (result.wasOk())
    {
        setFile = file;
        savedChangeCount = changeCount;
        sendChangeMessage();
    }
    return result;
}

Session::CollectResult Session::saveSetCollectingSamples (const juce::File& file)
{
    CollectResult collected;
    collected.folder = file.getSiblingFile (file.getFileNameWithoutExtension() + " Samples");
    if (!hasMidiMapping())
        setMidiMapping (midiMapping);

    auto copy = set.createCopy();
    collected.report = SampleCollector::collect (copy, collected.folder);
    collected.result = SetFile::save (copy, file);
    if (collected.result.failed())
        return collected; // the live set still points at the originals

    // The pads play the copies from now on (changing a pad's file reloads it).
    for (int b = 0; b < copy.getNumChildren(); ++b)
        for (int p = 0; p < copy.getChild (b).getNumChildren(); ++p)
            set.getChild (b).getChild (p).setProperty (IDs::file, copy.getChild (b).getChild (p)[IDs::file],
                                                       nullptr);
    setFile = file;
    savedChangeCount = changeCount;
    sendChangeMessage();
    return collected;
}

int Session::relinkMissing (int padIndex, const juce::File& replacement)
{
    if (getPadStatus (padIndex).state != PadState::missing || !replacement.existsAsFile())
        return 0;

    MovedFileFinder finder (juce::File (getPadSettings (padIndex).file), replacement);
    getPad (padIndex).setProperty (IDs::file, replacement.getFullPathName(), nullptr);

    int relinked = 1;
    for (auto other : getMissingPads())
        if (const auto found = finder.find (juce::File (getPadSettings (other).file)); found != juce::File())
        {
            getPad (other).setProperty (IDs::file, found.getFullPathName(), nullptr);
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

    auto resized = SetFile::createEmptySet (set.getNumChildren(), rows, columns);
    resized.copyPropertiesFrom (set, nullptr);
    resized.setProperty (IDs::gridRows, rows, nullptr).setProperty (IDs::gridColumns, columns, nullptr);
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

    setSet (resized, setFile);
    markUnsaved();
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

int Session::indexOfPadTree (const juce::ValueTree& pad) const
{
    const auto bank = pad.getParent();
    const int b = set.indexOf (bank);
    return b < 0 ? -1 : globalIndex (b, bank.indexOf (pad));
}

void Session::setPadSettings (int index, const PadSettings& settings)
{
    if (auto pad = getPad (index); pad.isValid())
        pad.copyPropertiesFrom (settings.toValueTree(), nullptr);
}

void Session::loadIntoPad (int index, const juce::File& file)
{
    auto pad = getPad (index);
    if (!pad.isValid())
        return;

    // Another file: its tempo is found again once it has loaded (a relinked or collected file is
    // the same audio, and keeps the tempo the performer may have typed).
    const auto path = file == juce::File() ? juce::String() : file.getFullPathName();
    if (pad[IDs::file].toString() != path)
    {
        pad.removeProperty (IDs::bpm, nullptr);
        pad.removeProperty (IDs::bpmSource, nullptr);
        pad.removeProperty (IDs::downbeat, nullptr);
        pad.setProperty (IDs::sync, false, nullptr);
    }
    pad.setProperty (IDs::name, file.getFileNameWithoutExtension(), nullptr);
    pad.setProperty (IDs::file, file == juce::File() ? juce::String() : file.getFullPathName(), nullptr);
}

juce::StringArray Session::loadIntoPads (int firstIndex, juce::Array<juce::File> files)
{
    juce::Array<juce::File> expanded;
    for (auto& f : files)
    {
        if (f.isDirectory())
            expanded.addArray (f.findChildFiles (juce::File::findFiles, false));
        else
            expanded.add (f);
    }

    struct ByName
    {
        static int compareElements (const juce::File& a, const juce::File& b)
        {
            return a.getFileName().compareNatural (b.getFileName());
        }
    } byName;
    expanded.sort (byName);

    juce::StringArray skipped;
    int index = firstIndex;
    for (auto& f : expanded)
    {
        if (AudioFileOpener::formats().findFormatForFileExtension (f.getFileExtension()) == nullptr)
        {
            skipped.add (f.getFileName());
            continue;
        }
        if (index >= getNumPads())
        {
            skipped.add (f.getFileName() + " (no pads left)");
            continue;
        }
        loadIntoPad (index++, f);
    }
    return skipped;
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

void Session::setMidiMapping (const MidiMapping& mapping)
{
    set.setProperty (IDs::midiMapping, mapping.toJson(), nullptr);
}

void Session::setEngineBankChangesSeen (juce::uint32 count)
{
    engineBankChangesSeen = count;
    triggerAsyncUpdate();
}

void Session::valueTreePropertyChanged (juce::ValueTree& tree, const juce::Identifier& property)
{
    if (tree == set && property == IDs::midiMapping)
        readMidiMapping();

    if (tree.hasType (IDs::PAD)
        && (property == IDs::file || property == IDs::startFrame || property == IDs::loopStart
            || property == IDs::loopEnd))
    {
        materials.reload (indexOfPadTree (tree));
        sendChangeMessage();
    }
    else if (tree.hasType (IDs::PAD)
             && (property == IDs::semitones || property == IDs::cents || property == IDs::pitchMode
                 || property == IDs::bpm || property == IDs::sync || property == IDs::downbeat))
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

void Session::press (int index, float velocity) { engine.send (EngineCommand::press (index, velocity)); }

void Session::release (int index) { engine.send (EngineCommand::release (index)); }

void Session::stopAll() { engine.send (EngineCommand::stopEverything()); }

void Session::setMasterGainDb (double db)
{
    set.setProperty (IDs::masterGainDb, juce::jlimit (-100.0, 6.0, db), nullptr);
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
    set.setProperty (IDs::tempoBpm, bpm, nullptr);
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
    set.setProperty (IDs::tempoBpm, settings.bpm, nullptr);
    return juce::Result::ok();
}

int Session::getBeatsPerBar() const
{
    return set.getProperty (IDs::beatsPerBar, SetFile::defaultBeatsPerBar);
}

void Session::setBeatsPerBar (int beats)
{
    set.setProperty (IDs::beatsPerBar, juce::jlimit (1, 16, beats), nullptr);
}

Quantize Session::getGlobalQuantize() const
{
    Quantize q = Quantize::bar;
    QuantizeGrid::parse (set[IDs::quantize].toString(), q);
    return q;
}

void Session::setGlobalQuantize (Quantize quantize)
{
    set.setProperty (IDs::quantize, QuantizeGrid::toString (quantize), nullptr);
}

bool Session::isMetronomeOn() const { return set.getProperty (IDs::metronome, false); }

void Session::setMetronome (bool on) { set.setProperty (IDs::metronome, on, nullptr); }

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
    pad.setProperty (IDs::bpm, bpm, nullptr);
    pad.setProperty (IDs::bpmSource, bpm == 0.0 ? juce::String() : source, nullptr);
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
