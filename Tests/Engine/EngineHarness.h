#pragma once

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Streaming/SampleLoader.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck::test
{

/** The real AudioEngine (graph, PadEngine, MasterBus, streaming thread) rendered block by block on
    the test thread, which plays the audio thread. Pads are set directly as a snapshot.

    Voices render on both cores as in the app (where real-time priority is granted). The test
    thread renders faster than real time on a shared machine, so the workers get a deadline of
    many periods: a worker the machine delays never has its bank dropped here. The deadline itself
    is tested on its own (VoiceMixerTest). */
struct EngineHarness
{
    static VoiceMixer::Threads testThreads()
    {
        VoiceMixer::Threads threads;
        threads.joinDeadline = 50.0;
        return threads;
    }

    explicit EngineHarness (double rate = 48000.0, int block = 128, int voices = 128,
                            VoiceMixer::Threads threads = testThreads())
        : sampleRate (rate)
        , blockSize (block)
        , engine (AudioEngine::Options{ voices, {}, threads })
    {
        engine.prepare (sampleRate, blockSize);
    }

    /** Loads a file for this engine; streamThreshold 0 forces streaming. */
    Sample::Ptr load (const juce::File& file, juce::int64 streamThreshold = 32 * 1024 * 1024,
                      PlaybackRegion region = {})
    {
        LoadOptions options;
        options.engineRate = sampleRate;
        options.streamThresholdBytes = streamThreshold;
        SampleLoader loader (options, 1);
        auto result = loader.loadNow (file, region, sampleRate);
        EXPECT_TRUE (result.wasOk()) << result.message;
        engine.keepSample (result.sample);
        return result.sample;
    }

    int addPad (Sample::Ptr sample, PadSettings settings = {})
    {
        pads.push_back ({ sample, settings });
        return (int) pads.size() - 1;
    }

    std::shared_ptr<const KeyLockPrime> primeFor (const Sample::Ptr& sample, const PadSettings& settings)
    {
        if (sample == nullptr || settings.pitchMode != PitchMode::keyLock || !makePrimes)
            return {};
        // Kept, as Session keeps a replaced prime, while a voice started from it may still play it.
        return primesMade.emplace_back (SnapshotCompiler::makeKeyLockPrime (
            *sample, settings, sampleRate, engine.getKeyLockPool().getSettings().engine, tempoBpm));
    }

    void publish()
    {
        auto snapshot = std::make_unique<EngineSnapshot>();
        snapshot->padsPerBank = juce::jmax (16, (int) pads.size());
        snapshot->masterGain = masterGain;
        snapshot->tempoBpm = tempoBpm;
        snapshot->beatsPerBar = beatsPerBar;
        snapshot->metronome = metronome;
        snapshot->cueGain = cueGain;
        snapshot->cueBlend = cueBlend;
        snapshot->metronomeToCue = metronomeToCue;
        for (auto& [sample, settings] : pads)
        {
            snapshot->pads.push_back (SnapshotCompiler::compilePad (
                settings, sample, primeFor (sample, settings), globalQuantize, beatsPerBar));
            if (const auto i = snapshot->pads.size() - 1; i < renders.size())
                snapshot->pads.back().renderedStretch = renders[i];
        }
        // Engine tests play pad n with note n on any channel (a set's mapping is tested elsewhere).
        for (int channel = 1; channel <= 16; ++channel)
            for (int note = 0; note < 128; ++note)
                snapshot->midi.notes[MidiTriggerMap::index (channel, note)] = {
                    MidiTriggerMap::Action::Kind::pad, (int16_t) note
                };
        engine.publish (std::move (snapshot));
    }

    /** Renders frames, MIDI events at frames from this call's start; onBlock runs before each block.
        The engine always renders whole blocks: a call whose frames are not a whole number of
        blocks drops the rest of its last block, so calls that must join up use whole blocks.
        channels: 2, the master only (a 2-output device, an offline render); 4, the master and the
        cue bus (a device with outputs 3/4). */
    juce::AudioBuffer<float> render (juce::int64 frames,
                                     std::vector<std::pair<juce::int64, juce::MidiMessage>> events = {},
                                     std::function<void (juce::int64)> onBlock = {}, int channels = 2)
    {
        juce::AudioBuffer<float> out (channels, (int) frames);
        juce::AudioBuffer<float> block (channels, blockSize);
        juce::MidiBuffer midi;
        for (juce::int64 pos = 0; pos < frames; pos += blockSize)
        {
            if (onBlock)
                onBlock (position + pos);
            midi.clear();
            for (auto& [frame, message] : events)
                if (frame >= pos && frame < pos + blockSize)
                    midi.addEvent (message, (int) (frame - pos));
            engine.renderBlock (block, midi);
            const int n = (int) juce::jmin ((juce::int64) blockSize, frames - pos);
            for (int c = 0; c < channels; ++c)
                out.copyFrom (c, (int) pos, block, c, 0, n);
        }
        position += frames;
        engine.collectGarbage();
        return out;
    }

    static juce::MidiMessage on (int pad, float velocity = 1.0f)
    {
        return juce::MidiMessage::noteOn (1, pad, velocity);
    }
    static juce::MidiMessage off (int pad) { return juce::MidiMessage::noteOff (1, pad); }

    const PadEngine& padEngine() const { return engine.getPadEngine(); }

    double sampleRate;
    int blockSize;
    float masterGain = 1.0f;
    double tempoBpm = 120.0;
    int beatsPerBar = 4;
    bool metronome = false;
    float cueGain = 1.0f, cueBlend = 0.0f;
    bool metronomeToCue = false;
    Quantize globalQuantize = Quantize::off;
    bool makePrimes = true; // off: publish() gives KeyLock pads no prime (a test that republishes a lot)
    juce::int64 position = 0;
    AudioEngine engine;
    std::vector<std::pair<Sample::Ptr, PadSettings>> pads;
    std::vector<std::shared_ptr<const KeyLockPrime>> primesMade;
    std::vector<RenderedStretch::Ptr> renders; // pad i's rendered stretch (see StretchHarness.h)
    TempFolder temp;
};

} // namespace paddeck::test
