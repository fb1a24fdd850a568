#pragma once

#include "Stretch/ContentHash.h"
#include "Stretch/RenderedStretch.h"
#include "Stretch/StretchCache.h"
#include "Stretch/StretchRequest.h"

#include <condition_variable>
#include <functional>
#include <thread>

namespace paddeck
{

/** Renders pads' settled stretches in the background, at the lowest priority the system has
    (SCHED_IDLE, idle I/O class): they take only what the audio path, loading and the UI leave
    free, so a job never delays any of them. The pad ranked first goes first (the session ranks
    playing pads, then the current bank, then the rest), asked again each time a thread is free.

    A job looks its render up in the cache (keyed by the file's content hash and the request);
    if it's not there, renders it (OfflineStretcher) into the cache. A render that fits the RAM
    threshold is played from RAM, a longer one streams from its cache file like any long sample.
    When the cache can't be written, a short render still plays from RAM and a long one fails with
    the reason (the pad stays on the realtime stretch).

    submit / cancel / getProgress: [message] (getProgress: [any]). Results arrive on the message
    thread. */
class StretchJobs
{
public:
    struct Options
    {
        juce::File cacheFolder = StretchCache::defaultFolder();
        juce::int64 cacheBytes = StretchCache::defaultMaxBytes;
        double engineRate = 48000.0;
        juce::int64 ramThresholdBytes = 32 * 1024 * 1024; // as the loader's stream threshold
        double primeSeconds = 1.5; // RAM kept at a streamed render's start and loop start
        int numThreads = 0;        // 0: one per core
    };

    struct Result
    {
        RenderedStretch::Ptr stretch; // null when it failed or was cancelled
        juce::String message;         // what went wrong, for the pad (also with a stretch: a cache problem)
        bool fromCache = false;
    };

    using Done = std::function<void (const Result&)>;
    /** [job thread] A pad's place in the queue: lower goes first. */
    using Rank = std::function<int (int pad)>;

    StretchJobs (const Options& options, Rank rank);
    /** Cancels every job and waits for the threads. */
    ~StretchJobs();

    /** Renders the request for the pad (startFrame: the pad's start, in file frames, primed in
        RAM when the render streams); a job the pad had queued or running is cancelled. */
    void submit (int pad, const StretchRequest& request, juce::int64 startFrame, Done done);
    void cancel (int pad);
    void cancelAll();

    /** 0…1 while the pad's job is queued or running; negative when it has none. [any] */
    float getProgress (int pad) const;
    bool isIdle() const;

    StretchCache& getCache() noexcept { return *cache; }
    const Options& getOptions() const noexcept { return options; }
    void setEngineRate (double rate);

    /** Test hook: while paused, no job starts (queued ones wait). */
    void setPausedForTesting (bool shouldPause);

    /** Renders made and renders found in the cache since construction. [any] */
    int getRendersMade() const noexcept { return rendersMade.load(); }
    int getCacheHits() const noexcept { return cacheHits.load(); }

private:
    struct Job
    {
        int pad = -1;
        juce::uint64 order = 0;
        StretchRequest request;
        juce::int64 startFrame = 0;
        Done done;
        std::atomic<bool> cancelled{ false };
        std::atomic<float> progress{ 0.0f };
    };

    void runThread();
    Result run (Job& job);
    /** The key's render from the cache, pinned while a pad holds it; no stretch when it's not there. */
    Result load (const Job& job, const OfflineStretcher::Layout& layout, const juce::String& key) const;
    RenderedStretch::Ptr makeStretch (const Job& job, Sample::Ptr sample,
                                      const OfflineStretcher::Layout& layout) const;

    Options options;
    const Rank rank;
    std::shared_ptr<StretchCache> cache; // shared: a render unpins its entry when the last pad lets go of it
    ContentHash hashes;

    mutable std::mutex lock;
    std::condition_variable wake;
    std::vector<std::shared_ptr<Job>> queued, running;
    juce::uint64 nextOrder = 1;
    bool quit = false, paused = false;
    std::atomic<int> rendersMade{ 0 }, cacheHits{ 0 };
    std::shared_ptr<bool> lifetime = std::make_shared<bool> (true);
    std::vector<std::thread> threads; // last: joined first
};

} // namespace paddeck
