#include "Streaming/MemoryPolicy.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace paddeck
{

void MemoryPolicy::apply()
{
    static std::once_flag once;
    std::call_once (once,
                    []
                    {
#if defined(__GLIBC__)
                        // Setting the threshold also switches off glibc's raising of it.
                        mallopt (M_MMAP_THRESHOLD, ownMappingFromBytes);
#endif
                    });
}

void MemoryPolicy::giveBackFreedPages()
{
#if defined(__GLIBC__)
    malloc_trim (0);
#endif
}

} // namespace paddeck
