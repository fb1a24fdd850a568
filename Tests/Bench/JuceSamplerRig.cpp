#include "JuceSamplerRig.h"

#include "BenchSupport.h"

namespace paddeck::bench
{

void JuceSamplerRig::addSounds (const juce::Array<juce::File>& files, double maxSeconds)
{
    juce::AudioFormatManager formats;
    formats.registerBasicFormats();
    synth.setCurrentPlaybackSampleRate (48000.0);

    for (int s = 0; s < juce::jmin (64, files.size()); ++s)
    {
        std::unique_ptr<juce::AudioFormatReader> reader (formats.createReaderFor (files[s]));
        if (reader == nullptr)
            continue;
        juce::BigInteger notes;
        notes.setBit (32 + s);
        synth.addSound (new juce::SamplerSound (files[s].getFileName(), *reader, notes,
                                                32 + s - voiceSemitones (s), 0.0, 0.01, maxSeconds));
    }
}

void JuceSamplerRig::setVoices (int count)
{
    synth.allNotesOff (0, false);
    synth.clearVoices();
    for (int v = 0; v < count; ++v)
        synth.addVoice (new juce::SamplerVoice());
}

juce::MidiMessage JuceSamplerRig::noteOnFor (int voiceIndex)
{
    return juce::MidiMessage::noteOn (1 + (voiceIndex / 64) % 16, 32 + voiceIndex % 64, 1.0f);
}

int JuceSamplerRig::countActiveVoices() const
{
    int active = 0;
    for (int v = 0; v < synth.getNumVoices(); ++v)
        active += synth.getVoice (v)->isVoiceActive() ? 1 : 0;
    return active;
}

} // namespace paddeck::bench
