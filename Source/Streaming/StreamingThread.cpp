#include "Streaming/StreamingThread.h"

#include <algorithm>
#include <pthread.h>

namespace paddeck
{

namespace
{
constexpr int idleWaitMs = 5;
}

StreamingThread::StreamingThread (int chunk)
    : juce::Thread ("PadDeck streaming")
    , chunkFrames (chunk)
{
    startThread (Priority::high);
}

StreamingThread::~StreamingThread()
{
    jassert (readers.empty());
    stopThread (5000);
}

void StreamingThread::add (SampleReader& reader)
{
    const std::lock_guard<std::mutex> lock (readersLock);
    readers.push_back (&reader);
}

void StreamingThread::remove (SampleReader& reader)
{
    const std::lock_guard<std::mutex> lock (readersLock);
    readers.erase (std::remove (readers.begin(), readers.end(), &reader), readers.end());
}

void StreamingThread::run()
{
    // On a busy machine a normal thread can be kept off the CPU for longer than a ring lasts, and
    // hundreds of voices miss at once (measured: PadDeckBench's streaming voices under builds).
    // The lowest real-time priority puts it ahead of every normal thread and behind any audio
    // thread (the device's callback, the voice workers at SCHED_FIFO 70), so it never delays a
    // block; where real-time priority is refused it runs as a normal thread, as before.
    sched_param param{};
    param.sched_priority = 1;
    pthread_setschedparam (pthread_self(), SCHED_FIFO, &param);

    while (!threadShouldExit())
    {
        if (paused.load())
        {
            wait (1);
            continue;
        }

        bool busy = false;

        {
            const std::lock_guard<std::mutex> lock (readersLock);

            for (auto* reader : readers)
                busy = service (*reader) || busy;
        }

        completedPasses.fetch_add (1, std::memory_order_acq_rel);

        if (const auto delay = passDelayMs.load(); delay > 0)
            wait (delay);
        else if (!busy)
            wait (idleWaitMs);
    }
}

bool StreamingThread::service (SampleReader& reader)
{
    SampleReader::Request request;

    if (!reader.readRequest (request))
        return true; // the audio thread is mid-start: look again straight away

    auto& p = reader.producer;

    if (request.generation != p.generation)
    {
        p.generation = request.generation;
        p.sample = request.sample;
        p.writeIndex = 0;

        p.timeline = request.timeline;
    }

    if (p.sample == nullptr || !p.sample->isStreamed() || p.sample->hasStreamError())
        return false;

    const auto consumed = reader.consumed.load (std::memory_order_acquire);

    if (SampleReader::generationOf (consumed) != p.generation)
        return true;

    // Misses count as played: never fill frames the playhead has already passed.
    const auto readIndex = SampleReader::indexOf (consumed);
    p.writeIndex = juce::jmax (p.writeIndex, readIndex);
    const auto limit = readIndex + reader.ringCapacity;
    auto budget = chunkFrames;
    bool readFromDisk = false;

    while (p.writeIndex < limit && budget > 0)
    {
        const auto run = p.timeline.runAt (p.writeIndex);

        if (run.frames == 0)
            break;

        const auto wanted = juce::jmin (limit - p.writeIndex, run.frames);
        const bool backwards = p.timeline.isReversed();
        const auto span = p.sample->findRam (run.frame, wanted, backwards);

        if (span.frames > 0)
        {
            p.writeIndex += span.frames; // the reader reads these from RAM
            continue;
        }

        const auto slot = (int) (p.writeIndex % reader.ringCapacity);
        const auto n = (int) juce::jmin (juce::jmin (wanted, span.gapFrames), (juce::int64) budget,
                                         (juce::int64) (reader.ringCapacity - slot));

        // A reversed run is read as the file has it (frames run.frame - n + 1 … run.frame) and turned
        // round in the ring, which always holds frames in play order.
        auto* left = reader.ringLeft + slot;
        auto* right = reader.ringRight + slot;
        if (!p.sample->readFromDisk (backwards ? run.frame - n + 1 : run.frame, n, left, right))
            break;
        if (backwards)
        {
            std::reverse (left, left + n);
            std::reverse (right, right + n);
        }

        p.writeIndex += n;
        budget -= n;
        readFromDisk = true;
        reader.filled.store (SampleReader::pack (p.generation, p.writeIndex), std::memory_order_release);
    }

    reader.filled.store (SampleReader::pack (p.generation, p.writeIndex), std::memory_order_release);
    return readFromDisk && budget == 0;
}

} // namespace paddeck
