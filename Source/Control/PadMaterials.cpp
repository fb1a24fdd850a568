#include "Control/PadMaterials.h"

#include "Tempo/TempoDetector.h"

namespace paddeck
{

PadMaterials::PadMaterials (AudioEngine& e, SampleLoader& l, std::function<PadSettings (int)> settings,
                            juce::AsyncUpdater& r, std::function<void()> changed)
    : engine (e)
    , loader (l)
    , settingsOf (std::move (settings))
    , republish (r)
    , statusChanged (std::move (changed))
    , stretches (
          e, [this] { republish.triggerAsyncUpdate(); }, [this] { statusChanged(); })
{
}

PadMaterials::~PadMaterials()
{
    loader.cancelAll();
    analyser.removeAllJobs (true, 30000);
    primeMaker.removeAllJobs (true, 10000);
}

void PadMaterials::reset (int numPads)
{
    for (auto& s : statuses)
        retirePrime (s);
    statuses.assign ((size_t) numPads, {});
    stretches.reset (numPads);
    // Tickets only grow, so a load still running for the old set is ignored when it lands.
    loadTickets.assign ((size_t) numPads, 0);
    loadedVersions.assign ((size_t) numPads, {});
    primeTickets.assign ((size_t) numPads, 0);
}

const PadMaterials::PadStatus& PadMaterials::get (int index) const
{
    static const PadStatus none;
    return juce::isPositiveAndBelow (index, (int) statuses.size()) ? statuses[(size_t) index] : none;
}

juce::Array<int> PadMaterials::getMissingPads() const
{
    juce::Array<int> missing;
    for (int i = 0; i < (int) statuses.size(); ++i)
        if (statuses[(size_t) i].state == PadState::missing)
            missing.add (i);
    return missing;
}

void PadMaterials::reload (int index)
{
    if (!juce::isPositiveAndBelow (index, (int) statuses.size()))
        return;

    const auto settings = settingsOf (index);
    auto& status = statuses[(size_t) index];
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

    if (shareLoadedSample (index, ticket, file))
        return;

    status.state = PadState::loading;
    const auto region = SnapshotCompiler::regionOf (settings);

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
                     if (result.wasOk())
                     {
                         loadedVersions[(size_t) index] = versionOf (result.sample->getFile());
                         engine.keepSample (result.sample);
                         analyseTempo (index, ticket, result.sample->getFile());
                     }
                     else
                         juce::Logger::writeToLog ("Pad " + juce::String (index + 1) + ": " + result.message);
                     remakePrime (index);
                     republish.triggerAsyncUpdate();
                     statusChanged();
                 });
}

bool PadMaterials::shareLoadedSample (int index, juce::uint64 ticket, const juce::File& file)
{
    // A RAM sample holds every frame of its file at the engine rate, whatever region a pad plays:
    // pads on the same file (slices of it) play one copy. A streamed one keeps in RAM only its own
    // region's first frames, so each pad loads its own (the header and those frames, not the file).
    for (size_t other = 0; other < statuses.size(); ++other)
    {
        const auto& o = statuses[other];
        if ((int) other == index || o.state != PadState::loaded || o.sample == nullptr
            || o.sample->isStreamed() || o.sample->getFile() != file
            || o.sample->getSampleRate() != engineRate || loadedVersions[other] != versionOf (file))
            continue;

        auto& status = statuses[(size_t) index];
        status.state = PadState::loaded;
        status.sample = o.sample;
        loadedVersions[(size_t) index] = loadedVersions[other];
        status.detectedBpm = o.detectedBpm;
        status.taggedBpm = o.taggedBpm;
        status.taggedSource = o.taggedSource;
        status.tempoNotes = o.tempoNotes;
        // A pad whose tempo is still to be found (a file just loaded) is told it as its load would be.
        if (o.analysingTempo || settingsOf (index).bpm == PadSettings::unknownBpm)
            analyseTempo (index, ticket, file);
        remakePrime (index);
        republish.triggerAsyncUpdate();
        statusChanged();
        return true;
    }
    return false;
}

