#include "Tempo/Slicer.h"

#include "Tempo/MonoMixdown.h"

#include <algorithm>
#include <cmath>

namespace paddeck
{

std::vector<Slicer::Slice> Slicer::equal (juce::int64 from, juce::int64 to, int count)
{
    std::vector<Slice> slices;
    const auto length = to - from;
    count = (int) juce::jmin ((juce::int64) count, length);
    for (int i = 0; i < count; ++i)
        slices.push_back ({ from + i * length / count, from + (i + 1) * length / count });
    return slices;
}

std::vector<Slicer::Slice> Slicer::byBeats (juce::int64 from, juce::int64 to, double fileRate, double bpm,
                                            juce::int64 downbeat, int maxCount)
{
    std::vector<Slice> slices;
    if (fileRate <= 0.0 || bpm <= 0.0 || to <= from || maxCount <= 0)
        return slices;

    const double beatFrames = 60.0 * fileRate / bpm;
    const auto beat = [&] (juce::int64 k)
    { return downbeat + (juce::int64) std::llround ((double) k * beatFrames); };

    // The first beat at or after both the start and the downbeat.
    auto k = juce::jmax ((juce::int64) 0, (juce::int64) std::ceil ((double) (from - downbeat) / beatFrames));
    while (k > 0 && beat (k - 1) >= from)
        --k;
    while (beat (k) < from)
        ++k;

    for (; beat (k) < to && (int) slices.size() < maxCount; ++k)
        slices.push_back ({ beat (k), juce::jmin (beat (k + 1), to) });
    return slices;
}

std::vector<Slicer::Slice> Slicer::atOnsets (std::vector<OnsetFinder::Onset> onsets, juce::int64 from,
                                             juce::int64 to, int maxCount)
{
    onsets.erase (std::remove_if (onsets.begin(), onsets.end(),
                                  [&] (const auto& o)
                                  { return o.sample < (double) from || o.sample >= (double) to; }),
                  onsets.end());
    if (maxCount <= 0)
        onsets.clear();
    if ((int) onsets.size() > maxCount)
    {
        std::stable_sort (onsets.begin(), onsets.end(),
                          [] (auto& a, auto& b) { return a.strength > b.strength; });
        onsets.resize ((size_t) maxCount);
    }
    std::sort (onsets.begin(), onsets.end(), [] (auto& a, auto& b) { return a.sample < b.sample; });

    std::vector<Slice> slices;
    for (size_t i = 0; i < onsets.size(); ++i)
        slices.push_back ({ (juce::int64) std::llround (onsets[i].sample),
                            i + 1 < onsets.size() ? (juce::int64) std::llround (onsets[i + 1].sample) : to });
    return slices;
}

std::vector<OnsetFinder::Onset> Slicer::findOnsets (juce::AudioFormatReader& reader, juce::int64 from,
                                                    juce::int64 to)
{
    std::vector<OnsetFinder::Onset> found;
    const auto rate = reader.sampleRate;
    to = juce::jmin (to, reader.lengthInSamples);
    if (rate <= 0.0 || to <= from)
        return found;

    // Each piece is read with a second either side, and keeps only the onsets in its own span: an
    // onset near a cut is heard whole, and a cut (sound stopping dead) is never taken for one.
    const auto chunk = (juce::int64) (chunkSeconds * rate), overlap = (juce::int64) (overlapSeconds * rate);
    std::vector<float> mono;
    for (auto spanStart = from; spanStart < to; spanStart += chunk)
    {
        const auto spanEnd = juce::jmin (to, spanStart + chunk);
        const auto readStart = juce::jmax (from, spanStart - overlap);
        const auto readEnd = juce::jmin (to, spanEnd + overlap);
        mono.resize ((size_t) (readEnd - readStart));
        const auto got = MonoMixdown::read (reader, readStart, readEnd - readStart, mono.data());

        for (auto onset : OnsetFinder::find (mono.data(), got, rate))
        {
            onset.sample += (double) readStart;
            if (onset.sample >= (double) spanStart && onset.sample < (double) spanEnd)
                found.push_back (onset);
        }
        if (got < readEnd - readStart)
            break; // the file could not be decoded further
    }
    return found;
}

} // namespace paddeck
