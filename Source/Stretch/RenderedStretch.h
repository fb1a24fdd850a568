#pragma once

#include "Dsp/OfflineStretcher.h"
#include "Streaming/Sample.h"

#include <memory>

namespace paddeck
{

/** A pad's sample rendered whole at one stretch (its KeyLock pitch, and for a synced pad the
    master tempo), ready to play through a plain voice: the same frames a realtime KeyLock voice
    would give, made once in the background at Rubber Band's best quality.

    Immutable once made; the engine's snapshot carries it, and any thread may read it. */
struct RenderedStretch
{
    using Ptr = std::shared_ptr<const RenderedStretch>;

    Sample::Ptr sample; // the render, at the engine rate: in RAM, or streamed from the cache
    double pitchRatio = 1.0;
    double masterBpm = 0.0; // a synced pad's: the master tempo it is in time at; 0 when not synced
    double padBpm = 0.0;    // a synced pad's own tempo it was rendered from
    OfflineStretcher::Layout layout;
    double sourceRate = 48000.0;      // of the source file's frames, which the layout maps from
    std::int64_t sourceLoopStart = 0; // the source file frame the loop starts at
    int loopBeats = 0;                // a synced loop's whole beats (its beat is the loop ÷ beats)

    /** Whether a voice at this pitch, synced or not (a pad of padTempo under a clock at clockBpm),
        plays exactly this render: the same pitch, and the same tempi when synced. [any, wait-free] */
    bool playsFor (double padPitchRatio, bool synced, double padTempo, double clockBpm) const noexcept
    {
        return sample != nullptr && padPitchRatio == pitchRatio
               && (synced ? masterBpm > 0.0 && clockBpm == masterBpm && padTempo == padBpm
                          : masterBpm == 0.0);
    }

    /** The render's frame that plays a sample frame of the source (a frame of `sourceSample`,
        at its own rate), and the inverse. [any, wait-free] */
    double renderedFrameOf (double sourceSampleFrame, double sourceSampleRate) const noexcept
    {
        return layout.outputFrameOf (sourceSampleFrame * sourceRate / sourceSampleRate, sourceLoopStart);
    }
    double sourceFrameOf (double renderedFrame, double sourceSampleRate) const noexcept
    {
        return layout.inputFrameOf (renderedFrame, sourceLoopStart) * sourceSampleRate / sourceRate;
    }

    /** A synced render's beat, in its frames: its loop ÷ its beats, else the master's beat. */
    double framesPerBeat() const noexcept
    {
        if (loopBeats > 0 && layout.loopEnd > layout.loopStart)
            return (double) (layout.loopEnd - layout.loopStart) / loopBeats;
        return masterBpm > 0.0 && sample != nullptr ? 60.0 * sample->getSampleRate() / masterBpm : 0.0;
    }
};

} // namespace paddeck
