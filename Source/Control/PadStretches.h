#pragma once

#include "Engine/AudioEngine.h"
#include "Stretch/StretchJobs.h"

#include <juce_events/juce_events.h>

namespace paddeck
{

/** The rendered stretches of the session's KeyLock pads. When a pad's stretch (its pitch, and
    synced, its tempo under the master's) has stayed put for settleMs, a StretchJobs job renders
    it — playing pads first, then the current bank, then the rest — and the pad's next snapshot
    carries the render, which its voices switch to. A pad keeps its last render until a new one
    lands, so a knob moved away and back finds it again at once; the engine plays a render only
    when it fits the pad's pitch and tempo exactly.

    Off until enable() (the app enables it; tests that want renders do too): `--render` stays
    deterministic and no test writes into the user's cache by accident.

    [message] only, except the rank (asked on the jobs' threads, from atomics). */
class PadStretches : private juce::Timer
{
public:
    static constexpr int settleMs = 300;

    PadStretches (AudioEngine& engine, std::function<void()> republish, std::function<void()> statusChanged);
    ~PadStretches() override;

    /** Starts the job threads with this cache (folder, size limit) and engine rate. */
    void enable (const StretchJobs::Options& options);
    bool isEnabled() const noexcept { return jobs != nullptr; }

    /** Forgets every pad's render and job, and makes room for numPads. */
    void reset (int numPads);

    /** The pad's stretch may have changed (file, pitch, mode, tempo, sync, master tempo): asks for
        its render once it has settled. loopBeats: as the snapshot's (see SnapshotCompiler). */
    void update (int index, const PadSettings& settings, const Sample::Ptr& sample, double masterBpm,
                 int loopBeats, double engineRate);

    /** What the pad's snapshot carries: its latest render, or null. */
    RenderedStretch::Ptr get (int index) const;
    /** 0…1 while the pad's render is queued or being made; negative otherwise. */
    float getProgress (int index) const;
    /** A problem with the pad's render (e.g. the cache is full or can't be written); empty if none. */
    juce::String getMessage (int index) const;

    /** Which pads the performer sees: ranked after the playing ones. */
    void setCurrentBank (int bank, int padsPerBank) noexcept;

    /** True when no render is waiting to settle, queued or running. */
    bool isIdle() const;

    StretchJobs* getJobs() noexcept { return jobs.get(); }
    /** The renders' cache, to size or clear it; null until enable(). */
    StretchCache* getCache() noexcept { return jobs != nullptr ? &jobs->getCache() : nullptr; }

private:
    struct Pad
    {
        RenderedStretch::Ptr stretch;       // latest render taken in
        const Sample* source = nullptr;     // the sample it was rendered from
        std::optional<StretchRequest> want; // what the pad plays at now (none: nothing to render)
        juce::String rendered;              // describe() of the render held, or of the job asked for
        juce::String message;
        juce::uint32 dueMs = 0; // when `want` has settled
        bool waiting = false;   // `want` waits to settle
        juce::int64 startFrame = 0;
    };

    void timerCallback() override;
    void submit (int index);
    void retire (RenderedStretch::Ptr stretch);
    int rankOf (int pad) const noexcept; // [any]

    AudioEngine& engine;
    std::function<void()> republish, statusChanged;
    std::vector<Pad> pads;
    std::atomic<int> currentBank{ 0 }, padsPerBank{ 16 };

    // A replaced render may still be played by a voice: kept until no snapshot or voice has it.
    std::vector<RenderedStretch::Ptr> retired;
    std::unique_ptr<StretchJobs> jobs; // last: its threads stop first
};

} // namespace paddeck
