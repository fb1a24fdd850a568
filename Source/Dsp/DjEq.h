#pragma once

#include "Dsp/DjEqControl.h"
#include "Dsp/DjEqDesign.h"

#include <juce_dsp/juce_dsp.h>

namespace paddeck
{

/** A 3-band DJ EQ (low / mid / high), stereo, for one voice.

    Linkwitz-Riley 4th-order crossovers at 250 Hz and 4 kHz split the signal (DjEqDesign). At
    unity gains the bands sum to an allpass: flat magnitude. Each band's gain runs from kill
    (0, −∞ dB) to 2 (+6 dB), ramped linearly per sample over 20 ms (DjEqControl).

    Fast path: while all three gains sit at unity the EQ is bypassed, so a pad's attack reaches the
    output sample for sample. Leaving or returning to flat crossfades between the dry signal and
    the bands over 20 ms; at unity the bands sum to an allpass (same magnitude), so it is smooth.

    Coefficients come from juce::dsp::IIR::ArrayCoefficients in prepare() (fixed crossovers);
    the audio thread never allocates or designs filters. The biquads run four at a time
    (transposed direct form II, per-lane coefficients) so the compiler vectorises them.
    DjEqBank does the same for eight voices at once, a voice per lane. */
class DjEq
{
public:
    void prepare (double sampleRate, int maxBlockSize); // [message/loader] allocates
    void reset() noexcept;                              // [audio] clears state, jumps to the current targets

    /** Linear gains, 0 = kill … 2 = +6 dB; ramps from where the gains are now. [audio] */
    void setGains (float low, float mid, float high) noexcept;

    void process (float* left, float* right, int numFrames) noexcept; // [audio] in place

    bool isFlat() const noexcept { return !control.isEngaged(); } // [audio] true while on the fast path

private:
    /** Four biquads stepped together, one per lane. */
    struct BiquadQuad
    {
        using Vec = juce::dsp::SIMDRegister<float>;
        static_assert (Vec::size() >= 4, "four lanes");

        Vec b0{}, b1{}, b2{}, a1{}, a2{};
        Vec s1{}, s2{};

        void setLane (int lane, const DjEqDesign::Biquad& c) noexcept;
        void clearLane (int lane) noexcept;
        void clear() noexcept;

        Vec step (Vec x) noexcept
        {
            const auto y = b0 * x + s1;
            s1 = b1 * x - a1 * y + s2;
            s2 = b2 * x - a2 * y;
            return y;
        }
    };

    void processChunk (float* left, float* right, int numFrames) noexcept;
    void restartBands() noexcept;

    // Lanes: splitLow = [LP250 L, LP250 R, HP250 L, HP250 R] (twice, for 4th order), then
    // lowMid = [AP4k on low L/R, LP4k on rest L/R], highFlat = [HP4k on rest L/R, AP250 on input
    // L/R (spare)], midHigh = [LP4k L/R, HP4k L/R].
    BiquadQuad splitLowA, splitLowB, lowMid, highFlat, midHigh;
    DjEqControl control;
    int maxBlock = 0;
};

} // namespace paddeck
