#pragma once

#include "BenchSupport.h"

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck::bench
{

/** The baseline: plain juce::Synthesiser with SamplerVoice/SamplerSound, everything in RAM.

    Sound s (one per file, up to 64) answers MIDI note 32 + s at the bench's pitch for voice s
    (whole semitones: SamplerVoice has no cents). Voice k plays note 32 + k % 64 on channel
    1 + (k / 64) % 16. No EQ: SamplerVoice has none; it interpolates linearly. [one thread]

    A plain juce::Synthesiser stops the voice already on a note and channel when that note comes
    again, which capped the rig at 64 notes x 16 channels = 1024 voices, and JUCE passed there:
    its real count was unknown. The rig's synthesiser (Layering) only leaves out that stop, so
    any number of voices layer on the same 64 sounds; rendering (Synthesiser::renderVoices,
    SamplerVoice::renderNextBlock) is JUCE's own, so a voice costs what it always did. */
class JuceSamplerRig
{
public:
    static constexpr int maxVoices = 4096;

    /** juce::Synthesiser whose note-on starts a free voice without stopping the ones already on
        that note and channel. */
    struct Layering : juce::Synthesiser
    {
        void noteOn (int midiChannel, int midiNoteNumber, float velocity) override;
    };

    /** Loads each file's first maxSeconds into a SamplerSound. */
    void addSounds (const juce::Array<juce::File>& files, double maxSeconds);
    void setVoices (int count);
    static juce::MidiMessage noteOnFor (int voiceIndex);
    int countActiveVoices() const;

    /** A voice-capacity trial as runEnginePads runs PadDeck's: `count` voices started over the
        same ramp and held, 128-frame blocks at a device's pace; passes with p99.9 block time under
        half the period and every voice still playing. */
    CountSearch::Trial runTrial (const BenchContext& context, int count);

    Layering synth;
};

} // namespace paddeck::bench
