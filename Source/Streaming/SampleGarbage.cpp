#include "Streaming/SampleGarbage.h"

#include "Streaming/MemoryPolicy.h"
#include "Streaming/StreamingThread.h"

namespace paddeck
{

SampleGarbage::SampleGarbage (StreamingThread& thread)
    : streamingThread (thread)
{
}

SampleGarbage::~SampleGarbage()
{
    // Whatever is left is freed here, on the message thread; the engine's readers must be stopped.
    stopTimer();
}

void SampleGarbage::release (Sample::Ptr sample)
{
    if (sample == nullptr)
        return;

    sample->markDiscarded();
    pending.push_back ({ std::move (sample) });
}

void SampleGarbage::adopt (Sample::Ptr sample)
{
    if (sample != nullptr)
        pending.push_back ({ std::move (sample) });
}

int SampleGarbage::collect()
{
    const auto passes = streamingThread.getCompletedPasses();
    int freed = 0;

    for (auto it = pending.begin(); it != pending.end();)
    {
        auto& entry = *it;
        const bool unused = entry.sample->getReferenceCount() == 1 && entry.sample->getNumUsers() == 0;

        if (!unused)
        {
            entry.idle = false;
        }
        else if (!entry.idle)
        {
            entry.idle = true;
            entry.idleSincePass = passes;
        }
        else if (passes >= entry.idleSincePass + 2)
        {
            it = pending.erase (it);
            ++freed;
            continue;
        }

        ++it;
    }

    if (freed > 0)
        MemoryPolicy::giveBackFreedPages();
    return freed;
}

} // namespace paddeck
