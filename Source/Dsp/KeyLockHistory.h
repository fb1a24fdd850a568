#pragma once

#include "Dsp/FrameSource.h"

#include <cstdint>
#include <vector>

namespace paddeck
{

/** A KeyLockVoice's input as its renderer reads it: frames come from the live source the first
    time and are recorded in a ring indexed by how many frames were read since reset(), so the
    voice can restart its renderer at a frame already read (a pitch or tempo cut) and feed it the
    same frames again, with the real frames before it as pre-roll.

    Worker thread only; the ring is allocated at construction. */
class KeyLockHistory : public FrameSource
{
public:
    explicit KeyLockHistory (int capacityFrames); // allocates

    void reset (FrameSource& liveSource) noexcept; // reads `liveSource` from frame 0 on

    /** Reads from the read position: recorded frames, then the live source's next ones. */
    int readFrames (float* left, float* right, int numFrames) noexcept override;

    /** Moves the read position back (or forward up to getLiveCount()); false if the frame is
        no longer recorded. */
    bool seek (std::int64_t frame) noexcept;

    std::int64_t getOldestFrame() const noexcept;                    // the first frame still recorded
    std::int64_t getLiveCount() const noexcept { return liveCount; } // frames read from the live source
    int getCapacity() const noexcept { return mask + 1; }

private:
    FrameSource* live = nullptr;
    std::vector<float> ringL, ringR;
    int mask = 0;
    std::int64_t liveCount = 0, position = 0;
    bool liveEnded = false;
};

} // namespace paddeck
