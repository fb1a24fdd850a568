#include "Engine/LoopFadeSource.h"

#include "Model/PadSettings.h"

namespace paddeck
{

int LoopFadeSource::framesOf (double ms, double sampleRate) noexcept
{
    return juce::jmax (0, juce::roundToInt (ms * 0.001 * sampleRate));
}

void LoopFadeSource::start (const PlayTimeline& t, int seamFadeFrames, int fadeInFrames, int fadeOutFrames,
                            juce::int64 firstPlayIndex) noexcept
{
    timeline = t;
    playIndex = juce::jmax ((juce::int64) 0, firstPlayIndex);
    fadeIn = juce::jmax (0, fadeInFrames);

    // A loop shorter than two seams would be all fade: leave it alone. A one-shot always fades into
    // its end (its end point may cut a waveform anywhere), a short one over its last quarter.
    if (timeline.isLooping())
    {
        seamFade = timeline.getLoopEnd() - timeline.getLoopStart() >= 4 * (juce::int64) seamFadeFrames
                       ? seamFadeFrames
                       : 0;
        endFade = seamFade;
    }
    else
    {
        seamFade = 0;
        const auto played = timeline.getIntroFrames();
        const auto seam = played >= 4 * (juce::int64) seamFadeFrames ? seamFadeFrames : (int) (played / 4);
        endFade = juce::jmax (seam, fadeOutFrames);
    }
}

void LoopFadeSource::startForPad (const PlayTimeline& t, const PadSettings& pad, double sampleRate,
                                  juce::int64 firstPlayIndex) noexcept
{
    start (t, framesOf (seamFadeSeconds * 1000.0, sampleRate), framesOf (pad.fadeInMs, sampleRate),
           framesOf (pad.fadeOutMs, sampleRate), firstPlayIndex);
}

void LoopFadeSource::start (juce::int64 startFrame, juce::int64 lengthFrames, bool loop,
                            juce::int64 loopStart, juce::int64 loopEnd, int fadeFrames) noexcept
{
    start (PlayTimeline (lengthFrames, startFrame, loop, loopStart, loopEnd), fadeFrames);
}

int LoopFadeSource::readFrames (float* left, float* right, int numFrames) noexcept
{
    const int got = inner.readFrames (left, right, numFrames);
    int done = 0;

    while (done < got)
    {
        const auto run = timeline.runAt (playIndex);
        if (run.frames == 0) // past the end of a one-shot: nothing left to shape
            break;

        const int n = (int) juce::jmin ((juce::int64) (got - done), run.frames);
        applyEnvelope (left + done, right + done, n, run);
        playIndex += n;
        done += n;
    }

    return got;
}

void LoopFadeSource::applyEnvelope (float* left, float* right, int numFrames,
                                    PlayTimeline::Run run) const noexcept
{
    const auto scale = [left, right] (int i, float g)
    {
        left[i] *= g;
        right[i] *= g;
    };

    // Into the wrap or the end: down to 1/(fade+1) on the last frame. run.frames counts the frames
    // left in this pass from the block's first (clamped before the cast: a long sample's distance
    // to its end does not fit an int).
    if (endFade > 0)
        for (int i = (int) juce::jlimit ((juce::int64) 0, (juce::int64) numFrames, run.frames - endFade);
             i < numFrames; ++i)
            scale (i, (float) (run.frames - i) / (float) (endFade + 1));

    // Out of a wrap: up from 1/(fade+1) on the loop's first frame.
    if (seamFade > 0 && playIndex >= timeline.getIntroFrames())
    {
        const auto intoLoop = timeline.getLoopEnd() - timeline.getLoopStart() - run.frames;
        const int count = (int) juce::jlimit ((juce::int64) 0, (juce::int64) numFrames, seamFade - intoLoop);
        for (int i = 0; i < count; ++i)
            scale (i, (float) (intoLoop + i + 1) / (float) (seamFade + 1));
    }

    // The hit's fade-in: up from 1/(fade+1) on its first frame.
    if (playIndex < fadeIn)
    {
        const int count = (int) juce::jmin ((juce::int64) numFrames, fadeIn - playIndex);
        for (int i = 0; i < count; ++i)
            scale (i, (float) (playIndex + i + 1) / (float) (fadeIn + 1));
    }
}

} // namespace paddeck
