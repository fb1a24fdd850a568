#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

#include <cstdint>
#include <vector>

namespace paddeck::test
{

/** A drum loop made at run time, for the tempo tests and PadDeckBench: every hit starts on the
    sample round (lead + beat * 60 * rate / bpm), so the true tempo and downbeat are known.

    clicks: a metronome, the first beat of each bar higher and louder. kicks: kick on 1 and 3,
    snare on 2 and 4, hats on every beat and off-beat. fourOnTheFloor: a kick on every beat, the
    snare and hats as in kicks. house: four on the floor with a bass note on every off-beat, as loud
    as a kick. Swing moves the off-beat hats (and bass) from half to two thirds of the beat. */
struct DrumPattern
{
    enum class Kind
    {
        clicks,
        kicks,
        fourOnTheFloor,
        house
    };

    Kind kind = Kind::kicks;
    double bpm = 120.0;
    double sampleRate = 48000.0;
    double leadSeconds = 0.0; // silence before the first downbeat
    bool swing = false;
    int bars = 4;
    int firstBeat = 0;        // the pattern starts on this beat of its first bar (2: a two-beat pickup)
    double tailSeconds = 0.5; // after the last bar, for the last hits to ring out
    std::uint32_t seed = 1;   // the noise in snares and hats

    std::vector<float> render() const; // mono
    /** The first beat 1 after the lead (and the pickup, if any). */
    std::int64_t downbeatSample() const;
    double downbeatSeconds() const { return (double) downbeatSample() / sampleRate; }
    juce::String describe() const;

    /** The detection corpus at one tempo: clicks and kick patterns, plain, after a leading
        silence, with swung hats, at 48 and 44.1 kHz. */
    static std::vector<DrumPattern> corpus (double bpm);

    /** Sounds with no tempo. */
    static std::vector<float> oneShotKick (double sampleRate, double seconds);
    static std::vector<float> tone (double sampleRate, double seconds, double hz);
    static std::vector<float> noise (double sampleRate, double seconds, std::uint32_t seed);

    /** Writes mono samples as a file of the format its extension names (WAV, AIFF, FLAC, Ogg), on
        `channels` identical channels, with the writer's metadata (e.g. WAV acid chunk keys). */
    static juce::File write (const std::vector<float>& mono, double sampleRate, const juce::File& file,
                             int channels = 1, const juce::StringPairArray& metadata = {});
};

} // namespace paddeck::test
