#pragma once

#include <algorithm>
#include <array>

namespace paddeck
{

/** One voice's DJ EQ settings as they move, apart from its filters: three band gains ramped
    linearly per sample over DjEqDesign::rampSeconds (step for step what
    juce::LinearSmoothedValue<float> does), and whether the band path is engaged, with the
    weight of the bands against the dry signal while that path fades in or out.

    DjEq (one voice) and DjEqBank (a voice per SIMD lane) both keep theirs here, so they engage,
    ramp, fade and return to the bypass alike. All [audio] after prepare; no allocation. */
class DjEqControl
{
public:
    enum Band
    {
        low,
        mid,
        high
    };

    /** A linear ramp to a target over a fixed number of samples. */
    struct Ramp
    {
        float current = 1.0f, target = 1.0f, step = 0.0f;
        int countdown = 0; // samples until current lands on target; 0 = settled

        bool isSmoothing() const noexcept { return countdown > 0; }
        void setTarget (float newTarget, int steps) noexcept;
        void jump() noexcept
        {
            current = target;
            countdown = 0;
        }

        /** The gain for the next sample. */
        float next() noexcept
        {
            if (countdown <= 0)
                return target;
            if (--countdown > 0)
                current += step;
            else
                current = target;
            return current;
        }
    };

    void prepare (double sampleRate) noexcept; // [message] back to flat

    /** Linear gains, clamped to 0 (kill) … DjEqDesign::maxGain; they ramp from where they are.
        Returns true when this engages the band path: its filters must restart from silence. */
    bool setGains (float lowGain, float midGain, float highGain) noexcept;

    /** The gains jump to their targets; engaged (fully) unless all sit at unity. */
    void reset() noexcept;

    bool isEngaged() const noexcept { return engaged; }
    bool gainsAtUnity() const noexcept;

    /** How the band weight moves per sample through the chunk that starts now: down to the dry
        signal once every gain has settled at unity, else up to the bands. */
    float getMixStepForChunk() const noexcept { return gainsAtUnity() ? -fadeStep : fadeStep; }
    static float nextMix (float mix, float step) noexcept
    {
        return std::min (1.0f, std::max (0.0f, mix + step));
    }

    /** The chunk ended with the band weight at newMix: back on the bypass once faded out. */
    void endChunk (float newMix, float mixStep) noexcept;

    std::array<Ramp, 3> gains;
    float mix = 0.0f; // weight of the band path against the dry signal

private:
    int rampSteps = 0;
    float fadeStep = 1.0f;
    bool engaged = false;
};

} // namespace paddeck
