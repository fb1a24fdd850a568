#include "Streaming/SampleLoader.h"
#include "Streaming/MemoryPolicy.h"

#include "Streaming/SampleDecoder.h"

#include <algorithm>

namespace paddeck
{

/** Fills a streamed sample's overview after it is playable; queued behind pending loads. A file
    whose overview was read already (another pad streams it) is not read again. */
class SampleLoader::OverviewJob : public juce::ThreadPoolJob
{
public:
    OverviewJob (SampleLoader& l, Sample::Ptr s)
        : juce::ThreadPoolJob ("PadDeck overview")
        , loader (l)
        , sample (std::move (s))
    {
    }

    JobStatus runJob() override
    {
        auto& overview = sample->getOverviewForLoader();
        const auto key = OverviewCache::keyFor (sample->getFile());
        if (const auto picture = loader.overviews.find (key))
        {
            overview.fill (*picture);
            overview.publish();
            return jobHasFinished;
        }

        SampleDecoder::computeOverview (*sample, [this] { return shouldExit(); });
        if (overview.isReady())
        {
            loader.overviews.store (key, overview.getPicture());
            ++loader.overviewsRead;
        }
        return jobHasFinished;
    }

private:
    SampleLoader& loader;
    Sample::Ptr sample;
};

juce::String SampleLoader::OverviewCache::keyFor (const juce::File& file)
{
    return file.getFullPathName() + "|" + juce::String (file.getSize()) + "|"
           + juce::String (file.getLastModificationTime().toMilliseconds());
}

std::optional<WaveformOverview::Picture> SampleLoader::OverviewCache::find (const juce::String& key)
{
    const std::lock_guard<std::mutex> hold (lock);
    for (const auto& [k, picture] : entries)
        if (k == key)
            return picture;
    return std::nullopt;
}

void SampleLoader::OverviewCache::store (const juce::String& key, const WaveformOverview::Picture& picture)
{
    const std::lock_guard<std::mutex> hold (lock);
    entries.erase (
        std::remove_if (entries.begin(), entries.end(), [&] (const auto& e) { return e.first == key; }),
        entries.end());
    if (entries.size() >= maxEntries)
        entries.erase (entries.begin());
    entries.emplace_back (key, picture);
}

class SampleLoader::LoadJob : public juce::ThreadPoolJob
{
public:
    LoadJob (SampleLoader& l, juce::File f, PlaybackRegion r, LoadOptions o, int requestId,
             std::shared_ptr<Request> req, Callback cb)
        : juce::ThreadPoolJob ("PadDeck load")
        , loader (l)
        , file (std::move (f))
        , region (r)
        , options (o)
        , id (requestId)
        , request (std::move (req))
        , callback (std::move (cb))
    {
    }

    JobStatus runJob() override
    {
        const auto shouldStop = [this] { return shouldExit() || request->cancelled.load(); };

        if (shouldStop())
            return jobHasFinished;

        auto result = SampleDecoder::decode (file, region, options, shouldStop);

        if (shouldStop())
            return jobHasFinished;

        if (result.sample != nullptr && result.sample->isStreamed())
            loader.pool.addJob (new OverviewJob (loader, result.sample), true);

        // The loader outlives every callback it posts: its destructor cancels them all first.
        juce::MessageManager::callAsync (
            [&loaderRef = loader, requestId = id, req = request, cb = callback, result]
            {
                if (req->cancelled.load())
                    return;

                loaderRef.requests.erase (requestId);
                cb (result);
            });

        return jobHasFinished;
    }

private:
    SampleLoader& loader;
    const juce::File file;
    const PlaybackRegion region;
    const LoadOptions options;
    const int id;
    std::shared_ptr<Request> request;
    Callback callback;
};

SampleLoader::SampleLoader (LoadOptions o, int numThreads)
    : options (o)
    , pool (juce::jmax (1, numThreads))
{
    MemoryPolicy::apply();
}

SampleLoader::~SampleLoader()
{
    cancelAll();
    pool.removeAllJobs (true, 10000);
}

int SampleLoader::load (const juce::File& file, const PlaybackRegion& region, Callback callback)
{
    const auto id = nextRequestId++;
    auto request = std::make_shared<Request>();
    requests[id] = request;
    pool.addJob (new LoadJob (*this, file, region, options, id, request, std::move (callback)), true);
    return id;
}

void SampleLoader::cancel (int requestId)
{
    if (auto it = requests.find (requestId); it != requests.end())
    {
        it->second->cancelled = true;
        requests.erase (it);
    }
}

void SampleLoader::cancelAll()
{
    for (auto& [id, request] : requests)
        request->cancelled = true;

    requests.clear();
}

LoadResult SampleLoader::loadNow (const juce::File& file, const PlaybackRegion& region,
                                  double engineRate) const
{
    auto o = options;
    o.engineRate = engineRate;
    return SampleDecoder::decode (file, region, o);
}

} // namespace paddeck