void PadMaterials::analyseTempo (int index, juce::uint64 ticket, const juce::File& file)
{
    statuses[(size_t) index].analysingTempo = true;
    ++analysesInFlight;

    // The pad is already playable: its tempo follows when the whole file has been heard.
    analyser.addJob (
        [this, index, ticket, file, beatsPerBar = beatsPerBar]
        {
            auto analysis = TempoDetector::analyse (file, beatsPerBar);
            juce::MessageManager::callAsync (
                [this, index, ticket, analysis = std::move (analysis), alive = std::weak_ptr<bool> (lifetime)]
                {
                    if (alive.expired())
                        return;
                    --analysesInFlight;
                    if (!juce::isPositiveAndBelow (index, (int) statuses.size())
                        || loadTickets[(size_t) index] != ticket)
                        return; // the pad holds something else now

                    auto& s = statuses[(size_t) index];
                    s.analysingTempo = false;
                    s.detectedBpm = analysis.detectedBpm;
                    s.taggedBpm = analysis.metadataBpm > 0.0 ? analysis.metadataBpm : analysis.nameBpm;
                    s.taggedSource = analysis.metadataBpm > 0.0 ? analysis.metadataSource
                                     : analysis.nameBpm > 0.0   ? juce::String ("file name")
                                                                : juce::String();
                    s.tempoNotes = analysis.notes;
                    if (onTempoAnalysed)
                        onTempoAnalysed (index, analysis);
                    statusChanged();
                });
        });
}

void PadMaterials::retirePrime (PadStatus& status)
{
    // A voice started just before this may still read the old prime.
    engine.getKeyLockPool().retire (std::move (status.keyLockPrime));
    status.keyLockPrime = nullptr;
}

void PadMaterials::remakePrime (int index)
{
    if (!juce::isPositiveAndBelow (index, (int) statuses.size()))
        return;

    const auto settings = settingsOf (index);
    auto& status = statuses[(size_t) index];
    const auto ticket = primeTickets[(size_t) index] = nextTicket++;

    retirePrime (status);

    updateStretch (index, settings);

    if (settings.pitchMode != PitchMode::keyLock || status.sample == nullptr)
        return;

    ++primesInFlight;
    primeMaker.addJob (
        [this, index, ticket, sample = status.sample, settings, rate = engineRate, tempo = masterBpm,
         keyLockEngine = engine.getKeyLockPool().getSettings().engine]
        {
            auto prime = SnapshotCompiler::makeKeyLockPrime (*sample, settings, rate, keyLockEngine, tempo);
            const std::lock_guard<std::mutex> lock (finishedLock);
            finishedPrimes.push_back ({ index, ticket, std::move (prime) });
            republish.triggerAsyncUpdate();
        });
}

void PadMaterials::takeFinishedPrimes()
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

    engine.getKeyLockPool().freeRetiredPrimes();
}

void PadMaterials::updateStretch (int index, const PadSettings& settings)
{
    const auto& sample = statuses[(size_t) index].sample;
    const auto loopBeats = sample != nullptr && settings.hasTempo() && settings.shouldLoop()
                               ? SnapshotCompiler::snapLoop (*sample, settings, settings.bpm).beats
                               : 0;
    stretches.update (index, settings, sample, masterBpm, loopBeats, engineRate);
}

void PadMaterials::enableStretches (const StretchJobs::Options& options)
{
    auto o = options;
    o.engineRate = engineRate;
    o.ramThresholdBytes = loader.getOptions().streamThresholdBytes; // a render streams as a file would
    stretches.enable (o);
    stretches.reset ((int) statuses.size());
    for (int i = 0; i < (int) statuses.size(); ++i)
        updateStretch (i, settingsOf (i));
}

std::vector<SnapshotCompiler::PadMaterial> PadMaterials::getMaterial() const
{
    std::vector<SnapshotCompiler::PadMaterial> material;
    material.reserve (statuses.size());
    for (size_t i = 0; i < statuses.size(); ++i)
        material.push_back ({ statuses[i].sample, statuses[i].keyLockPrime, stretches.get ((int) i) });
    return material;
}

void PadMaterials::setEngineRate (double rate)
{
    engineRate = rate;
    if (auto* jobs = stretches.getJobs())
        jobs->setEngineRate (rate);
    auto options = loader.getOptions();
    options.engineRate = rate;
    loader.setOptions (options);
}

bool PadMaterials::checkStreams()
{
    bool changed = false;
    for (size_t i = 0; i < statuses.size(); ++i)
    {
        auto& s = statuses[i];
        if (s.state == PadState::loaded && s.sample != nullptr && s.sample->hasStreamError())
        {
            s.state = PadState::error;
            s.message = s.sample->getFile().getFileName() + " was deleted or changed while it streamed.";
            juce::Logger::writeToLog ("Pad " + juce::String ((int) i + 1) + ": " + s.message);
            changed = true;
        }
    }
    return changed;
}

bool PadMaterials::isIdle() const
{
    if (primesInFlight > 0 || analysesInFlight > 0)
        return false;
    for (auto& s : statuses)
        if (s.state == PadState::loading)
            return false;
    return true;
}

} // namespace paddeck
