#pragma once

#include <juce_dsp/juce_dsp.h>

#include <array>

namespace paddeck
{

/** A 3-band DJ EQ (low / mid / high), stereo, for one voice.

    Linkwitz-Riley 4th-order crossovers at 250 Hz and 4 kHz split the signal: low = LP250 then
    an allpass at 4 kHz (phase-matched to the other bands), mid = HP250 + LP4k, high = HP250 + HP4k.
    At unity gains the bands sum to an allpass: flat magnitude. Each band's gain runs from kill
    (0, −∞ dB) to 2 (+6 dB), ramped linearly per sample over 20 ms.

    Fast path: while all three gains sit at unity the EQ is bypassed, so a pad's attack reaches the
    output sample for sample. Leaving or returning to flat crossfades between the dry signal and
    the bands over 20 ms; at unity the bands sum to an allpass (same magnitude), so it is smooth.

    Coefficients come from juce::dsp::IIR::ArrayCoefficients in prepare() (fixed crossovers);
    the audio thread never allocates or designs filters. The biquads run four at a time
    (transposed direct form II, per-lane coefficients) so the compiler vectorises them. */
class DjEq
{
public:
    static constexpr float lowCrossoverHz = 250.0f, highCrossoverHz = 4000.0f;
    static constexpr float maxGain = 2.0f;

    void prepare (double sampleRate, int maxBlockSize); // [message/loader] allocates
    void reset() noexcept;                              // [audio] clears state, jumps to the current targets

    /** Linear gains, 0 = kill … 2 = +6 dB; ramps from where the gains are now. [audio] */
    void setGains (float low, float mid, float high) noexcept;

    void process (float* left, float* right, int numFrames) noexcept; // [audio] in place

    bool isFlat() const noexcept { return !engaged; } // [audio] true while on the fast path

private:
    /** Four biquads stepped together, one per lane. */
    struct BiquadQuad
    {
        using Vec = juce::dsp::SIMDRegister<float>;
        static_assert (Vec::size() >= 4, "four lanes");

        Vec b0{}, b1{}, b2{}, a1{}, a2{};
        Vec s1{}, s2{};

        void setLane (int lane, const std::array<float, 6>& c) noexcept;
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
    void engage() noexcept;
    bool gainsAtUnity() const noexcept;

    // Lanes: splitLow = [LP250 L, LP250 R, HP250 L, HP250 R] (twice, for 4th order), then
    // lowMid = [AP4k on low L/R, LP4k on rest L/R], highFlat = [HP4k on rest L/R, AP250 on input
    // L/R (spare)], midHigh = [LP4k L/R, HP4k L/R].
    BiquadQuad splitLowA, splitLowB, lowMid, highFlat, midHigh;
    juce::LinearSmoothedValue<float> lowGain, midGain, highGain;
    int maxBlock = 0;
    float fadeStep = 0.0f;

    // audio only
    bool engaged = false;
    float mix = 0.0f; // weight of the band path against the flat path
};

} // namespace paddeck
