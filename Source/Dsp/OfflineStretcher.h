#pragma once

#include <cstdint>
#include <functional>

namespace paddeck
{

/** A whole sample stretched at once with Rubber Band's offline engine at its best quality (R3,
    OptionEngineFiner, study then process): what a settled stretch is rendered with, so a pad can
    then play it through a plain voice.

    A one-shot is rendered whole. A loop is rendered with what plays before it (its intro, or when
    it has none its own tail) and is made seamlessly loopable at an exact length in output frames:
    its last frames are crossfaded into the frames that preceded its start in the same render, so
    the wrap from its end to its start continues the render exactly. The crossfade's gains follow
    how alike the two are (linear when they match, equal power when they don't), so its level
    holds either way.

    The input is read at its own rate and the output is at another (the engine's): Rubber Band's
    time ratio and pitch scale take the difference in, so no separate resampler is needed.

    Runs on a background thread; allocates; never for the audio thread. */
class OfflineStretcher
{
public:
    /** Random access to the input's frames, stereo (mono duplicated). [render thread] */
    struct Input
    {
        virtual ~Input() = default;
        /** Reads numFrames frames from frame on; false on a read error. */
        virtual bool read (std::int64_t frame, int numFrames, float* left, float* right) = 0;
    };

    struct Request
    {
        double inputRate = 48000.0, outputRate = 48000.0;
        double pitchRatio = 1.0;      // 2^(semitones/12)
        std::int64_t inputLength = 0; // input frames
        // A loop, in input frames; loopEnd < 0 (or not past loopStart): a one-shot, rendered whole.
        std::int64_t loopStart = 0, loopEnd = -1;
        std::int64_t loopOutputFrames = 0; // a loop's exact length in output frames
        double tempoRatio = 1.0; // a one-shot's output duration ÷ its input duration (1 = tempo kept)

        bool isLoop() const noexcept { return loopEnd > loopStart && loopOutputFrames > 0; }
    };

    /** Where things are in the output, in output frames. */
    struct Layout
    {
        std::int64_t length = 0;
        std::int64_t loopStart = 0, loopEnd = -1; // the seamless loop; loopEnd -1 for a one-shot
        double frameRatio = 1.0;                  // output frames per input frame

        /** The output frame that plays input frame `frame`: before the loop (and for a one-shot) at
            the frame ratio; in the loop, at the loop's exact length. */
        double outputFrameOf (double inputFrame, std::int64_t inputLoopStart) const noexcept;
        /** The inverse of outputFrameOf. */
        double inputFrameOf (double outputFrame, std::int64_t inputLoopStart) const noexcept;
    };

    static Layout plan (const Request& request) noexcept;

    /** Output frames in order, from frame 0 of the layout to its end; false stops the render. */
    using Sink = std::function<bool (const float* left, const float* right, int numFrames)>;
    /** How far the render is (0…1); false cancels it. */
    using Progress = std::function<bool (double fraction)>;

    /** Renders the request into the sink. False when cancelled, on a read error, or when the
        sink refused frames; the sink then has part of the output. */
    static bool render (const Request& request, Input& input, const Sink& sink,
                        const Progress& progress = {});

    /** Bumped whenever what render() produces for the same request changes: part of a render's
        cache key, so renders made by older code are not played as if current. */
    static constexpr int version = 1;

    /** Rubber Band's options for the offline render. */
    static int options() noexcept;

    /** The seam's crossfade length at an output rate (about 21 ms), at most a quarter of the loop. */
    static int crossfadeFrames (double outputRate, std::int64_t loopFrames) noexcept;
};

} // namespace paddeck
