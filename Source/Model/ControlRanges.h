#pragma once

#include "Model/PadSettings.h"

namespace paddeck
{

/** How the performer's continuous controls map a 0…1 position (a knob, a fader, a MIDI CC) to their
    values, so the screen and a MIDI controller move them the same way. [any] */
namespace ControlRanges
{
/** Master fader, dB: −12 dB at mid travel; the bottom (−60) is off. */
inline juce::NormalisableRange<double> masterDb()
{
    juce::NormalisableRange<double> range (-60.0, 6.0);
    range.setSkewForCentre (-12.0);
    return range;
}
constexpr double masterOffDb = -100.0; // what the model stores at the bottom of the fader

/** The cue level moves like the master fader (the model stores masterOffDb at its bottom). */
inline juce::NormalisableRange<double> cueDb() { return masterDb(); }

/** The cue/master blend: 0 the cue mix only, 1 the master only, linear. */
inline juce::NormalisableRange<double> cueBlend() { return { 0.0, 1.0 }; }

/** A pad's gain, dB: −12 dB at mid travel, like the master. */
inline juce::NormalisableRange<double> padGainDb()
{
    juce::NormalisableRange<double> range (PadSettings::gainMinDb, PadSettings::gainMaxDb);
    range.setSkewForCentre (-12.0);
    return range;
}

/** An EQ band, dB: 0 dB at mid travel (the detent), kill at the bottom. */
inline juce::NormalisableRange<double> eqDb()
{
    juce::NormalisableRange<double> range (PadSettings::eqMinDb, PadSettings::eqMaxDb);
    range.setSkewForCentre (0.0);
    return range;
}

/** A pad's fade in or out, ms: 100 ms at mid travel, so the short fades that take off a click
    have most of the knob. */
inline juce::NormalisableRange<double> fadeMs()
{
    juce::NormalisableRange<double> range (0.0, PadSettings::maxFadeMs);
    range.setSkewForCentre (100.0);
    return range;
}

/** A pad's pitch, semitones, 0 at mid travel. */
inline juce::NormalisableRange<double> pitchSemitones()
{
    return { (double) PadSettings::minSemitones, (double) PadSettings::maxSemitones };
}
} // namespace ControlRanges

} // namespace paddeck
