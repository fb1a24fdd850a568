#pragma once

#include <vector>

namespace paddeck
{

/** Windowed-sinc polyphase kernels for VarispeedResampler, one per band of read ratios.

    Band 0 serves ratios up to 1 at the full source bandwidth; its phase 0 is an exact unit
    impulse, so integer positions reproduce the source bit for bit. Each higher band covers a
    step of 2 semitones and lowers the cutoff to its top ratio, widening the kernel so the
    stopband holds (about 50 dB) where aliases would land in the audible range.

    Each phase's row is stored with its difference to the next phase's row, so a kernel between
    two phases is one multiply-add per tap (base + w × delta). Rows are zero-padded on both sides
    to a multiple of tapAlignment taps, so 256-bit kernels need no tail; the padding changes
    nothing in the result.

    Built once per process, on first use (off the audio thread); read-only afterwards. */
class SincTable
{
public:
    static constexpr int phaseBits = 7;
    static constexpr int numPhases = 1 << phaseBits;
    static constexpr double maxRatio = 8.0;
    static constexpr int tapAlignment = 8;

    struct Band
    {
        /** numPhases rows of 2 × numTaps: the taps at fraction p / numPhases, then the taps at
            (p + 1) / numPhases minus those. */
        const float* coefficients;
        int numTaps; // a multiple of tapAlignment; taps cover source frames [i - numTaps/2 + 1, i +
                     // numTaps/2]
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
