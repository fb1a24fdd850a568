#pragma once

#include "Streaming/LoadResult.h"

#include <juce_events/juce_events.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace paddeck
{

/** Loads samples on a bounded pool of loader threads and calls back on the message thread.

    A callback gets a playable sample (a RAM sample fully decoded; a stream as soon as its header
    and RAM primes are ready, its overview following in the background) or an error with a message
    the UI can show. A cancelled request never calls back. [message] unless noted. */
class SampleLoader
{
public:
    using Callback = std::function<void (const LoadResult&)>;

    explicit SampleLoader (LoadOptions options = {}, int numThreads = 2);
    /** Cancels everything and waits for the loader threads. */
    ~SampleLoader();

    void setOptions (const LoadOptions& newOptions) { options = newOptions; }
    const LoadOptions& getOptions() const noexcept { return options; }

    /** Starts loading; returns an id for cancel(). */
    int load (const juce::File& file, const PlaybackRegion& region, Callback callback);
    void cancel (int requestId);
    void cancelAll();
    /** Requests whose callback has not run yet. */
    int getNumPending() const noexcept { return (int) requests.size(); }

    /** [any] Loads on the calling thread, with these options but for engineRate (offline render,
        tests). An offline render that must never miss can set the threshold to the maximum so
        nothing streams. */
    LoadResult loadNow (const juce::File& file, const PlaybackRegion& region, double engineRate) const;

    /** [any] How many streamed files' overviews were read from the file: a file several pads stream
        (the slices of a long track) is read once, the others take its overview. */
    int getNumOverviewsRead() const noexcept { return overviewsRead.load(); }

private:
    struct Request
    {
        std::atomic<bool> cancelled{ false };
    };

    class LoadJob;
    class OverviewJob;

    /** [loader threads] The overviews read so far, by file and version (path, size, modification
        time), the latest few. */
    struct OverviewCache
    {
        static constexpr size_t maxEntries = 64; // 4 KB each
        std::mutex lock;
        std::vector<std::pair<juce::String, WaveformOverview::Picture>> entries; // oldest first

        static juce::String keyFor (const juce::File& file);
        std::optional<WaveformOverview::Picture> find (const juce::String& key);
        void store (const juce::String& key, const WaveformOverview::Picture& picture);
    };

    LoadOptions options;
    OverviewCache overviews;
    std::atomic<int> overviewsRead{ 0 };
    juce::ThreadPool pool; // after what its jobs use: destroyed (and waited for) first
    std::map<int, std::shared_ptr<Request>> requests;
    int nextRequestId = 1;
};

} // namespace paddeck
