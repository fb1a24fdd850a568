#pragma once

#include "Control/PadStretches.h"
#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Streaming/SampleLoader.h"
#include "Tempo/TempoAnalysis.h"

#include <juce_events/juce_events.h>

#include <mutex>

namespace paddeck
{

/** What the session has made of each pad's file: the loaded sample, the pad's state and error,
    its KeyLock prime and its rendered stretch (PadStretches). Loads, primes and renders run on
    background threads; their results are taken in on the message thread, and a newer request for
    a pad always wins over an older one.
    [message] unless noted. */
class PadMaterials
{
public:
    enum class PadState
    {
        empty,
        loading,
        loaded,
        missing, // the set names a file that is not there (relink it)
        error,
    };

    struct PadStatus
    {
        PadState state = PadState::empty;
        juce::String message; // the error, for missing/error
        Sample::Ptr sample;
        std::shared_ptr<const KeyLockPrime> keyLockPrime; // KeyLock pads, once rendered

        // What the file's tempo analysis found (shown beside the pad's tempo); filled in the
        // background after the pad became playable.
        bool analysingTempo = false;
        double detectedBpm = 0.0;     // from the audio; 0 = none found
        double taggedBpm = 0.0;       // written in the file (metadata) or its name; 0 = none
        juce::String taggedSource;    // "WAV acid chunk", "ID3 TBPM", "file name", ...
        juce::StringArray tempoNotes; // e.g. a tag out of range that was ignored
    };

    /** Called on the message thread when a pad's file has been analysed (after its load). */
    std::function<void (int index, const TempoAnalysis&)> onTempoAnalysed;

    /** `settingsOf` gives a pad's settings as the set has them now; `republish` is triggered (from
        any thread) whenever the engine's snapshot should be compiled again; `statusChanged` runs on
        the message thread when a pad's state changed. */
    PadMaterials (AudioEngine& engine, SampleLoader& loader, std::function<PadSettings (int)> settingsOf,
                  juce::AsyncUpdater& republish, std::function<void()> statusChanged);
    ~PadMaterials();

    /** Forgets every pad (their loads are ignored when they finish) and makes room for numPads. */
    void reset (int numPads);
    int size() const noexcept { return (int) statuses.size(); }

    /** Loads the pad's file (or empties the pad); its prime follows once it is loaded. */
    void reload (int index);

    /** A KeyLock pad's pitch, mode, tempo or engine changed: makes its pitched start again, and
        asks for its rendered stretch once the change has settled. */
    void remakePrime (int index);

    /** Starts rendering settled stretches into this cache, beginning with the pads loaded now. */
    void enableStretches (const StretchJobs::Options& options);
    PadStretches& getStretches() noexcept { return stretches; }
    const PadStretches& getStretches() const noexcept { return stretches; }

    const PadStatus& get (int index) const;
    juce::Array<int> getMissingPads() const;

    /** Takes in the primes made since the last call and frees retired ones nobody plays. */
    void takeFinishedPrimes();

    /** What the snapshot compiler needs, pad by pad. */
    std::vector<SnapshotCompiler::PadMaterial> getMaterial() const;

    /** A synced KeyLock pad's prime is made at its time ratio under this tempo: a change remakes
        them (the caller does). */
    void setMasterTempo (double bpm) noexcept { masterBpm = bpm; }
    /** Where tempo analysis looks for the downbeat: the bar's length. */
    void setBeatsPerBar (int beats) noexcept { beatsPerBar = beats; }

    /** RAM samples are converted to the engine rate: a change reloads them (the caller does). */
    void setEngineRate (double rate);
    double getEngineRate() const noexcept { return engineRate; }

    /** Marks pads whose streamed file was deleted or changed while it played; true if any. */
    bool checkStreams();

    /** True when no pad is loading, being analysed, or having a KeyLock prime made. */
    bool isIdle() const;

private:
    void retirePrime (PadStatus& status);
    /** Gives the pad the RAM sample another pad already plays of the same file; false if none. */
    bool shareLoadedSample (int index, juce::uint64 ticket, const juce::File& file);
    void updateStretch (int index, const PadSettings& settings);
    void analyseTempo (int index, juce::uint64 ticket, const juce::File& file);

    struct FinishedPrime
    {
        int index;
        juce::uint64 ticket;
        std::shared_ptr<const KeyLockPrime> prime;
    };

    AudioEngine& engine;
    SampleLoader& loader;
    std::function<PadSettings (int)> settingsOf;
    juce::AsyncUpdater& republish;
    std::function<void()> statusChanged;

    std::vector<PadStatus> statuses;
    std::vector<juce::uint64> loadTickets;  // newest request per pad; older results are ignored
    std::vector<juce::uint64> primeTickets; // likewise for KeyLock primes
    // The size and time of each pad's file when it was loaded: a pad shares another's sample only
    // while the file on disk is the one that was decoded.
    using FileVersion = std::pair<juce::int64, juce::int64>;
    static FileVersion versionOf (const juce::File& f)
    {
        return { f.getSize(), f.getLastModificationTime().toMilliseconds() };
    }
    std::vector<FileVersion> loadedVersions;
    juce::uint64 nextTicket = 1;
    double engineRate = 48000.0, masterBpm = 120.0;
    int primesInFlight = 0, analysesInFlight = 0, beatsPerBar = 4;
    std::shared_ptr<bool> lifetime = std::make_shared<bool> (true); // callbacks after destruction check it

    PadStretches stretches;

    std::mutex finishedLock; // [prime worker, message]
    std::vector<FinishedPrime> finishedPrimes;
    juce::ThreadPool primeMaker{ 1 }; // last: destroyed (and waited for) first
    // Tempo analysis decodes whole files: its own low-priority thread, so it never delays a load
    // or a prime. Destroyed (and waited for) before everything it reports to.
    juce::ThreadPool analyser{ 1, 0, juce::Thread::Priority::low };
};

} // namespace paddeck
