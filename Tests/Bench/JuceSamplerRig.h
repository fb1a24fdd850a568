#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck::bench
{

/** The baseline: plain juce::Synthesiser with SamplerVoice/SamplerSound, everything in RAM.

    Sound s (one per file, up to 64) answers MIDI note 32 + s at the bench's pitch for voice s
    (whole semitones: SamplerVoice has no cents). Voice k plays note 32 + k % 64 on channel
    1 + k / 64, so up to 1024 voices layer without one note stopping another. No EQ: SamplerVoice
    has none; it interpolates linearly. [one thread] */
class JuceSamplerRig
{
public:
    static constexpr int maxVoices = 64 * 16;

    /** Loads each file's first maxSeconds into a SamplerSound. */
    void addSounds (const juce::Array<juce::File>& files, double maxSeconds);
    void setVoices (int count);
    static juce::MidiMessage noteOnFor (int voiceIndex);
    int countActiveVoices() const;

    juce::Synthesiser synth;
};

} // namespace paddeck::bench
