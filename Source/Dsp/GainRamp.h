#pragma once

namespace paddeck
{

/** A voice's or bus's gain without clicks: the gain ramps linearly across each block from its
    old value to the new one (as Mixxx does), times a fade envelope for stop, retrigger, choke
    and loop wrap that moves linearly over a fixed time (≥ 2 ms). All [audio]; no allocation. */
class GainRamp
{
public:
    static constexpr double defaultFadeMs = 3.0;

    void prepare (double sampleRate, double fadeMs = defaultFadeMs) noexcept; // [any, before use]

    void setGain (float newGain) noexcept { targetGain = newGain; } // ramps over the next process()
    void jumpToGain (float newGain) noexcept { gain = targetGain = newGain; }

    void fadeIn() noexcept { fadeTarget = 1.0f; }  // from wherever the fade is now
    void fadeOut() noexcept { fadeTarget = 0.0f; } // reaches silence after getFadeFrames()
    void restartFadeIn() noexcept
    {
        fade = 0.0f;
        fadeTarget = 1.0f;
    }
    void setFadedIn() noexcept { fade = fadeTarget = 1.0f; }

    bool isFadedOut() const noexcept { return fade <= 0.0f && fadeTarget <= 0.0f; }
    bool isFading() const noexcept { return fade != fadeTarget; }
    /** Neither ramping nor fading: the next process() multiplies every frame by getSteadyGain(). */
    bool isSteady() const noexcept { return gain == targetGain && fade == fadeTarget; }
    float getSteadyGain() const noexcept { return gain * fade; }
    int getFadeFrames() const noexcept { return fadeFrames; }

    /** Multiplies in place. */
    void process (float* left, float* right, int numFrames) noexcept;

private:
    float gain = 1.0f, targetGain = 1.0f;
    float fade = 1.0f, fadeTarget = 1.0f, fadeStep = 1.0f;
    int fadeFrames = 1;
};

} // namespace paddeck
