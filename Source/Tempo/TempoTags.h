#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Tempi that people wrote down: in a file's tags and in its name.

    Tags read (JUCE exposes none of them): the WAV `acid` chunk (tempo and one-shot flag), ID3v2
    `TBPM` at the start of an MP3 and in a WAV `id3 ` or AIFF `ID3 ` chunk, the Vorbis comment
    `BPM` in Ogg Vorbis (libvorbisfile) and FLAC (libFLAC). A tempo outside 20–300 BPM, or one
    that is not a number, is refused with a note saying so.

    metadataBpm reads the file: a background thread, never the audio thread. bpmFromName: any
    thread. Stateless. */
class TempoTags
{
public:
    struct Tag
    {
        double bpm = 0.0;        // 0 = none (or refused: see notes)
        juce::String source;     // "WAV acid chunk", "ID3 TBPM", "Vorbis BPM", "FLAC BPM", "name"
        bool oneShot = false;    // the acid chunk's one-shot flag
        juce::StringArray notes; // refusals and read problems, for the performer
    };

    static Tag metadataBpm (const juce::File& file);

    /** "Loop 128bpm.wav", "128 BPM Break.flac", "break_174_bpm", "90BPM", "Kick (120.5 bpm)",
        "bpm_128", ...: a number right before or after "bpm", in any case. */
    static Tag bpmFromName (const juce::String& fileName);

    /** The tempo in a tag's text ("128", "128.50", "128,5", "128 BPM"), or 0 with a note naming
        `where` when it is not a number or is out of range. */
    static double parseBpm (const juce::String& text, const juce::String& where, juce::StringArray& notes);
    /** bpm when it is within 20–300, else 0 with a note naming `where`. */
    static double acceptBpm (double bpm, const juce::String& where, juce::StringArray& notes);

    /** The TBPM (or ID3v2.2 TBP) text of an ID3v2 tag that starts at `data`; empty when absent. */
    static juce::String id3Tempo (const void* data, size_t size);
};

} // namespace paddeck
