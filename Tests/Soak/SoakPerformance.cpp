#include "SoakPerformance.h"

#include "Control/SnapshotCompiler.h"

#include <stdexcept>
#include <utility>

namespace paddeck::soak
{

namespace
{
constexpr int firstPadNote = 36, firstBankNote = 100;

void write (const juce::File& file, juce::AudioFormat&& format, double rate, int channels, int frames,
            const std::function<float (int, int)>& fn)
{
    juce::AudioBuffer<float> audio (channels, frames);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            audio.setSample (c, i, fn (i, c));
    file.deleteFile();
    std::unique_ptr<juce::AudioFormatWriter> writer (
        format.createWriterFor (new juce::FileOutputStream (file), rate, (unsigned int) channels, 16, {}, 5));
    if (writer == nullptr || !writer->writeFromAudioSampleBuffer (audio, 0, frames))
        throw std::runtime_error ("cannot write " + file.getFullPathName().toStdString());
}

float sine (double hz, double rate, int i)
{
    return (float) (0.4 * std::sin (juce::MathConstants<double>::twoPi * hz * i / rate));
}
} // namespace

void SoakPerformance::writeMaterial (const juce::File& folder)
{
    folder.createDirectory();
    juce::Random noise (7);
    // RAM: a mono blip, a noise-burst loop at 44.1 kHz, a chord in Ogg.
    write (folder.getChildFile ("blip.wav"), juce::WavAudioFormat(), 48000.0, 1, 12000,
           [] (int i, int) { return sine (660.0, 48000.0, i) * (float) std::exp (-i / 3000.0); });
    write (folder.getChildFile ("bursts.flac"), juce::FlacAudioFormat(), 44100.0, 2, 44100,
           [&] (int i, int) { return (i % 11025) < 2000 ? noise.nextFloat() * 0.6f - 0.3f : 0.0f; });
    write (folder.getChildFile ("chord.ogg"), juce::OggVorbisAudioFormat(), 48000.0, 2, 96000,
           [] (int i, int c)
           { return 0.5f * (sine (220.0, 48000.0, i) + sine (c == 0 ? 277.2 : 329.6, 48000.0, i)); });
    // Streamed (over the soak's 8 MB threshold): 40 s at 48 kHz and 30 s at 44.1 kHz.
    write (folder.getChildFile ("long.wav"), juce::WavAudioFormat(), 48000.0, 2, 40 * 48000,
           [] (int i, int) { return sine (110.0 + (i / 48000) * 20.0, 48000.0, i); });
    write (folder.getChildFile ("long44.flac"), juce::FlacAudioFormat(), 44100.0, 2, 30 * 44100,
           [] (int i, int c) { return sine (c == 0 ? 440.0 : 554.4, 44100.0, i); });
}

SoakPerformance::SoakPerformance (AudioEngine& e, const juce::File& materialFolder, std::uint32_t seed)
    : engine (e)
    , loader (LoadOptions{ 48000.0, 8 * 1024 * 1024, 1.5 }, 2)
    , pads ((size_t) (banks * padsPerBank))
    , random (seed)
{
    material = materialFolder.findChildFiles (juce::File::findFiles, false);
    material.sort();
    publish();
}

SoakPerformance::~SoakPerformance() { loader.cancelAll(); }

void SoakPerformance::step()
{
    // The action table: weights of what a performer does most.
    struct Action
    {
        int weight;
        void (SoakPerformance::*act)();
    };
    static constexpr Action actions[] = {
        { 40, &SoakPerformance::hit },      { 15, &SoakPerformance::release },
        { 25, &SoakPerformance::moveKnob }, { 4, &SoakPerformance::changeBank },
        { 8, &SoakPerformance::load },      { 6, &SoakPerformance::clear },
        { 2, &SoakPerformance::stopAll },   { 2, &SoakPerformance::changeTempo }
    };
    int total = 0;
    for (const auto& a : actions)
        total += a.weight;
    auto pick = randomInt (total);
    for (const auto& a : actions)
        if ((pick -= a.weight) < 0)
            return (this->*a.act)();
}

void SoakPerformance::warmUpEveryVoice (int voices)
{
    const auto pumpFor = [] (int ms) { juce::MessageManager::getInstance()->runDispatchLoopUntil (ms); };

    Sample::Ptr streamed;
    for (const auto& pad : pads)
        if (pad.sample != nullptr && pad.sample->isStreamed())
            streamed = pad.sample;
    if (streamed == nullptr)
        return;

    // Near both ends of the pitch range: Rubber Band sizes its buffers for the widest ratio it has
    // seen. Not at ±24 itself: its resampler's tables have an entry per numerator of the ratio's
    // nearest fraction, 1 for 4/1 but about 96 000 for 2^(23/12), so only an irrational ratio makes
    // them resident.
    for (const int semitones : { 23, -23 })
    {
        auto snapshot = std::make_unique<EngineSnapshot>();
        snapshot->padsPerBank = padsPerBank;
        for (int i = 0; i < (int) pads.size(); ++i)
        {
            PadSettings s;
            s.pitchMode = i < 16 ? PitchMode::keyLock : PitchMode::varispeed;
            s.semitones = semitones;
            snapshot->pads.push_back (SnapshotCompiler::compilePad (s, streamed));
        }
        engine.publish (std::move (snapshot));
        pumpFor (50);

        for (int hit = 0; hit < voices; ++hit) // one-shots layer: each hit is one more voice
        {
            engine.send (EngineCommand::press (hit % (int) pads.size(), 0.5f));
            if (hit % 16 == 15)
                pumpFor (20);
        }
        pumpFor (2500); // every ring fills 2 s ahead

        engine.send (EngineCommand::stopEverything());
        for (int i = 0; i < 100 && engine.getMeters().activeVoices.load() > 0; ++i)
            pumpFor (20);
    }
    publish();
}

void SoakPerformance::hit()
{
    const int slot = randomInt (padsPerBank);
    auto& pad = pads[(size_t) (bank * padsPerBank + slot)];
    const auto velocity = 0.2f + 0.8f * (float) randomInt (100) / 100.0f;

    // Half from a controller (the MIDI path, timestamped, placed in the next block), half from the UI.
    if (randomInt (2) == 0)
        engine.getDeviceCallback().handleIncomingMidiMessage (
            nullptr, juce::MidiMessage::noteOn (1, firstPadNote + slot, velocity));
    else
        engine.send (EngineCommand::press (bank * padsPerBank + slot, velocity));
    pad.held = true;
    ++counts.hits;
}

void SoakPerformance::release()
{
    for (int tries = 0; tries < 8; ++tries)
    {
        const int slot = randomInt (padsPerBank);
        auto& pad = pads[(size_t) (bank * padsPerBank + slot)];
        if (!pad.held)
            continue;
        if (randomInt (2) == 0)
            engine.getDeviceCallback().handleIncomingMidiMessage (
                nullptr, juce::MidiMessage::noteOff (1, firstPadNote + slot));
        else
            engine.send (EngineCommand::release (bank * padsPerBank + slot));
        pad.held = false;
        ++counts.releases;
        return;
    }
}

void SoakPerformance::moveKnob()
{
    auto& pad = pads[(size_t) randomInt ((int) pads.size())];
    auto& s = pad.settings;
    switch (randomInt (6))
    {
        case 0:
            s.semitones = randomInt (49) - 24;
            break;
        case 1:
            s.cents = (float) (randomInt (101) - 50);
            break;
        case 2:
            s.eqLowDb = (float) (randomInt (43) - 36);
            break; // -36 dB and below is a kill
        case 3:
            s.eqMidDb = (float) (randomInt (43) - 36);
            break;
        case 4:
            s.eqHighDb = (float) (randomInt (43) - 36);
            break;
        default:
            s.gainDb = (float) (randomInt (30) - 24);
            break;
    }

    // A KeyLock pad's pitched start follows a pitch move later, as the app's background job does;
    // until then its voices start without one.
    if (s.pitchMode == PitchMode::keyLock && pad.sample != nullptr && randomInt (4) == 0)
        setPrime (pad, makePrime (pad));
    ++counts.knobMoves;
    publish();
}

void SoakPerformance::changeTempo()
{
    // A new master tempo, as the tempo field, tap or nudge give: synced pads follow it (KeyLock ones
    // stretched, Varispeed ones repitched), quantized hits wait for its beats.
    tempoBpm = 80.0 + randomInt (8001) / 100.0;
    for (auto& pad : pads)
        if (pad.sample != nullptr && pad.settings.isSynced() && pad.settings.pitchMode == PitchMode::keyLock
            && randomInt (4) == 0)
            setPrime (pad, makePrime (pad));
    ++counts.tempoChanges;
    publish();
}

void SoakPerformance::setPrime (Pad& pad, std::shared_ptr<const KeyLockPrime> prime)
{
    // The engine keeps the old one while a voice started from it may read it, as the app's
    // PadMaterials has it do.
    engine.getKeyLockPool().retire (std::exchange (pad.prime, std::move (prime)));
}

std::shared_ptr<const KeyLockPrime> SoakPerformance::makePrime (const Pad& pad) const
{
    return SnapshotCompiler::makeKeyLockPrime (*pad.sample, pad.settings, 48000.0,
                                               engine.getKeyLockPool().getSettings().engine, tempoBpm);
}

void SoakPerformance::changeBank()
{
    bank = randomInt (banks);
    engine.getDeviceCallback().handleIncomingMidiMessage (
        nullptr, juce::MidiMessage::noteOn (1, firstBankNote + bank, 1.0f));
    ++counts.bankChanges;
}

void SoakPerformance::loadAll()
{
    for (int index = 0; index < (int) pads.size(); ++index)
        loadPad (index);
}

void SoakPerformance::load()
{
    if (loader.getNumPending() < 4)
        loadPad (randomInt ((int) pads.size()));
}

void SoakPerformance::loadPad (int index)
{
    if (material.isEmpty())
        return;

    auto& s = pads[(size_t) index].settings;
    static constexpr PlayMode modes[] = { PlayMode::oneShot, PlayMode::loop,      PlayMode::gate,
                                          PlayMode::toggle,  PlayMode::retrigger, PlayMode::gateLoop };
    s.playMode = modes[randomInt ((int) std::size (modes))];
    s.pitchMode = randomInt (3) == 0 ? PitchMode::keyLock : PitchMode::varispeed;
    s.chokeGroup = randomInt (4);
    // Every file but the blip is a loop of whole beats at 120 BPM: most of them synced to the master
    // tempo, launched at once, on the set's grid (a beat) or on their own (a bar).
    const auto& file = material[index % material.size()];
    s.bpm = file.getFileName() == "blip.wav" ? 0.0 : 120.0;
    s.sync = s.hasTempo() && randomInt (3) != 0;
    static constexpr int quantizes[] = { PadSettings::followGlobal, (int) Quantize::off,
                                         (int) Quantize::bar };
    s.quantize = quantizes[randomInt ((int) std::size (quantizes))];
    // Each pad always holds the same file, so the memory the set holds is the same whenever the
    // pads are full: what RSS then shows after the warm-up is the engine's own growth.
    loader.load (file, {}, [this, index] (const LoadResult& result) { loaded (index, result); });
    ++counts.loads;
}

void SoakPerformance::loaded (int index, const LoadResult& result)
{
    if (!result.wasOk())
    {
        ++counts.loadErrors;
        return;
    }

    auto& pad = pads[(size_t) index];
    engine.keepSample (result.sample); // freed by the engine's garbage once nothing plays it
    pad.sample = result.sample;
    setPrime (pad, pad.settings.pitchMode == PitchMode::keyLock ? makePrime (pad) : nullptr);
    publish();
}

void SoakPerformance::clear()
{
    const auto index = randomInt ((int) pads.size());
    auto& pad = pads[(size_t) index];
    if (pad.sample == nullptr || loader.getNumPending() >= 4)
        return;
    pad.sample = nullptr;
    setPrime (pad, nullptr);
    ++counts.clears;
    publish();
    loadPad (index); // the performer fills it again: the set stays the same size
}

void SoakPerformance::stopAll()
{
    engine.send (EngineCommand::stopEverything());
    for (auto& pad : pads)
        pad.held = false;
    ++counts.stopAlls;
}

void SoakPerformance::finish()
{
    loader.cancelAll();
    stopAll();
    for (auto& pad : pads)
    {
        setPrime (pad, nullptr);
        pad = {};
    }
    publish();
}

void SoakPerformance::publish()
{
    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->padsPerBank = padsPerBank;
    snapshot->tempoBpm = tempoBpm;
    snapshot->beatsPerBar = 4;
    for (const auto& pad : pads)
        snapshot->pads.push_back (
            SnapshotCompiler::compilePad (pad.settings, pad.sample, pad.prime, Quantize::beat, 4));

    using Kind = MidiTriggerMap::Action::Kind;
    for (int slot = 0; slot < padsPerBank; ++slot)
        snapshot->midi.notes[MidiTriggerMap::index (1, firstPadNote + slot)] = { Kind::pad, (int16_t) slot };
    for (int b = 0; b < banks; ++b)
        snapshot->midi.notes[MidiTriggerMap::index (1, firstBankNote + b)] = { Kind::bankSelect,
                                                                               (int16_t) b };

    engine.publish (std::move (snapshot));
    engine.collectGarbage();
}

} // namespace paddeck::soak
