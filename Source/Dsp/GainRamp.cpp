#include "Dsp/GainRamp.h"

#include <algorithm>
#include <cmath>

namespace paddeck
{

void GainRamp::prepare (double sampleRate, double fadeMs) noexcept
{
    fadeFrames = std::max (1, (int) std::ceil (std::max (2.0, fadeMs) * 0.001 * sampleRate));
    fadeStep = 1.0f / (float) fadeFrames;
}

void GainRamp::process (float* left, float* right, int numFrames) noexcept
{
    if (numFrames <= 0)
        return;

    const auto gainStep = (targetGain - gain) / (float) numFrames;

    if (gainStep == 0.0f && fade == fadeTarget)
    {
        const auto g = gain * fade;
        if (g != 1.0f)
        {
            for (int i = 0; i < numFrames; ++i)
            {
                left[i] *= g;
                right[i] *= g;
            }
        }
        return;
    }

    for (int i = 0; i < numFrames; ++i)
    {
        fade = fade < fadeTarget ? std::min (fadeTarget, fade + fadeStep)
                                 : std::max (fadeTarget, fade - fadeStep);
        const auto g = (gain + gainStep * (float) (i + 1)) * fade;
        left[i] *= g;
        right[i] *= g;
    }

    gain = targetGain;
}

} // namespace paddeck
