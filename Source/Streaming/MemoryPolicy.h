#pragma once

namespace paddeck
{

/** How the C library's allocator treats the big buffers a performance makes and frees all night
    (decoded samples, streaming buffers, KeyLock primes). With glibc's defaults a freed sample of a
    few MB raises the threshold above which blocks are mapped on their own, so later samples land in
    the heap's arenas and, freed out of order, leave holes the process never gives back: the soak's
    resident size grew by 30+ MB over three minutes while the bytes in use stayed flat. A fixed
    threshold keeps every block of 256 KB and more in its own mapping, returned to the system when
    it is freed. Applied once per process, before the first sample is loaded. [any] */
struct MemoryPolicy
{
    static constexpr int ownMappingFromBytes = 256 * 1024;

    static void apply();

    /** Returns the free pages inside the allocator's arenas to the system (malloc_trim): called
        after samples are freed, on the thread that freed them, never on the audio thread. */
    static void giveBackFreedPages();
};

} // namespace paddeck
