#pragma once

#include "Dsp/CrossfadeLaw.h"

namespace paddeck
{

/** One crossfade from a signal to another, a block at a time: the outgoing frames are faded in
    place into the incoming ones, with CrossfadeLaw's gains following how alike the two have been
    over the last few milliseconds (a leaky correlation), so two sources whose phases drift apart
    and together again keep their level through the fade.

    Plain state, no allocation: [audio]. */
class Crossfade
{
public:
    void start (int lengthFrames) noexcept
    {
        length = lengthFrames;
        position = 0;
        xy = xx = yy = 0.0;
    }

    bool hasStarted() const noexcept { return position > 0; }
    bool isDone() const noexcept { return position >= length; }

    /** Fades n frames: out (holding the outgoing frames) becomes the mix; past the fade's end it is
        all incoming. */
    void process (float* outLeft, float* outRight, const float* inLeft, const float* inRight, int n) noexcept
    {
        constexpr double keep = 1.0 - 1.0 / 256.0; // the correlation's memory: ~5 ms at 48 kHz
        for (int i = 0; i < n; ++i)
        {
            const double l = outLeft[i], r = outRight[i], inL = inLeft[i], inR = inRight[i];
            xy = keep * xy + l * inL + r * inR;
            xx = keep * xx + l * l + r * r;
            yy = keep * yy + inL * inL + inR * inR;
            float fromGain, toGain;
            CrossfadeLaw::gains ((double) (position + i + 1) / (length + 1),
                                 CrossfadeLaw::correlation (xy, xx, yy), fromGain, toGain);
            outLeft[i] = fromGain * outLeft[i] + toGain * inLeft[i];
            outRight[i] = fromGain * outRight[i] + toGain * inRight[i];
        }
        position += n;
    }

private:
    int length = 0, position = 0;
    double xy = 0.0, xx = 0.0, yy = 0.0;
};

} // namespace paddeck
