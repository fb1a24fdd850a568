#pragma once

#include <cstddef>

namespace paddeck::test
{

/** Counts every operator new/delete made on the calling thread while an instance is alive
    (the test binary replaces the global allocation functions). */
class ScopedAllocationCounter
{
public:
    ScopedAllocationCounter();
    ~ScopedAllocationCounter();

    size_t getAllocations() const;
    size_t getDeallocations() const;
};

} // namespace paddeck::test
