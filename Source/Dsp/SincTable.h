#pragma once

#include <vector>

namespace paddeck
{

/** Windowed-sinc polyphase kernels for VarispeedResampler, one per band of read ratios.

    Band 0 serves ratios up to 1 at the full source bandwidth; its phase 0 is an exact unit
    impulse, so integer positions reproduce the source bit for bit. Each higher band covers a
    step of 2 semitones and lowers the cutoff to its top ratio, widening the kernel so the
    stopband holds (about 50 dB) where aliases would land in the audible range.

    Built once per process, on first use (off the audio thread); read-only afterwards. */
class SincTable
{
public:
    static constexpr int numPhases = 128;
    static constexpr double maxRatio = 8.0;

    struct Band
    {
        const float* coefficients; // (numPhases + 1) rows of numTaps, row p at fraction p / numPhases
        int numTaps;               // even; taps cover source frames [i - numTaps/2 + 1, i + numTaps/2]
        double topRatio;
    };

    static const SincTable& getInstance(); // [any] first call builds (allocates): call it in prepare

    const Band& getBandFor (double ratio) const noexcept; // [any] wait-free
    int getMaxTaps() const noexcept { return maxTaps; }

private:
    SincTable();

    std::vector<float> storage;
    std::vector<Band> bands;
    int maxTaps = 0;
};

} // namespace paddeck
