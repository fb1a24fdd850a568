#pragma once

#include <cstdint>
#include <cstring>

namespace paddeck::vec
{

// GCC/Clang vector extensions: one kernel source serves 128-bit and 256-bit registers. Kernels
// built for AVX2 take and pass vectors by reference only, so no vector crosses a call in a
// function built for the baseline ISA (which would change the ABI).
typedef float Vec4 __attribute__ ((vector_size (16)));
typedef float Vec8 __attribute__ ((vector_size (32)));
typedef std::int32_t Int4 __attribute__ ((vector_size (16)));

/** Unaligned: audio buffers are float-aligned only. */
template <typename Vec>
inline void load (Vec& v, const float* p) noexcept
{
    std::memcpy (&v, p, sizeof (v));
}

template <typename Vec>
inline void store (float* p, const Vec& v) noexcept
{
    std::memcpy (p, &v, sizeof (v));
}

} // namespace paddeck::vec
