#pragma once

#include "Engine/SpscQueue.h"

#include <atomic>
#include <memory>

namespace paddeck
{

/** Hands immutable snapshots from the message thread to the audio thread without locks, and
    hands the replaced ones back so they are freed on the message thread, never on the audio thread. */
template <typename Snapshot>
class SnapshotExchange
{
public:
    ~SnapshotExchange()
    {
        collectGarbage();
        delete pending.exchange (nullptr);
        delete current;
    }

    /** [message] Publishes a new snapshot; the audio thread picks it up at its next block. */
    void publish (std::unique_ptr<Snapshot> snapshot)
    {
        collectGarbage();
        delete pending.exchange (snapshot.release(), std::memory_order_acq_rel);
    }

    /** [message] Frees snapshots the audio thread has let go of. */
    void collectGarbage()
    {
        Snapshot* old = nullptr;
        while (retired.pop (old))
            delete old;
    }

    /** [audio] Takes the newest snapshot if there is one; returns the one to use for this block. */
    const Snapshot* acquire() noexcept
    {
        if (retired.size() < retired.capacity() && pending.load (std::memory_order_relaxed) != nullptr)
            if (auto* next = pending.exchange (nullptr, std::memory_order_acq_rel))
            {
                if (current != nullptr)
                    retired.push (current);
                current = next;
            }
        return current;
    }

    /** [audio] The snapshot in use (after acquire). */
    const Snapshot* get() const noexcept { return current; }

private:
    std::atomic<Snapshot*> pending{ nullptr };
    Snapshot* current = nullptr; // audio-owned
    SpscQueue<Snapshot*, 64> retired;
};

} // namespace paddeck
