#pragma once

#include "Dsp/FrameSource.h"
#include "Dsp/SimdSupport.h"
#include "Dsp/SincTable.h"

#include <cstdint>
#include <vector>

namespace paddeck
{

/** Tape-style pitch/speed and sample-rate conversion: reads a FrameSource at `ratio` source
    frames per output frame (0.125 … 8) with band-limited (windowed-sinc polyphase) interpolation.

    No latency: after reset() the first output frame is source frame 0 exactly. History before
    frame 0 is silence and the kernel's look-ahead is read from the source instead of delaying.
    At ratio 1 on integer positions the output is the source bit for bit.

    When the ratio changes it glides linearly across the block, so pitch moves never zipper.

    The read position is fixed point (32 fraction bits), so a constant ratio steps exactly the
    same every frame and the kernel phase is a shift away. The kernel runs on 256-bit vectors with
    FMA where the CPU has them (SimdSupport), else on 128-bit ones. */
class VarispeedResampler
{
public:
    /** Source frames per output frame for a file at fileRate played at deviceRate, pitched by
        semitones (fractional for cents). [any] — one pow: call per block or per change, not per sample. */
    static double ratioFor (double fileRate, double deviceRate, double semitones) noexcept;

    /** [message/loader] allocates. `simd` picks the kernel (tests compare them); it must be
        supported by this CPU. */
    void prepare (int maxBlockSize, SimdSupport::Level simd = SimdSupport::best());
    void reset() noexcept; // [audio] next process() starts at source frame 0

    /** Writes numOut frames. Returns how many are the sample's own (fewer = the source ended and
        the rest was zeroed; later calls return 0). numOut may exceed maxBlockSize. With glide off
        the ratio is targetRatio for the whole block, so the source position advances by exactly
        numOut × targetRatio (a synced voice steers its position with it). [audio] */
    int process (FrameSource& source, float* outL, float* outR, int numOut, double targetRatio,
                 bool glide = true) noexcept;

    /** Source position (in source frames) of the next output frame. [audio] */
    double getSourcePosition() const noexcept;
    /** The ratio the last block ended on (1 before the first). [audio] */
    double getRatio() const noexcept { return ratio; }

    SimdSupport::Level getSimdLevel() const noexcept { return simdLevel; } // [any]

private:
    friend struct ResamplerKernels; // the per-ISA kernels, in the .cpp

    /** One stretch of output through one band's kernel, with the position in fixed point. */
    struct KernelRun
    {
        const float* left;
        const float* right;
        const SincTable::Band* band;
        std::int64_t endIndex; // buffer index where the source ended: outputs from there are silence
        float* outL;
        float* outR;
        int numOut;
    };
    struct Phase
    {
        std::uint64_t position; // buffer index << 32 | fraction
        // In 2^-32 frames: the advance after output j is step + stepDelta × (j + 1), as a ratio
        // gliding from step's across the run would; stepDelta is 0 at a constant ratio.
        std::int64_t step;
        std::int64_t stepDelta;
    };
    /** Writes run.numOut frames, advances phase; returns how many came before endIndex. */
    using Kernel = int (*) (const KernelRun& run, Phase& phase) noexcept;

    int processChunk (FrameSource& source, float* outL, float* outR, int numOut, double endRatio) noexcept;
    void pullSource (FrameSource& source, int framesWanted) noexcept;
    int copyThrough (float* outL, float* outR, int numOut) noexcept;

    const SincTable* table = nullptr;
    Kernel kernel = nullptr;
    SimdSupport::Level simdLevel = SimdSupport::Level::sse;
    int maxBlock = 0, historyFrames = 0;

    // audio only
    std::vector<float> bufferL, bufferR; // source frames from absolute index bufferStart
    std::int64_t bufferStart = 0;
    int bufferFrames = 0;
    int readIndex = 0;      // buffer index of the integer part of the position
    std::uint32_t frac = 0; // fractional part, in 2^-32 frames
    double ratio = 1.0;     // ratio reached at the end of the last block
    bool hasRatio = false;
    std::int64_t sourceEnd = INT64_MAX; // absolute frame index where the source ended
};

} // namespace paddeck
