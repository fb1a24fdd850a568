#include "Engine/VoiceWorker.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(realtime_sanitizer)
#include <sanitizer/rtsan_interface.h>
#define PADDECK_RTSAN 1
#endif
#endif

namespace paddeck
{

namespace
{
static_assert (sizeof (std::atomic<std::uint32_t>) == sizeof (std::uint32_t)
                   && std::atomic<std::uint32_t>::is_always_lock_free,
               "the futex word is a plain 32-bit word");

void futexWait (std::atomic<std::uint32_t>& word, std::uint32_t expected) noexcept
{
    // Returns at once when the word no longer holds `expected`, so a wake is never lost.
    syscall (SYS_futex, reinterpret_cast<std::uint32_t*> (&word), FUTEX_WAIT_PRIVATE, expected, nullptr,
             nullptr, 0);
}

void futexWake (std::atomic<std::uint32_t>& word) noexcept
{
#if PADDECK_RTSAN
    // RealtimeSanitizer reports every syscall(), unable to tell which. FUTEX_WAKE never blocks or
    // allocates (it wakes whoever sleeps on the word and returns): the one system call the audio
    // thread makes on purpose, as a semaphore post would.
    __rtsan::ScopedDisabler wakeNeverBlocks;
#endif
    syscall (SYS_futex, reinterpret_cast<std::uint32_t*> (&word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr,
             nullptr, 0);
}
} // namespace

VoiceWorker::VoiceWorker (Task t)
    : task (std::move (t))
{
}

VoiceWorker::~VoiceWorker() { stop(); }

bool VoiceWorker::start (int priority, bool requireRealtime)
{
    stop();
    quit = false;
    priorityResult = 0;
    started.reset();
    thread = std::thread ([this, priority] { run (priority); });
    started.wait();

    const auto result = priorityResult.load();
    if (result == 1)
        return true;

    priorityError = "SCHED_FIFO " + juce::String (priority) + ": " + juce::String (std::strerror (-result));
    if (requireRealtime)
        stop();
    return false;
}

void VoiceWorker::stop()
{
    if (!thread.joinable())
        return;
    quit = true;
    epoch.fetch_add (1);
    futexWake (epoch);
    thread.join();
}

void VoiceWorker::wake (std::uint32_t blockEpoch) noexcept
{
    // Paired with run(): either the worker sees the new epoch before it sleeps, or we see it
    // sleeping and wake it (both sides use sequentially consistent operations).
    epoch.store (blockEpoch);
    if (sleeping.load())
        futexWake (epoch);
}

void VoiceWorker::run (int priority)
{
    pthread_setname_np (pthread_self(), "PadDeck voices");
    sched_param param{};
    param.sched_priority = priority;
    const auto error = pthread_setschedparam (pthread_self(), SCHED_FIFO, &param);
    priorityResult = error == 0 ? 1 : -error;
    juce::FloatVectorOperations::disableDenormalisedNumberSupport(); // as ScopedNoDenormals on the audio
                                                                     // thread
    started.signal();

    std::uint32_t seen = epoch.load();
    while (!quit.load())
    {
        auto now = epoch.load();
        if (now == seen)
        {
            sleeping.store (true);
            now = epoch.load();
            if (now == seen && !quit.load())
                futexWait (epoch, seen);
            sleeping.store (false, std::memory_order_relaxed);
            continue;
        }
        seen = now;
        if (!quit.load())
            task (seen);
    }
}

} // namespace paddeck
