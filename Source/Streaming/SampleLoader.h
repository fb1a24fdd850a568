#pragma once

#include "Streaming/LoadResult.h"

#include <juce_events/juce_events.h>

#include <functional>
#include <map>

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

private:
    struct Request
    {
        std::atomic<bool> cancelled{ false };
    };

    class LoadJob;
    class OverviewJob;

    LoadOptions options;
    juce::ThreadPool pool;
    std::map<int, std::shared_ptr<Request>> requests;
    int nextRequestId = 1;
};

} // namespace paddeck
