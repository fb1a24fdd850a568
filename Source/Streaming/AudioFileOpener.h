#pragma once

#include "Streaming/LoadResult.h"

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** Opens an audio file for decoding after checking the things a user can get wrong (a missing,
    unreadable, empty, truncated or foreign file) and naming them clearly. Any thread. */
class AudioFileOpener
{
public:
    struct Opened
    {
        std::unique_ptr<juce::AudioFormatReader> reader;
        LoadError error = LoadError::none;
        juce::String message;
        juce::int64 fileSize = 0;
    };

    static Opened open (const juce::File& file);

    /** WAV, AIFF, FLAC, Ogg Vorbis (JUCE) and MP3 (libmpg123), registered once and shared (read-only
     * afterwards). */
    static juce::AudioFormatManager& formats();

private:
    /** Every registered format but the extension's, by what the file's bytes say it is. */
    static std::unique_ptr<juce::AudioFormatReader> createReaderByContent (const juce::File& file);

    /** Cuts a header's claimed length to what the file can hold (exactly, for FLAC), so a damaged
        file plays what it has instead of minutes of silence that take minutes to decode. */
    static void limitToWhatTheFileHolds (juce::AudioFormatReader& reader, const juce::File& file,
                                         juce::int64 fileSize, juce::int64 pcmBytes);

    /** Reads the RIFF/AIFF chunk headers: an error when the data chunk runs past the end of the
        file or the WAV encoding is one no decoder reads; empty when the file looks sound.
        pcmBytes: the audio bytes a WAV or AIFF really holds (a size of 0xffffffff, "until the
        end", counts what is there), else -1. */
    static Opened checkContainer (const juce::File& file, juce::int64 fileSize, juce::int64& pcmBytes);
};

} // namespace paddeck
