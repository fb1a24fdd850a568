#include "Dsp/DjEqControl.h"

#include "Dsp/DjEqDesign.h"

#include <cmath>

namespace paddeck
{

void DjEqControl::Ramp::setTarget (float newTarget, int steps) noexcept
{
    if (newTarget == target)
        return;

    target = newTarget;
    if (steps <= 0)
    {
        jump();
        return;
    }

    countdown = steps;
    step = (target - current) / (float) countdown;
}

void DjEqControl::prepare (double sampleRate) noexcept
{
    rampSteps = (int) std::floor (DjEqDesign::rampSeconds * sampleRate);
    fadeStep = (float) (1.0 / (DjEqDesign::rampSeconds * sampleRate));
    for (auto& g : gains)
        g = Ramp{};
    engaged = false;
    mix = 0.0f;
}

bool DjEqControl::setGains (float lowGain, float midGain, float highGain) noexcept
{
    gains[low].setTarget (std::clamp (lowGain, 0.0f, DjEqDesign::maxGain), rampSteps);
    gains[mid].setTarget (std::clamp (midGain, 0.0f, DjEqDesign::maxGain), rampSteps);
    gains[high].setTarget (std::clamp (highGain, 0.0f, DjEqDesign::maxGain), rampSteps);

    if (engaged || gainsAtUnity())
        return false;

    engaged = true; // the bands start at weight 0 (mix) and fade in
    return true;
}

void DjEqControl::reset() noexcept
{
    for (auto& g : gains)
        g.jump();
    engaged = !gainsAtUnity();
    mix = engaged ? 1.0f : 0.0f;
}

bool DjEqControl::gainsAtUnity() const noexcept
{
    for (auto& g : gains)
        if (g.isSmoothing() || g.target != 1.0f)
            return false;
    return true;
}

void DjEqControl::endChunk (float newMix, float mixStep) noexcept
{
    mix = newMix;
    if (mixStep < 0.0f && mix <= 0.0f)
        engaged = false;
}

} // namespace paddeck
