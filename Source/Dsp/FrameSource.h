#pragma once

namespace paddeck
{

/** Anything a voice pulls sample frames from, in playback order: a RAM sample, a streamed
    sample's reader, a pitched prime. Stereo always (mono sources duplicate their channel).

    One consumer thread at a time (the audio thread, or a KeyLock render-ahead worker). */
struct FrameSource
{
    virtual ~FrameSource() = default;

    /** Writes numFrames frames to left/right. Returns how many of them are the sample's own
        frames; fewer than numFrames means the sample ended and the rest was zeroed. A miss
        (data not there in time) writes silence but still counts as frames played. Never blocks,
        never allocates. */
    virtual int readFrames (float* left, float* right, int numFrames) noexcept = 0;
};

} // namespace paddeck
