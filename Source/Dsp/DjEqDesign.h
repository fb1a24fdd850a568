#pragma once

namespace paddeck
{

/** What every PadDeck DJ EQ shares (DjEq for one voice, DjEqBank for a voice per SIMD lane):
    the ranges, the ramp time and the fixed Linkwitz-Riley crossovers at 250 Hz and 4 kHz.

    low = LP250 · LP250 · AP4k (the allpass keeps it in phase with the other bands),
    mid = HP250 · HP250 · LP4k · LP4k, high = HP250 · HP250 · HP4k · HP4k: at unity gains the
    bands sum to an allpass, so flat is flat in magnitude. */
struct DjEqDesign
{
    static constexpr float lowCrossoverHz = 250.0f, highCrossoverHz = 4000.0f;
    static constexpr float maxGain = 2.0f;      // +6 dB; 0 is a kill (−∞ dB)
    static constexpr double rampSeconds = 0.02; // gain ramps and the bypass crossfade

    /** A biquad normalised by a0, run in transposed direct form II:
        y = b0 x + s1;  s1 = b1 x − a1 y + s2;  s2 = b2 x − a2 y. */
    struct Biquad
    {
        float b0, b1, b2, a1, a2;
    };

    Biquad lowPass250, highPass250, allPass250, lowPass4k, highPass4k, allPass4k;

    /** Designs them with juce::dsp::IIR::ArrayCoefficients (no allocation, but not free: call in
        prepare). [message/loader] */
    static DjEqDesign forSampleRate (double sampleRate);
};

} // namespace paddeck
