#pragma once

#include "Tempo/OnsetFinder.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <vector>

namespace paddeck
{

/** How a pad's file is cut (Slice to pads). */
enum class SliceMode
{
    equalParts, // N equal parts
    beats,      // one slice a beat, from the pad's downbeat (a pad with a tempo)
    onsets,     // one slice a hit, where aubio hears one
};

/** Where to cut a stretch of a file into slices, each a start/end region of the same file (Slice
    to pads): into equal parts, at its beats, or at its onsets. All positions are frames of the file.

    equal() and byBeats() are arithmetic, for any thread. findOnsets() decodes and runs aubio: a
    background thread only, never the audio or message thread. Stateless. */
class Slicer
{
public:
    struct Slice
    {
        juce::int64 start = 0, end = 0; // [start, end)
        bool operator== (const Slice& o) const noexcept { return start == o.start && end == o.end; }
    };

    /** [from, to) in `count` parts whose boundaries are from + i × (to − from) / count, rounded
        down: exact frames, the last ending on `to`. Fewer parts when there are fewer frames. */
    static std::vector<Slice> equal (juce::int64 from, juce::int64 to, int count);

    /** A slice from each beat in [from, to), at `bpm` in frames of a file at `fileRate`, the beat
        grid starting on `downbeat` (what comes before the first beat is left out). Each beat is its
        own rounded frame (beat k at downbeat + k × 60 × rate / bpm), so the grid never drifts. At
        most maxCount slices; the last runs to the next beat, or `to`. */
    static std::vector<Slice> byBeats (juce::int64 from, juce::int64 to, double fileRate, double bpm,
                                       juce::int64 downbeat, int maxCount);

    /** Slices starting at onsets (file frames, any order) in [from, to): when there are more than
        maxCount, the strongest are kept; each runs to the next one kept, the last to `to`. */
    static std::vector<Slice> atOnsets (std::vector<OnsetFinder::Onset> onsets, juce::int64 from,
                                        juce::int64 to, int maxCount);

    /** The onsets of the reader's [from, to), channels mixed to mono, as OnsetFinder finds them
        (to the sample where it is exact), in file frames. The file is read a minute at a time, so
        a long (streamed) file takes no more memory than a short one. [background] */
    static std::vector<OnsetFinder::Onset> findOnsets (juce::AudioFormatReader& reader, juce::int64 from,
                                                       juce::int64 to);

    /** How much of a file findOnsets() analyses at once, and how much before each piece it reads
        again so an onset on a boundary is found whole. */
    static constexpr double chunkSeconds = 60.0, overlapSeconds = 1.0;
};

} // namespace paddeck
