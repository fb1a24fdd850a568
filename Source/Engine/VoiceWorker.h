#pragma once

#include <juce_core/juce_core.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

namespace paddeck
{

/** A persistent thread that renders a share of the voices inside each audio callback (VoiceMixer
    gives it its work). It sleeps on a futex; the audio thread wakes it once per block with that
    block's epoch, wait-free (a store, and a wake system call only while the worker sleeps).

    It asks for SCHED_FIFO priority when it starts: a worker that a busy machine can preempt would
    make the audio thread finish its share alone, so the engine uses it only when it got that
    (unless told otherwise, as tests are). Denormals are flushed on it as on the audio thread, so
    both round alike. */
class VoiceWorker
{
public:
    /** What the worker does when woken: given the block's epoch. Runs on the worker thread. */
    using Task = std::function<void (std::uint32_t epoch)>;

    explicit VoiceWorker (Task task);
    ~VoiceWorker(); // stops it

    /** [message] Starts the thread and waits until it has asked for SCHED_FIFO at `priority`;
        returns whether it got it (see getPriorityError()). With requireRealtime the thread is
        stopped again if it did not. */
    bool start (int priority, bool requireRealtime);
    void stop(); // [message] returns once the thread has ended (after any task it is in)

    /** [audio] wait-free */
    void wake (std::uint32_t epoch) noexcept;

    bool isRunning() const noexcept { return thread.joinable(); }                   // [message]
    std::thread::id getThreadId() const noexcept { return thread.get_id(); }        // [message] for tests
    const juce::String& getPriorityError() const noexcept { return priorityError; } // [message]

private:
    void run (int priority);

    Task task;
    std::thread thread;
    std::atomic<std::uint32_t> epoch{ 0 }; // the futex word: the last block the audio thread woke us for
    std::atomic<bool> sleeping{ false }, quit{ false };
    std::atomic<int> priorityResult{ 0 }; // 0 pending, 1 real-time, -errno refused
    juce::WaitableEvent started;
    juce::String priorityError;
};

} // namespace paddeck
