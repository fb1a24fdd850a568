#pragma once

#include "Dsp/DjEqControl.h"
#include "Dsp/DjEqDesign.h"
#include "Dsp/SimdSupport.h"

#include <array>
#include <vector>

namespace paddeck
{

/** The DJ EQ of eight voices at once: each voice (a slot) is a SIMD lane, and the crossover
    coefficients, the same for every voice, are shared; only the band gains differ per slot.

    A slot behaves as a DjEq would, sample for sample: the same filters (DjEqDesign), the same
    gain ramps, engaging, crossfades and return to the bypass (DjEqControl). Flat slots are a true
    bypass (their buffers are not touched, so attacks stay exact) and a bank whose slots are all
    flat costs nothing. Both kernels (128-bit, and 256-bit where the CPU has AVX2) round exactly
    as DjEq does, so a slot's output equals DjEq's bit for bit.

    Each block the slots' buffers are transposed in tiles (a voice per lane) and all eight run
    through the nine biquads of each channel together. Sized in prepare(); the audio thread never
    allocates. One thread at a time. */
class DjEqBank
{
public:
    static constexpr int numSlots = 8;
    using Buffers = std::array<float*, numSlots>;

    /** [message/loader] allocates; every slot starts flat. `simd` must be supported by this CPU. */
    void prepare (double sampleRate, int maxBlockSize, SimdSupport::Level simd = SimdSupport::best());

    // [audio]
    void reset (int slot) noexcept; // clears the slot's filters, its gains jump to their targets
    /** Linear gains, 0 = kill … 2 = +6 dB; ramps from where the slot's gains are now. */
    void setGains (int slot, float low, float mid, float high) noexcept;
    bool isFlat (int slot) const noexcept { return !controls[(size_t) slot].isEngaged(); }

    /** In place: slot s's stereo buffers are left[s] and right[s]; a slot given nullptr is skipped
        and keeps its state, as a DjEq that is not called would. numFrames may exceed maxBlockSize. */
    void process (const Buffers& left, const Buffers& right, int numFrames) noexcept;

    SimdSupport::Level getSimdLevel() const noexcept { return simdLevel; } // [any]

private:
    friend struct DjEqBankKernels; // the per-ISA kernels, in the .cpp

    static constexpr int numStages = 9; // biquads per channel

    /** A value per slot, aligned for the widest kernel. */
    struct alignas (32) Lanes
    {
        float v[numSlots];
    };

    /** What the kernel reads and writes for one chunk. */
    struct Chunk
    {
        std::array<const float*, numSlots> inL, inR;
        std::array<float*, numSlots> outL, outR;
        std::array<bool, numSlots> active; // engaged and given buffers
        int numFrames;
        Lanes gain[3], gainStep[3], gainTarget[3], mix, mixStep;
        int landsAt[3][numSlots]; // frame of the chunk where that ramp reaches its target, else -1
    };

    /** The filters of every slot, stage by stage. */
    struct Filters
    {
        Lanes coefficients[numStages][5]; // b0 b1 b2 a1 a2, the same in every lane
        Lanes s1[2][numStages], s2[2][numStages];
    };

    using Kernel = void (*) (Filters& filters, Chunk& chunk) noexcept;

    void processChunk (const Buffers& left, const Buffers& right, int numFrames) noexcept;
    void clearFilters (int slot) noexcept;

    Filters filters{};
    std::array<DjEqControl, numSlots> controls;
    std::vector<float> silence, sink; // input and output of the slots a chunk leaves alone
    Kernel kernel = nullptr;
    SimdSupport::Level simdLevel = SimdSupport::Level::sse;
    int maxBlock = 0;
};

} // namespace paddeck
