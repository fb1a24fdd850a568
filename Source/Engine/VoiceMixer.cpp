#include "Engine/VoiceMixer.h"

#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace paddeck
{

namespace
{
constexpr int maxBanks = 0xffff; // banks in a job: 16 bits of the claims word
constexpr int maxAutomaticWorkers = 7;

inline void pause() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
}
} // namespace

VoiceMixer::VoiceMixer (EngineMeters& m)
    : meters (m)
{
}

VoiceMixer::~VoiceMixer() { stopWorkers(); }

void VoiceMixer::stopWorkers()
{
    stopping = true; // a stalled test worker lets go
    for (auto& w : workers)
        w->stop();
    workers.clear();
    stopping = false;
    meters.voiceThreads.store (1, std::memory_order_relaxed);
}

void VoiceMixer::releaseVoices()
{
    stopWorkers();
    banks.clear();
    numHeld = 0;
}

void VoiceMixer::prepare (double sampleRate, int maxBlockSize, int numVoices, StreamingThread& streaming,
                          const Threads& threads)
{
    releaseVoices(); // no worker may still render a bank (a held one included) while banks change

    const int numBanks = juce::jlimit (1, maxBanks, (numVoices + VoiceBank::size - 1) / VoiceBank::size);
    banks.clear();
    for (int b = 0; b < numBanks; ++b)
    {
        banks.push_back (std::make_unique<VoiceBank>());
        banks.back()->prepare (sampleRate, maxBlockSize, streaming);
    }
    finished.reset (new Finished[(size_t) numBanks]);
    job.banks.assign ((size_t) numBanks, 0);
    playing.assign ((size_t) numBanks, 0);
    renderedHere.assign ((size_t) numBanks, 0);
    held.assign ((size_t) numBanks, 0);
    heldFrom.assign ((size_t) numBanks, 0);
    numHeld = 0;
    epoch = 0;
    claims = 0;
    joinDeadline = threads.joinDeadline;

    const int cores = (int) juce::jmax (1u, std::thread::hardware_concurrency());
    // Each woken worker costs the audio thread a system call per block: past a few, more cores
    // are not worth waking for blocks of a few hundred voices.
    const int wanted = threads.workers == Threads::automatic ? juce::jmin (maxAutomaticWorkers, cores - 1)
                                                             : juce::jmax (0, threads.workers);
    for (int i = 0; i < wanted; ++i)
    {
        auto worker = std::make_unique<VoiceWorker> ([this] (std::uint32_t e) { renderShare (e); });
        const bool realtime = worker->start (threads.priority, threads.requireRealtime);
        if (!realtime)
        {
            const auto why = "Voices: a voice worker could not get real-time priority ("
                             + worker->getPriorityError() + ")";
            if (threads.requireRealtime)
            {
                // A worker any busy process can preempt would stall blocks: better one thread.
                juce::Logger::writeToLog (why + ", so voices render on "
                                          + (workers.empty() ? juce::String ("the audio thread only.")
                                                             : juce::String (getNumThreads()) + " threads."));
                break;
            }
            juce::Logger::writeToLog (why + "; it runs at normal priority.");
        }
        workers.push_back (std::move (worker));
    }

    meters.voiceThreads.store (getNumThreads(), std::memory_order_relaxed);
}

std::vector<std::thread::id> VoiceMixer::getWorkerThreadIds() const
{
    std::vector<std::thread::id> ids;
    for (auto& w : workers)
        ids.push_back (w->getThreadId());
    return ids;
}

std::uint64_t VoiceMixer::claimsWord (std::uint64_t forEpoch, int count, int next) noexcept
{
    return ((std::uint64_t) (std::uint32_t) forEpoch << 32) | ((std::uint64_t) count << 16)
           | (std::uint64_t) next;
}

bool VoiceMixer::claim (std::uint32_t forEpoch, int& index) noexcept
{
    // The epoch travels with the counter: a worker that wakes late for a block that is over
    // claims nothing, and never a bank of the next one.
    auto word = claims.load (std::memory_order_acquire);
    for (;;)
    {
        const auto next = (int) (word & 0xffff);
        if ((std::uint32_t) (word >> 32) != forEpoch || next >= (int) ((word >> 16) & 0xffff))
            return false;
        if (claims.compare_exchange_weak (word, word + 1, std::memory_order_acq_rel,
                                          std::memory_order_acquire))
        {
            index = next;
            return true;
        }
    }
}

void VoiceMixer::renderShare (std::uint32_t forEpoch) noexcept
{
    int index = 0;
    while (claim (forEpoch, index))
    {
        // A successful claim means the block is still on: the audio thread does not touch the
        // job until every claimed bank is finished.
        if (stallForTest.load (std::memory_order_relaxed))
        {
            stalledForTest.fetch_add (1);
            while (stallForTest.load() && !stopping.load())
                std::this_thread::sleep_for (std::chrono::microseconds (200));
            stalledForTest.fetch_sub (1);
        }

        const int bank = job.banks[(size_t) index];
        const VoiceTiming timing{ &job.clock, job.blockStart, 0.0 };
        banks[(size_t) bank]->renderToOwnBuffers (job.snapshot, timing, job.numFrames, job.withCue);
        finished[bank].epoch.store (job.epoch, std::memory_order_release);
        meters.voiceBanksOnWorkers.fetch_add (1, std::memory_order_relaxed);
    }
}

