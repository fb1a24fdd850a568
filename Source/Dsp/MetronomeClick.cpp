#include "Dsp/MetronomeClick.h"

#include <cmath>

namespace paddeck
{

void MetronomeClick::prepare (double sampleRate) noexcept
{
    rate = sampleRate;
    length = (int) (clickSeconds * sampleRate);
    position = -1;
}

void MetronomeClick::trigger (int offset, bool accent) noexcept
{
    position = 0;
    startOffset = offset;
    phaseStep = 2.0 * 3.141592653589793 * (accent ? 1760.0 : 1320.0) / rate;
}

void MetronomeClick::render (float* left, float* right, int numFrames, float gain) noexcept
{
    if (position < 0)
        return;

    for (int i = startOffset; i < numFrames && position < length; ++i, ++position)
    {
        // A 1 ms attack ramp keeps the click's start from being a step; then an exponential decay.
        const auto t = (double) position / rate;
        const auto envelope = std::fmin (1.0, t * 1000.0) * std::exp (-t * 150.0);
        const auto s = gain * (float) (envelope * std::sin (phaseStep * position));
        left[i] += s;
        right[i] += s;
    }
    startOffset = 0;
    if (position >= length)
        position = -1;
}

} // namespace paddeck
