#pragma once

#include <juce_dsp/juce_dsp.h>

#include <array>
#include <vector>

namespace paddeck
{

/** A 3-band DJ EQ (low / mid / high), stereo, for one voice.

    Linkwitz-Riley 4th-order crossovers at 250 Hz and 4 kHz split the signal: low = LP250 then
    an allpass at 4 kHz (phase-matched to the other bands), mid = HP250 + LP4k, high = HP250 + HP4k.
    At unity gains the bands sum to an allpass: flat magnitude. Each band's gain runs from kill
    (0, −∞ dB) to 2 (+6 dB), ramped linearly per sample over 20 ms.

    Fast path: while all three gains sit at unity the EQ is bypassed, so a pad's attack reaches the
    output sample for sample. Leaving or returning to flat crossfades between the dry signal and the
    bands over 20 ms; at unity the bands sum to an allpass (same magnitude), so the switch is smooth.

    Coefficients are fixed (fixed crossovers), built in prepare(); nothing on the audio thread
    allocates or calls Coefficients::make*. */
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
    using Filter = juce::dsp::IIR::Filter<float>;
    using Coefficients = juce::dsp::IIR::Coefficients<float>;

    struct Channel
    {
        Filter lowA, lowB, splitHighA, splitHighB, lowAllpass, midA, midB, highA, highB;
    };

    void processChunk (float* left, float* right, int numFrames) noexcept;
    void engage() noexcept;
    bool gainsAtUnity() const noexcept;

    std::array<Channel, 2> channels;
    juce::LinearSmoothedValue<float> lowGain, midGain, highGain;
    int maxBlock = 0;
    float fadeStep = 0.0f;

    // audio only
    bool engaged = false;
    float mix = 0.0f; // weight of the band path against the flat path
};

} // namespace paddeck
