#pragma once

#include <cstddef>
#include <thread>
#include <vector>

namespace paddeck::test
{

/** Counts every operator new/delete made on the calling thread while an instance is alive (the
    test binary replaces the global allocation functions), and on up to four other threads named
    (a voice worker that renders inside the audio callback). One instance at a time. */
class ScopedAllocationCounter
{
public:
    explicit ScopedAllocationCounter (const std::vector<std::thread::id>& alsoOnThreads = {});
    ~ScopedAllocationCounter();

    size_t getAllocations() const;   // on all the threads counted
    size_t getDeallocations() const; // likewise
};

} // namespace paddeck::test
