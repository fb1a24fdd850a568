#pragma once

#include "Dsp/FrameSource.h"
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

    When the ratio changes it glides linearly across the block, so pitch moves never zipper. */
class VarispeedResampler
{
public:
    /** Source frames per output frame for a file at fileRate played at deviceRate, pitched by
        semitones (fractional for cents). [any] — one pow: call per block or per change, not per sample. */
    static double ratioFor (double fileRate, double deviceRate, double semitones) noexcept;

    void prepare (int maxBlockSize); // [message/loader] allocates
    void reset() noexcept;           // [audio] next process() starts at source frame 0

    /** Writes numOut frames. Returns how many are the sample's own (fewer = the source ended and
        the rest was zeroed; later calls return 0). numOut may exceed maxBlockSize. With glide off
        the ratio is targetRatio for the whole block, so the source position advances by exactly
        numOut × targetRatio (a synced voice steers its position with it). [audio] */
    int process (FrameSource& source, float* outL, float* outR, int numOut, double targetRatio,
                 bool glide = true) noexcept;

    /** Source position (in source frames) of the next output frame. [audio] */
    double getSourcePosition() const noexcept;

private:
    int processChunk (FrameSource& source, float* outL, float* outR, int numOut, double endRatio) noexcept;
    void pullSource (FrameSource& source, int framesWanted) noexcept;
    int copyThrough (float* outL, float* outR, int numOut) noexcept;

    const SincTable* table = nullptr;
    int maxBlock = 0, historyFrames = 0;

    // audio only
    std::vector<float> bufferL, bufferR; // source frames from absolute index bufferStart
    std::int64_t bufferStart = 0;
    int bufferFrames = 0;
    int readIndex = 0;  // buffer index of the integer part of the position
    double frac = 0.0;  // fractional part, [0, 1)
    double ratio = 1.0; // ratio reached at the end of the last block
    bool hasRatio = false;
    std::int64_t sourceEnd = INT64_MAX; // absolute frame index where the source ended
};

} // namespace paddeck
