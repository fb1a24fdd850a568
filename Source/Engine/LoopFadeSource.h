#pragma once

#include "Dsp/FrameSource.h"
#include "Streaming/PlayTimeline.h"

namespace paddeck
{

struct PadSettings;

/** Sits between a sample reader and the resampler, follows the reader's timeline, and shapes what
    it plays:
    - seams: the last frames before a loop wrap (or a one-shot's end) fade out and the first frames
      after a wrap fade in, so a loop whose ends don't meet never clicks;
    - the pad's fades: a fade-in over the first frames of each hit, and, on a one-shot, a fade-out
      whose last frame is the one before the end point (reversed: the start point).
    Without a fade-in the first frames of a hit are left alone: an onset stays sharp and exact.
    Fades are in the sample's frames, so a varispeed pad pitched up hears them shorter, as on tape.
    [audio, or whoever reads the wrapped source] */
class LoopFadeSource : public FrameSource
{
public:
    explicit LoopFadeSource (FrameSource& readerToWrap)
        : inner (readerToWrap)
    {
    }

    static constexpr double seamFadeSeconds = 0.002;

    /** Frames of a fade of ms milliseconds at sampleRate. */
    static int framesOf (double ms, double sampleRate) noexcept;

    /** [audio] Must match what the reader was started with. firstPlayIndex: where in the timeline
        the reader was started (a synced voice joining late), so the fades stay where they belong. */
    void start (const PlayTimeline& timeline, int seamFadeFrames, int fadeInFrames = 0, int fadeOutFrames = 0,
                juce::int64 firstPlayIndex = 0) noexcept;
    /** [audio] As a pad plays: its seams, and its fades converted at sampleRate. */
    void startForPad (const PlayTimeline& timeline, const PadSettings& pad, double sampleRate,
                      juce::int64 firstPlayIndex = 0) noexcept;
    /** [audio] Forwards, no pad fades. */
    void start (juce::int64 startFrame, juce::int64 lengthFrames, bool loop, juce::int64 loopStart,
                juce::int64 loopEnd, int fadeFrames) noexcept;

    int readFrames (float* left, float* right, int numFrames) noexcept override;

    /** The file frame the next frame comes from. */
    juce::int64 getPosition() const noexcept { return timeline.runAt (playIndex).frame; }
    juce::int64 getLength() const noexcept { return timeline.getLength(); }

private:
    void applyEnvelope (float* left, float* right, int numFrames, PlayTimeline::Run run) const noexcept;

    FrameSource& inner;
    PlayTimeline timeline;
    juce::int64 playIndex = 0;
    int seamFade = 0, endFade = 0, fadeIn = 0;
};

} // namespace paddeck
