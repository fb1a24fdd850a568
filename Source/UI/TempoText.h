#pragma once

#include "Control/PadMaterials.h"
#include "Model/PadSettings.h"
#include "Streaming/Sample.h"

#include <optional>

namespace paddeck
{

/** How tempo reads on the screen: BPMs, where a pad's tempo came from, a loop's length in bars and
    beats, the bar and beat. One place, so the header, the grid and the editor say it the same way.
    [any] */
namespace TempoText
{
/** A pad's BPM on the grid: "128", "126.5", "127.96" (two decimals at most); "—" for no tempo,
    empty while it is not known. */
juce::String padBpm (double bpm);

/** A tempo with its two decimals: "128.00". */
juce::String bpm (double bpm);

/** What the performer typed as a tempo ("128", "127.5", "127,5"); nothing if it is not a number. */
std::optional<double> parseBpm (const juce::String& text);

/** Where a pad's tempo came from, in a word or two: "file tag", "file name", "detected", "typed",
    "tapped". */
juce::String source (const juce::String& bpmSource);

/** What the pad plays in beats at its tempo: a looping pad's loop region (loop start to loop end,
    or to the end of the file), another pad's start to the end of the file; 0 when the pad has no
    tempo or no sample. */
double regionBeats (const PadSettings& settings, const Sample* sample);

/** A length in beats, as bars and beats: "2 bars", "1 bar 2 beats", "3.5 beats", "≈ 7.43 beats"
    (not a whole number of half beats). */
juce::String length (double beats, int beatsPerBar);

/** Where the beat clock is, counted from 1 as musicians do: "12.3" is bar 12, beat 3. */
juce::String barAndBeat (double beat, int beatsPerBar);

/** The editor's line about a pad's tempo: where it came from and the length in bars and beats,
    "one-shot" for one that plays once ("file tag · 2 bars"), or why it has none ("No tempo: a
    one-shot…", "Analysing tempo…"). */
juce::String padSummary (const PadSettings& settings, const PadMaterials::PadStatus& status, int beatsPerBar);

/** What the file's analysis found, when it says more than the pad's tempo: a tag that disagrees
    with what was heard ("ID3 TBPM 140 · heard 70.00", `disagrees` set), what was heard when the
    tempo came from elsewhere, "analysing…", and the analysis' notes. */
juce::String analysis (const PadSettings& settings, const PadMaterials::PadStatus& status, bool& disagrees);
} // namespace TempoText

} // namespace paddeck
