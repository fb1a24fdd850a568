#pragma once

#include "BenchSupport.h"

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

    /** A voice-capacity trial as runEnginePads runs PadDeck's: `count` voices started over the
        same ramp and held, 128-frame blocks at a device's pace; passes with p99.9 block time under
        half the period and every voice still playing. */
    CountSearch::Trial runTrial (const BenchContext& context, int count);

    juce::Synthesiser synth;
};

} // namespace paddeck::bench
