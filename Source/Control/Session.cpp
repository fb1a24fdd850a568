#include "Control/Session.h"

#include "Control/SnapshotCompiler.h"
#include "Model/Identifiers.h"
#include "Model/MovedFileFinder.h"
#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

Session::Session (AudioEngine& e, SampleLoader& l)
    : engine (e)
    , loader (l)
{
    setSet (SetFile::createEmptySet());
}

Session::~Session()
{
    set.removeListener (this);
    loader.cancelAll();
    primeMaker.removeAllJobs (true, 10000);
}

void Session::setSet (juce::ValueTree newSet, const juce::File& newSetFile)
{
    set.removeListener (this);
    set = std::move (newSet);
    setFile = newSetFile;
    set.addListener (this);
    readMidiMapping();

    statuses.assign ((size_t) getNumPads(), {});
    loadTickets.assign ((size_t) getNumPads(), 0);
    primeTickets.assign ((size_t) getNumPads(), 0);
    for (int i = 0; i < getNumPads(); ++i)
        reloadPad (i);

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

juce::Array<int> Session::getMissingPads() const
{
    juce::Array<int> missing;
    for (int i = 0; i < (int) statuses.size(); ++i)
        if (statuses[(size_t) i].state == PadState::missing)
            missing.add (i);
    return missing;
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

const Session::PadStatus& Session::getPadStatus (int index) const
{
    static const PadStatus none;
    return juce::isPositiveAndBelow (index, (int) statuses.size()) ? statuses[(size_t) index] : none;
}

void Session::loadIntoPad (int index, const juce::File& file)
{
    auto pad = getPad (index);
    if (!pad.isValid())
        return;

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

void Session::reloadPad (int index)
{
    if (!juce::isPositiveAndBelow (index, (int) statuses.size()))
        return;

    auto& status = statuses[(size_t) index];
    const auto settings = getPadSettings (index);
    const auto ticket = loadTickets[(size_t) index] = nextTicket++;
    retirePrime (status);
    status = {};

    if (settings.file.isEmpty())
        return;

    const juce::File file (settings.file);
    if (!file.existsAsFile())
    {
        status.state = PadState::missing;
        status.message = "Missing: " + file.getFullPathName();
        return;
    }

    status.state = PadState::loading;
    const PlaybackRegion region{ settings.startFrame, settings.loopStart, settings.loopEnd };

    loader.load (file, region,
                 [this, index, ticket] (const LoadResult& result)
                 {
                     if (!juce::isPositiveAndBelow (index, (int) statuses.size())
                         || loadTickets[(size_t) index] != ticket)
                         return; // the pad was given something else meanwhile

                     auto& s = statuses[(size_t) index];
                     s.sample = result.sample;
                     s.state = result.wasOk() ? PadState::loaded : PadState::error;
                     s.message = result.message;
                     if (!result.wasOk())
                         juce::Logger::writeToLog ("Pad " + juce::String (index + 1) + ": " + result.message);
                     if (result.wasOk())
                         engine.keepSample (result.sample);
                     remakePrime (index);
                     triggerAsyncUpdate();
                     sendChangeMessage();
                 });
}

void Session::retirePrime (PadStatus& status)
{
    // A voice started just before this may still read the old prime: keep it a few seconds.
    if (status.keyLockPrime != nullptr)
        retiredPrimes.push_back ({ juce::Time::getMillisecondCounter(), std::move (status.keyLockPrime) });
    status.keyLockPrime = nullptr;
}

void Session::remakePrime (int index)
{
    if (!juce::isPositiveAndBelow (index, (int) statuses.size()))
        return;

    auto& status = statuses[(size_t) index];
    const auto settings = getPadSettings (index);
    const auto ticket = primeTickets[(size_t) index] = nextTicket++;

    retirePrime (status);

    if (settings.pitchMode != PitchMode::keyLock || status.sample == nullptr)
        return;

    ++primesInFlight;
    const auto& poolSettings = engine.getKeyLockPool().getSettings();
    primeMaker.addJob (
        [this, index, ticket, sample = status.sample, settings, rate = engineRate,
         keyLockEngine = poolSettings.engine]
        {
            auto prime = SnapshotCompiler::makeKeyLockPrime (*sample, settings, rate, keyLockEngine);
            const std::lock_guard<std::mutex> lock (finishedLock);
            finishedPrimes.push_back ({ index, ticket, std::move (prime) });
            triggerAsyncUpdate();
        });
}

void Session::installFinishedPrimes()
{
    std::vector<FinishedPrime> finished;
    {
        const std::lock_guard<std::mutex> lock (finishedLock);
        finished.swap (finishedPrimes);
    }

    for (auto& f : finished)
    {
        --primesInFlight;
        if (juce::isPositiveAndBelow (f.index, (int) statuses.size())
            && primeTickets[(size_t) f.index] == f.ticket)
            statuses[(size_t) f.index].keyLockPrime = std::move (f.prime);
    }

    const auto now = juce::Time::getMillisecondCounter();
    retiredPrimes.erase (std::remove_if (retiredPrimes.begin(), retiredPrimes.end(),
                                         [now] (const auto& r)
                                         { return now - r.first > 3000 && r.second.use_count() == 1; }),
                         retiredPrimes.end());
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
        reloadPad (indexOfPadTree (tree));
        sendChangeMessage();
    }
    else if (tree.hasType (IDs::PAD)
             && (property == IDs::semitones || property == IDs::cents || property == IDs::pitchMode))
    {
        remakePrime (indexOfPadTree (tree));
    }

    if (tree.hasType (IDs::SET) && property == IDs::currentBank)
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
    installFinishedPrimes();

    std::vector<SnapshotCompiler::PadMaterial> material;
    material.reserve (statuses.size());
    for (auto& s : statuses)
        material.push_back ({ s.sample, s.keyLockPrime });

    auto snapshot = SnapshotCompiler::compile (set, material, midiMapping);
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

void Session::setEngineSampleRate (double rate)
{
    if (rate <= 0.0 || rate == engineRate)
        return;

    engineRate = rate;
    auto options = loader.getOptions();
    options.engineRate = rate;
    loader.setOptions (options);
    for (int i = 0; i < getNumPads(); ++i)
        reloadPad (i);
    publishNow();
    sendChangeMessage();
}

void Session::checkStreams()
{
    for (size_t i = 0; i < statuses.size(); ++i)
    {
        auto& s = statuses[i];
        if (s.state == PadState::loaded && s.sample != nullptr && s.sample->hasStreamError())
        {
            s.state = PadState::error;
            s.message = s.sample->getFile().getFileName() + " was deleted or changed while it streamed.";
            juce::Logger::writeToLog ("Pad " + juce::String ((int) i + 1) + ": " + s.message);
            sendChangeMessage();
        }
    }
}

bool Session::isIdle() const
{
    if (primesInFlight > 0)
        return false;
    for (auto& s : statuses)
        if (s.state == PadState::loading)
            return false;
    return true;
}

} // namespace paddeck
