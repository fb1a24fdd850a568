#pragma once

#include "Tempo/TempoAnalysis.h"

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** Finds a file's tempo and first downbeat.

    aubio gives the onsets (OnsetFinder, refined to the sample) and a rough tempo (its beat
    tracker); BeatGridFit then fits a beat grid to the onsets by least squares, which is what makes
    the tempo exact to a few hundredths of a BPM and the downbeat to a millisecond. analyse() adds
    what the file's tags and name say (TempoTags).

    Everything here runs on a background thread (the loader's, or its own): it decodes, allocates
    and takes about a third of a second per minute of audio. Never the audio or message thread.
    Stateless; any number of threads at once. */
class TempoDetector
{
public:
    /** Only a file's first minutes are decoded for detection (5 minutes of 48 kHz mono floats is
        58 MB); a tempo that holds that long holds on. */
    static constexpr double maxSeconds = 300.0;

    static TempoAnalysis detect (const float* mono, juce::int64 numFrames, double sampleRate,
                                 int beatsPerBar = 4);

    /** Decodes the reader's first maxSeconds on the calling thread, channels averaged to mono. */
    static TempoAnalysis detect (juce::AudioFormatReader& reader, int beatsPerBar = 4);

    /** Tags + name + detection for any file PadDeck plays (opened through AudioFileOpener). A file
        that cannot be decoded still gets its tags and name, and a note saying why. */
    static TempoAnalysis analyse (const juce::File& file, int beatsPerBar = 4);

    /** aubio's beat tracker's most confident tempo over the signal: within a few percent, or a
        double or half of the tempo; 0 when it finds none. */
    static double aubioTempo (const float* mono, juce::int64 numFrames, double sampleRate);
};

} // namespace paddeck
