#include "Dsp/SimdSupport.h"

#include <cstdlib>
#include <cstring>

namespace paddeck
{

bool SimdSupport::isSupported (Level level) noexcept
{
    if (level == Level::sse)
        return true;

#if defined(__x86_64__) || defined(__i386__)
    static const bool avx2 = __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
    return avx2;
#else
    return false;
#endif
}

SimdSupport::Level SimdSupport::best() noexcept
{
    static const Level level = []
    {
        const char* forced = std::getenv ("PADDECK_SIMD");
        if (forced != nullptr && std::strcmp (forced, "sse") == 0)
            return Level::sse;
        return isSupported (Level::avx2) ? Level::avx2 : Level::sse;
    }();
    return level;
}

const char* SimdSupport::getName (Level level) noexcept { return level == Level::avx2 ? "avx2" : "sse"; }

} // namespace paddeck
