#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <type_traits>

namespace paddeck
{

/** A bounded, wait-free single-producer single-consumer queue of trivially copyable items.
    Capacity is fixed at compile time: nothing is ever allocated after construction. */
template <typename T, size_t Capacity>
class SpscQueue
{
    static_assert (std::is_trivially_copyable_v<T>, "SpscQueue carries small POD items");
    static_assert ((Capacity & (Capacity - 1)) == 0, "Capacity must be a power of two");

public:
    /** [producer] Returns false (and drops nothing already queued) when full. */
    bool push (const T& item) noexcept
    {
        const auto w = writeIndex.load (std::memory_order_relaxed);
        if (w - readIndex.load (std::memory_order_acquire) >= Capacity)
            return false;
        items[w & (Capacity - 1)] = item;
        writeIndex.store (w + 1, std::memory_order_release);
        return true;
    }

    /** [consumer] */
    bool pop (T& item) noexcept
    {
        const auto r = readIndex.load (std::memory_order_relaxed);
        if (r == writeIndex.load (std::memory_order_acquire))
            return false;
        item = items[r & (Capacity - 1)];
        readIndex.store (r + 1, std::memory_order_release);
        return true;
    }

    /** [consumer] Looks at the next item without taking it. */
    const T* peek() const noexcept
    {
        const auto r = readIndex.load (std::memory_order_relaxed);
        if (r == writeIndex.load (std::memory_order_acquire))
            return nullptr;
        return &items[r & (Capacity - 1)];
    }

    /** [any] An estimate; exact from the producer's side for free space. */
    size_t size() const noexcept
    {
        return writeIndex.load (std::memory_order_acquire) - readIndex.load (std::memory_order_acquire);
    }

    static constexpr size_t capacity() noexcept { return Capacity; }

private:
    std::array<T, Capacity> items{};
    alignas (64) std::atomic<size_t> writeIndex{ 0 };
    alignas (64) std::atomic<size_t> readIndex{ 0 };
};

} // namespace paddeck
