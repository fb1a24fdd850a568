#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** What is known about a file's tempo: what its tags say, what its name says, what the audio
    says, and where its first downbeat is. A plain value: made on a background thread by
    TempoDetector::analyse, then copied anywhere. */
struct TempoAnalysis
{
    /** Tempi outside this range, from any source, are refused with a note. */
    static constexpr double minBpm = 20.0, maxBpm = 300.0;

    double metadataBpm = 0.0;      // from a tag in the file; 0 = none
    juce::String metadataSource;   // "WAV acid chunk", "ID3 TBPM", "Vorbis BPM", "FLAC BPM", ...
    double nameBpm = 0.0;          // from the file name ("Loop 128bpm.wav"); 0 = none
    double detectedBpm = 0.0;      // from the audio; 0 = no steady beat (one-shots, tones, silence)
    double downbeatSeconds = -1.0; // the first downbeat from the file's start; < 0 unknown
    double confidence = 0.0;       // 0…1, of the detected tempo and downbeat
    bool oneShot = false;          // the file says it is a one-shot (the acid chunk's flag)
    juce::StringArray notes;       // for the performer: refused tags, disagreements, read errors

    /** The tempo to play at: the file's tag, else its name, else the detected one; 0 = no tempo,
        and always 0 for a file that says it is a one-shot. */
    double chosenBpm() const;
    /** Where chosenBpm came from: "file", "name", "detected", or empty for no tempo. */
    juce::String chosenSource() const;
    /** The written tempo (tag, else name) differs from the detected one by more than 1 %. */
    bool tagDisagrees() const;

    static bool inRange (double bpm) noexcept { return bpm >= minBpm && bpm <= maxBpm; }
};

} // namespace paddeck
