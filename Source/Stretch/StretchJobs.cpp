#include "Stretch/StretchJobs.h"

#include "Streaming/SampleDecoder.h"
#include "Stretch/FileStretchInput.h"

#include <juce_events/juce_events.h>

#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace paddeck
{

namespace
{
/** Only what nobody else wants: SCHED_IDLE for the CPU, the idle class for the disk. */
void becomeIdlePriority()
{
    sched_param param{};
    pthread_setschedparam (pthread_self(), SCHED_IDLE, &param);
#ifdef SYS_ioprio_set
    constexpr int whoProcess = 1, classIdle = 3, classShift = 13;
    syscall (SYS_ioprio_set, whoProcess, 0, classIdle << classShift);
#endif
}
} // namespace

StretchJobs::StretchJobs (const Options& o, Rank r)
    : options (o)
    , rank (std::move (r))
    , cache (std::make_shared<StretchCache> (o.cacheFolder, o.cacheBytes))
    , hashes (o.cacheFolder.getChildFile ("content-hashes.txt"))
{
    const auto count = options.numThreads > 0 ? options.numThreads
                                              : (int) std::max (1u, std::thread::hardware_concurrency());
    for (int i = 0; i < count; ++i)
        threads.emplace_back ([this] { runThread(); });
}

StretchJobs::~StretchJobs()
{
    {
        const std::lock_guard<std::mutex> guard (lock);
        quit = true;
        for (auto& j : running)
            j->cancelled = true;
        queued.clear();
    }
    wake.notify_all();
    for (auto& t : threads)
        t.join();
}

void StretchJobs::setEngineRate (double rate)
{
    const std::lock_guard<std::mutex> guard (lock);
    options.engineRate = rate;
}

void StretchJobs::submit (int pad, const StretchRequest& request, juce::int64 startFrame, Done done)
{
    auto job = std::make_shared<Job>();
    job->pad = pad;
    job->request = request;
    job->startFrame = startFrame;
    job->done = std::move (done);
    {
        const std::lock_guard<std::mutex> guard (lock);
        job->order = nextOrder++;
        for (auto& j : running)
            if (j->pad == pad)
                j->cancelled = true;
        queued.erase (
            std::remove_if (queued.begin(), queued.end(), [pad] (auto& j) { return j->pad == pad; }),
            queued.end());
        queued.push_back (std::move (job));
    }
    wake.notify_one();
}

void StretchJobs::cancel (int pad)
{
    const std::lock_guard<std::mutex> guard (lock);
    for (auto& j : running)
        if (j->pad == pad)
            j->cancelled = true;
    queued.erase (std::remove_if (queued.begin(), queued.end(), [pad] (auto& j) { return j->pad == pad; }),
                  queued.end());
}

void StretchJobs::cancelAll()
{
    const std::lock_guard<std::mutex> guard (lock);
    for (auto& j : running)
        j->cancelled = true;
    queued.clear();
}

float StretchJobs::getProgress (int pad) const
{
    const std::lock_guard<std::mutex> guard (lock);
    for (auto& j : running)
        if (j->pad == pad && !j->cancelled)
            return j->progress.load();
    for (auto& j : queued)
        if (j->pad == pad)
            return 0.0f;
    return -1.0f;
}

void StretchJobs::setPausedForTesting (bool shouldPause)
{
    {
        const std::lock_guard<std::mutex> guard (lock);
        paused = shouldPause;
    }
    wake.notify_all();
}

bool StretchJobs::isIdle() const
{
    const std::lock_guard<std::mutex> guard (lock);
    return queued.empty() && running.empty();
}

void StretchJobs::runThread()
{
    becomeIdlePriority();
    juce::ScopedNoDenormals noDenormals;

    while (true)
    {
        std::shared_ptr<Job> job;
        {
            std::unique_lock<std::mutex> guard (lock);
            wake.wait (guard, [this] { return quit || (!queued.empty() && !paused); });
            if (quit)
                return;

            // The pad ranked first, then the one asked for first; ranks are asked now, so a pad
            // that started playing meanwhile goes ahead.
            auto best = queued.begin();
            auto bestRank = rank != nullptr ? rank ((*best)->pad) : 0;
            for (auto it = queued.begin() + 1; it != queued.end(); ++it)
                if (const auto r = rank != nullptr ? rank ((*it)->pad) : 0;
                    r < bestRank || (r == bestRank && (*it)->order < (*best)->order))
                    best = it, bestRank = r;
            job = *best;
            queued.erase (best);
            running.push_back (job);
        }

        auto result = run (*job);

        {
            const std::lock_guard<std::mutex> guard (lock);
            running.erase (std::find (running.begin(), running.end(), job));
        }

        if (job->cancelled)
            continue;
        juce::MessageManager::callAsync (
            [job, result = std::move (result), alive = std::weak_ptr<bool> (lifetime)]
            {
                if (!alive.expired() && !job->cancelled)
                    job->done (result);
            });
    }
}

StretchJobs::Result StretchJobs::run (Job& job)
{
    Result result;
    const auto& request = job.request;
    const auto hash = hashes.of (request.file);
    if (hash.isEmpty())
    {
        result.message = "Can't read " + request.file.getFileName() + " to render its stretch";
        return result;
    }

    const auto key = hash + " " + request.describe();
    const auto layout = OfflineStretcher::plan (request.render);
    result = load (job, layout, key);
    if (result.stretch != nullptr)
    {
        result.fromCache = true;
        ++cacheHits;
        return result;
    }

    FileStretchInput input (request.file);
    if (!input.isOpen())
    {
        result.message = input.getError();
        return result;
    }

    double engineRate;
    {
        const std::lock_guard<std::mutex> guard (lock);
        engineRate = options.engineRate;
    }

    // A short render is kept in RAM as it is made, so it plays even when the cache fails.
    const auto bytes = layout.length * 2 * (juce::int64) sizeof (float);
    const bool fitsRam =
        bytes <= options.ramThresholdBytes && layout.length < std::numeric_limits<int>::max();
    juce::AudioBuffer<float> ram (2, fitsRam ? (int) layout.length : 0);
    int ramFrames = 0;

    juce::String cacheProblem;
    auto writer = cache->startWriting (key, engineRate, cacheProblem);
    const auto sink = [&] (const float* l, const float* r, int n)
    {
        if (fitsRam)
        {
            const auto room = juce::jmin (n, ram.getNumSamples() - ramFrames);
            ram.copyFrom (0, ramFrames, l, room);
            ram.copyFrom (1, ramFrames, r, room);
            ramFrames += room;
        }
        if (writer != nullptr && !writer->write (l, r, n))
        {
            cacheProblem = writer->getError();
            writer = nullptr;
        }
        return fitsRam || writer != nullptr; // a long render with nowhere to go stops
    };
    const auto progress = [&job] (double fraction)
    {
        job.progress = (float) fraction;
        return !job.cancelled.load();
    };

    const auto rendered = OfflineStretcher::render (request.render, input, sink, progress);
    if (job.cancelled)
        return result;
    if (!rendered && cacheProblem.isEmpty())
    {
        result.message = "Can't render the stretch of " + request.file.getFileName() + " (read error)";
        return result;
    }
    ++rendersMade;

    // The new render stays until the pad holds it, whatever its own commit's eviction or a clear
    // removes meanwhile.
    cache->pin (key);
    if (writer != nullptr)
        if (const auto committed = writer->commit(); committed.failed())
            cacheProblem = committed.getErrorMessage();
    writer = nullptr;
    const auto loaded = cacheProblem.isEmpty() ? load (job, layout, key) : Result();
    cache->unpin (key);
    if (cacheProblem.isEmpty())
        return loaded;

    result.message = "Stretch cache: " + cacheProblem
                     + (fitsRam ? juce::String ("; this render plays from RAM")
                                : juce::String ("; playing the realtime stretch"));
    if (fitsRam && ramFrames == layout.length)
    {
        Sample::Info info;
        info.file = request.file;
        info.sampleRate = info.fileSampleRate = engineRate;
        info.lengthInFrames = layout.length;
        info.fileChannels = 2;
        std::vector<Sample::RamRegion> regions (1);
        regions[0].frames = std::move (ram);
        result.stretch =
            makeStretch (job, new Sample (std::move (info), std::move (regions), nullptr), layout);
    }
    return result;
}

StretchJobs::Result StretchJobs::load (const Job& job, const OfflineStretcher::Layout& layout,
                                       const juce::String& key) const
{
    // Pinned before it is looked up, and while any pad holds it: neither an eviction nor a clear
    // can remove the file between finding it and a pad holding it, nor while it may stream.
    cache->pin (key);
    Result result;
    const auto audio = cache->find (key);
    if (audio == juce::File())
    {
        cache->unpin (key);
        return result;
    }

    // Long renders stream from the cache like any long sample, their start and loop start in RAM.
    LoadOptions loadOptions;
    loadOptions.engineRate = layout.length > 0 ? options.engineRate : 48000.0;
    loadOptions.streamThresholdBytes = options.ramThresholdBytes;
    loadOptions.primeSeconds = options.primeSeconds;
    const auto start = (juce::int64) std::floor (
        layout.outputFrameOf ((double) job.startFrame, job.request.render.loopStart));
    const PlaybackRegion region{
        juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, (juce::int64) layout.length - 1), start),
        layout.loopEnd > layout.loopStart ? layout.loopStart : 0, -1
    };

    auto loaded = SampleDecoder::decode (audio, region, loadOptions, [&job] { return job.cancelled.load(); });
    if (loaded.sample == nullptr || loaded.sample->getLengthInFrames() != layout.length)
    {
        cache->unpin (key);
        result.message = "Stretch cache: " + audio.getFileName() + " can't be read back";
        return result;
    }

    auto stretch = makeStretch (job, loaded.sample, layout);
    result.stretch = RenderedStretch::Ptr (new RenderedStretch (*stretch),
                                           [c = cache, key] (const RenderedStretch* s)
                                           {
                                               c->unpin (key);
                                               delete s;
                                           });
    return result;
}

RenderedStretch::Ptr StretchJobs::makeStretch (const Job& job, Sample::Ptr sample,
                                               const OfflineStretcher::Layout& layout) const
{
    auto s = std::make_shared<RenderedStretch>();
    s->sample = std::move (sample);
    s->pitchRatio = job.request.render.pitchRatio;
    s->masterBpm = job.request.masterBpm;
    s->padBpm = job.request.padBpm;
    s->layout = layout;
    s->sourceRate = job.request.render.inputRate;
    s->sourceLoopStart = job.request.render.loopStart;
    s->loopBeats = job.request.loopBeats;
    return s;
}

} // namespace paddeck
