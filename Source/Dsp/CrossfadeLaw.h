#pragma once

#include <algorithm>
#include <cmath>

namespace paddeck
{

/** The gains of a crossfade between two signals that may or may not be alike: linear when they
    are the same music in phase (correlation 1), equal power when they are unrelated (0), and a
    little more when they partly cancel, so the level holds through the fade either way.

    Pure arithmetic, any thread (the audio thread too). */
struct CrossfadeLaw
{
    /** t: 0 at the fade's start (all `from`), 1 at its end (all `to`); rho: the two signals'
        normalised correlation over the fade. */
    static void gains (double t, double rho, float& fromGain, float& toGain) noexcept
    {
        const auto in = std::clamp (t, 0.0, 1.0), out = 1.0 - in;
        const auto power = out * out + in * in + 2.0 * std::clamp (rho, -1.0, 1.0) * out * in;
        const auto scale = 1.0 / std::sqrt (std::max (power, 0.25)); // at most +6 dB
        fromGain = (float) (scale * out);
        toGain = (float) (scale * in);
    }

    /** Normalised correlation from the sums of x·y, x² and y² (1 when either is silent). */
    static double correlation (double xy, double xx, double yy) noexcept
    {
        const auto norm = std::sqrt (xx * yy);
        return norm > 1.0e-12 ? std::clamp (xy / norm, -1.0, 1.0) : 1.0;
    }
};

} // namespace paddeck
