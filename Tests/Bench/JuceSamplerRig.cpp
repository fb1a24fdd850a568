#include "JuceSamplerRig.h"

#include "EngineVoiceTrial.h"

namespace paddeck::bench
{

void JuceSamplerRig::Layering::noteOn (int midiChannel, int midiNoteNumber, float velocity)
{
    // juce::Synthesiser::noteOn without its stop of a voice still on this note and channel.
    const juce::ScopedLock sl (lock);
    for (auto* sound : sounds)
        if (sound->appliesToNote (midiNoteNumber) && sound->appliesToChannel (midiChannel))
            startVoice (findFreeVoice (sound, midiChannel, midiNoteNumber, isNoteStealingEnabled()), sound,
                        midiChannel, midiNoteNumber, velocity);
}

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

CountSearch::Trial JuceSamplerRig::runTrial (const BenchContext& context, int count)
{
    constexpr int blockSize = 128;
    const double rate = context.sampleRate;
    setVoices (count);
    const int rampBlocks = (int) (engineTrialRampSeconds (context) * rate / blockSize);
    const int totalBlocks = rampBlocks + (int) (engineTrialHoldSeconds (context) * rate / blockSize);
    juce::AudioBuffer<float> buffer (2, blockSize);
    juce::MidiBuffer midi;
    int started = 0;

    const auto run =
        PacedRun::run (totalBlocks, blockSize / rate,
                       [&] (int b)
                       {
                           midi.clear();
                           const int due =
                               b < rampBlocks ? (int) ((juce::int64) count * (b + 1) / rampBlocks) : count;
                           for (; started < due; ++started)
                               midi.addEvent (noteOnFor (started), 0);
                           buffer.clear();
                           synth.renderNextBlock (buffer, midi, 0, blockSize);
                       });

    auto trial = CountSearch::Trial::fromRun (run);
    const int active = countActiveVoices();
    trial.details->setProperty ("active_at_end", active);
    trial.details->setProperty ("rss_mb", currentRssMb());
    trial.passed = active == count && (double) trial.details->getProperty ("p999") < 0.5;
    return trial;
}

} // namespace paddeck::bench
