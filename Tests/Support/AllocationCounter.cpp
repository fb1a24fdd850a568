#include "Support/AllocationCounter.h"

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>

namespace
{
thread_local bool counting = false;
thread_local size_t allocations = 0, deallocations = 0;

// Other threads counted: their ids, and what they did while counted.
std::array<std::atomic<std::thread::id>, 4> watched{};
std::atomic<size_t> watchedAllocations{ 0 }, watchedDeallocations{ 0 };

bool isWatched() noexcept
{
    const auto self = std::this_thread::get_id();
    for (auto& w : watched)
        if (w.load (std::memory_order_relaxed) == self)
            return true;
    return false;
}

void tally (size_t& own, std::atomic<size_t>& other) noexcept
{
    if (counting)
        ++own;
    else if (isWatched())
        ++other;
}

void* allocate (std::size_t size)
{
    tally (allocations, watchedAllocations);
    if (auto* p = std::malloc (size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void* allocateAligned (std::size_t size, std::align_val_t alignment)
{
    tally (allocations, watchedAllocations);
    const auto a = static_cast<std::size_t> (alignment);
    if (auto* p = std::aligned_alloc (a, (size + a - 1) / a * a))
        return p;
    throw std::bad_alloc();
}

void release (void* p) noexcept
{
    if (p != nullptr)
        tally (deallocations, watchedDeallocations);
    std::free (p);
}
} // namespace

void* operator new (std::size_t size) { return allocate (size); }
void* operator new[] (std::size_t size) { return allocate (size); }
void* operator new (std::size_t size, const std::nothrow_t&) noexcept
{
    try
    {
        return allocate (size);
    }
    catch (...)
    {
        return nullptr;
    }
}
void* operator new (std::size_t size, std::align_val_t a) { return allocateAligned (size, a); }
void* operator new[] (std::size_t size, std::align_val_t a) { return allocateAligned (size, a); }
void operator delete (void* p) noexcept { release (p); }
void operator delete[] (void* p) noexcept { release (p); }
void operator delete (void* p, std::size_t) noexcept { release (p); }
void operator delete[] (void* p, std::size_t) noexcept { release (p); }
void operator delete (void* p, std::align_val_t) noexcept { release (p); }
void operator delete[] (void* p, std::align_val_t) noexcept { release (p); }
void operator delete (void* p, std::size_t, std::align_val_t) noexcept { release (p); }
void operator delete[] (void* p, std::size_t, std::align_val_t) noexcept { release (p); }

namespace paddeck::test
{
ScopedAllocationCounter::ScopedAllocationCounter (const std::vector<std::thread::id>& alsoOnThreads)
{
    allocations = deallocations = 0;
    watchedAllocations = watchedDeallocations = 0;
    for (size_t i = 0; i < watched.size(); ++i)
        watched[i] = i < alsoOnThreads.size() ? alsoOnThreads[i] : std::thread::id();
    counting = true;
}
ScopedAllocationCounter::~ScopedAllocationCounter()
{
    counting = false;
    for (auto& w : watched)
        w = std::thread::id();
}
size_t ScopedAllocationCounter::getAllocations() const { return allocations + watchedAllocations.load(); }
size_t ScopedAllocationCounter::getDeallocations() const
{
    return deallocations + watchedDeallocations.load();
}
} // namespace paddeck::test
