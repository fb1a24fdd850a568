#include "Tempo/OnsetFinder.h"

#include "Tempo/AubioPtr.h"

#include <algorithm>
#include <cmath>

namespace paddeck
{

namespace
{
constexpr double twoPi = 6.283185307179586;

/** aubio's onset times, in samples (each within a few ms of the real start). High-frequency
    content catches clicks, hats and snares, and the click at the start of a kick; it missed none
    of the generated patterns, where spectral flux both missed hits and found some in kick tails. */
std::vector<std::int64_t> aubioOnsets (const float* mono, std::int64_t numFrames, double sampleRate)
{
    const auto win = (uint_t) OnsetFinder::windowSize (sampleRate);
    const auto hop = (uint_t) OnsetFinder::hopSize (sampleRate);
    AubioOnset onset (new_aubio_onset ("hfc", win, hop, (uint_t) std::lround (sampleRate)));
    AubioVec in (new_fvec (hop)), out (new_fvec (1));
    std::vector<std::int64_t> found;

    if (onset == nullptr || in == nullptr || out == nullptr)
        return found;

    // Close hits (16ths at 174 BPM are 86 ms apart) must stay apart. aubio drops an onset when the
    // hop it is reported in is quieter than its silence gate, which by then a short click is: the
    // gate is set below anything but digital silence, and the weights judge quiet onsets instead.
    aubio_onset_set_minioi_ms (onset.get(), 30.0f);
    aubio_onset_set_silence (onset.get(), -90.0f);

    // A window's worth of silence after the end flushes the detector's look-ahead.
    const auto total = numFrames + (std::int64_t) win;

    for (std::int64_t pos = 0; pos < total; pos += hop)
    {
        for (uint_t i = 0; i < hop; ++i)
            in->data[i] = pos + i < numFrames ? mono[pos + i] : 0.0f;

        aubio_onset_do (onset.get(), in.get(), out.get());

        if (out->data[0] > 0.0f)
            found.push_back ((std::int64_t) aubio_onset_get_last (onset.get()));
    }
    return found;
}

/** Mean square of x over [from, from + length); what lies outside the signal is silence. */
double meanSquare (const float* x, std::int64_t numFrames, std::int64_t from, std::int64_t length)
{
    double sum = 0.0;
    for (auto i = std::max<std::int64_t> (from, 0); i < std::min (from + length, numFrames); ++i)
        sum += (double) x[i] * x[i];
    return length > 0 ? sum / (double) length : 0.0;
}

/** The sample in [from, to) where the energy of the next `span` samples most exceeds that of
    the previous `span`. For a sound that starts abruptly and then holds or decays, that is its
    first sample exactly, whatever was already sounding (a span of a few ms averages out the
    ripple of a steady background). Before the signal's start is silence, so a sound on its first
    sample is found there.

    `slope` measures the energy of the signal's sample-to-sample steps instead: a held chord has
    little of it, while a hit's first sample is a step (a noise burst, or a sine's sudden start),
    so at millisecond spans the background's ripple cannot move the answer. */
std::int64_t sharpestRise (const float* x, std::int64_t numFrames, std::int64_t from, std::int64_t to,
                           int span, bool slope)
{
    from = std::max<std::int64_t> (from, 0);
    to = std::min<std::int64_t> (to, numFrames);
    if (to <= from)
        return std::clamp<std::int64_t> (from, 0, numFrames - 1);

    const auto at = [&] (std::int64_t i) { return i >= 0 && i < numFrames ? (double) x[i] : 0.0; };
    const auto energy = [&] (std::int64_t i)
    {
        const double v = slope ? at (i) - at (i - 1) : at (i);
        return v * v;
    };
    double past = 0.0, next = 0.0;
    for (int i = 0; i < span; ++i)
    {
        past += energy (from - span + i);
        next += energy (from + i);
    }

    auto best = from;
    double bestRise = -1.0e300;
    for (auto n = from; n < to; ++n)
    {
        if (next - past > bestRise)
        {
            bestRise = next - past;
            best = n;
        }
        past += energy (n) - energy (n - span);
        next += energy (n + span) - energy (n);
    }
    return best;
}

/** RMS rise across `at`, of the signal and of its part below ~200 Hz. */
void measureRise (const float* x, std::int64_t numFrames, std::int64_t at, double sampleRate,
                  OnsetFinder::Onset& onset)
{
    const auto span = (std::int64_t) std::lround (0.03 * sampleRate);
    const double now = meanSquare (x, numFrames, at, span), then = meanSquare (x, numFrames, at - span, span);
    onset.strength = std::sqrt (std::max (0.0, now - then));
    onset.contrast = now > 0.0 ? std::max (0.0, now - then) / now : 0.0;

    // Two one-pole low-passes, run from 60 ms ahead of the window so they have settled.
    const double k = 1.0 - std::exp (-twoPi * 200.0 / sampleRate);
    double a = 0.0, b = 0.0, lowNow = 0.0, lowThen = 0.0;

    for (auto i = std::max<std::int64_t> (0, at - 3 * span); i < std::min (numFrames, at + span); ++i)
    {
        a += k * ((double) x[i] - a);
        b += k * (a - b);
        if (i >= at)
            lowNow += b * b;
        else if (i >= at - span)
            lowThen += b * b;
    }
    onset.bass = std::sqrt (std::max (0.0, (lowNow - lowThen) / (double) span));
}
} // namespace

int OnsetFinder::windowSize (double sampleRate)
{
    int size = 256;
    while (size < sampleRate * 0.02)
        size *= 2;
    return size;
}

std::vector<OnsetFinder::Onset> OnsetFinder::find (const float* mono, std::int64_t numFrames,
                                                   double sampleRate)
{
    std::vector<Onset> onsets;
    if (mono == nullptr || numFrames <= 0 || sampleRate <= 0.0)
        return onsets;

    const auto win = windowSize (sampleRate);
    const auto span = std::max (8, (int) std::lround (0.005 * sampleRate));
    const auto fineSpan = std::max (4, (int) std::lround (0.001 * sampleRate));

    for (auto roughOnset : aubioOnsets (mono, numFrames, sampleRate))
    {
        Onset onset;
        // 5 ms spans find the hit whatever sounds around it; 1 ms spans of steps then place its first sample.
        const auto near = sharpestRise (mono, numFrames, roughOnset - win, roughOnset + win / 2, span, false);
        const auto at = sharpestRise (mono, numFrames, near - span / 2, near + fineSpan / 2, fineSpan, true);
        onset.sample = (double) at;
        measureRise (mono, numFrames, at, sampleRate, onset);
        onsets.push_back (onset);
    }

    std::sort (onsets.begin(), onsets.end(), [] (auto& a, auto& b) { return a.sample < b.sample; });

    // Two rough onsets refined onto one sound: keep one.
    std::vector<Onset> unique;
    const double minGap = 0.02 * sampleRate;
    for (auto& o : onsets)
    {
        if (!unique.empty() && o.sample - unique.back().sample < minGap)
        {
            if (o.strength > unique.back().strength)
                unique.back() = o;
            continue;
        }
        unique.push_back (o);
    }
    return unique;
}

} // namespace paddeck
