#pragma once

namespace paddeck
{

/** Which vector kernels this CPU can run, so DSP that has an AVX2/FMA kernel can choose it at run
    time while the build stays for the x86-64 baseline (SSE2).

    Kernels are chosen in prepare() (off the audio thread) and kept: a block never switches kernel,
    so a render is the same from run to run on the same machine. [any] */
class SimdSupport
{
public:
    enum class Level
    {
        sse, // 128-bit vectors: SSE2 on x86-64 (the baseline), the same portable code elsewhere
        avx2 // 256-bit vectors with fused multiply-add: AVX2 + FMA
    };

    /** The widest level this CPU supports; PADDECK_SIMD=sse in the environment forces the fallback
        (for comparing kernels in the field). */
    static Level best() noexcept;
    static bool isSupported (Level level) noexcept;
    static const char* getName (Level level) noexcept;
};

} // namespace paddeck
