#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** A file's channels averaged to one, as tempo and onset analysis hear it. Any thread but the
    audio thread (it decodes and allocates). */
struct MonoMixdown
{
    /** Decodes numFrames from `start` into `mono` in chunks (so any length takes little extra
        memory); returns how many frames were decoded before the end of the file or an error. */
    static juce::int64 read (juce::AudioFormatReader& reader, juce::int64 start, juce::int64 numFrames,
                             float* mono);
};

} // namespace paddeck