void VoiceMixer::beginBlock() noexcept
{
    if (numHeld == 0)
        return;

    for (size_t b = 0; b < banks.size(); ++b)
        if (held[b] != 0 && finished[b].epoch.load (std::memory_order_acquire) == heldFrom[b])
        {
            // Its late worker is done: the voices are the audio thread's again. What it rendered
            // was dropped; whatever ended meanwhile is freed now.
            held[b] = 0;
            --numHeld;
            banks[b]->setHeld (false);
            banks[b]->retireEndedVoices();
        }
}

void VoiceMixer::hold (int bank) noexcept
{
    held[(size_t) bank] = 1;
    heldFrom[(size_t) bank] = epoch;
    ++numHeld;
    banks[(size_t) bank]->setHeld (true);
    meters.voiceWorkerStalls.fetch_add (1, std::memory_order_relaxed);
}

void VoiceMixer::addBank (int bank, const VoiceBank::Mix& mix, int numFrames) noexcept
{
    const auto& b = *banks[(size_t) bank];
    juce::FloatVectorOperations::add (mix.left, b.getOwnBuffer (0), numFrames);
    juce::FloatVectorOperations::add (mix.right, b.getOwnBuffer (1), numFrames);
    if (mix.cueLeft != nullptr && b.ownCueUsed())
    {
        juce::FloatVectorOperations::add (mix.cueLeft, b.getOwnBuffer (2), numFrames);
        juce::FloatVectorOperations::add (mix.cueRight, b.getOwnBuffer (3), numFrames);
    }
}

void VoiceMixer::render (const EngineSnapshot* snapshot, const BeatClock& clock, std::int64_t blockStart,
                         const VoiceBank::Mix& mix, int numFrames, juce::int64 deadlineTicks) noexcept
{
    const bool withCue = mix.cueLeft != nullptr;
    int count = 0;
    for (size_t b = 0; b < banks.size(); ++b)
        if (held[b] == 0 && banks[b]->beginBlock())
            playing[(size_t) count++] = (int) b;

    const VoiceTiming timing{ &clock, blockStart, 0.0 };

    if (workers.empty())
    {
        // One thread: voice after voice straight into the block, the order a render repeats.
        for (int i = 0; i < count; ++i)
            banks[(size_t) playing[(size_t) i]]->render (snapshot, timing, mix, numFrames);
        for (int i = 0; i < count; ++i)
            banks[(size_t) playing[(size_t) i]]->retireEndedVoices();
        return;
    }

    // Waking a worker costs more than one bank is worth; while a bank is held, the job it reads
    // must not change.
    const bool share = numHeld == 0 && count >= 2;
    std::fill (renderedHere.begin(), renderedHere.begin() + count, 0);

    if (share)
    {
        job.epoch = ++epoch;
        job.snapshot = snapshot;
        job.clock = clock;
        job.blockStart = blockStart;
        job.numFrames = numFrames;
        job.withCue = withCue;
        std::copy_n (playing.begin(), count, job.banks.begin());
        claims.store (claimsWord (epoch, count, 0), std::memory_order_release);
        for (auto& w : workers)
            w->wake ((std::uint32_t) epoch);

        const VoiceTiming jobTiming{ &job.clock, blockStart, 0.0 };
        int index = 0;
        while (claim ((std::uint32_t) epoch, index))
        {
            banks[(size_t) playing[(size_t) index]]->renderToOwnBuffers (snapshot, jobTiming, numFrames,
                                                                         withCue);
            renderedHere[(size_t) index] = 1;
        }

        // The workers' banks: each is finished, or held once the deadline has passed.
        for (int i = 0; i < count; ++i)
        {
            if (renderedHere[(size_t) i] != 0)
                continue;
            const int bank = playing[(size_t) i];
            while (finished[bank].epoch.load (std::memory_order_acquire) != epoch)
            {
                if (juce::Time::getHighResolutionTicks() >= deadlineTicks)
                {
                    hold (bank);
                    break;
                }
                pause();
            }
        }
    }
    else
    {
        for (int i = 0; i < count; ++i)
            banks[(size_t) playing[(size_t) i]]->renderToOwnBuffers (snapshot, timing, numFrames, withCue);
    }

    // The sum, in bank order whoever rendered them.
    for (int i = 0; i < count; ++i)
    {
        const int bank = playing[(size_t) i];
        if (held[(size_t) bank] != 0)
            continue;
        addBank (bank, mix, numFrames);
        banks[(size_t) bank]->retireEndedVoices();
    }
}

} // namespace paddeck
