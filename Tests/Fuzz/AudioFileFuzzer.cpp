// libFuzzer: audio files (WAV, AIFF, FLAC, Ogg Vorbis, MP3) opened, decoded (in RAM or streamed),
// then played through the real engine's voices in both pitch modes and every play mode, looped
// whole and looped over a region: the KeyLock crash this came from was in the loop fade, not in a
// decoder.
//
// Input: byte 0 chooses the extension (bits 0-2), streaming (bit 3), the pitch (bits 4-5) and
// whether the loop is a region (bit 6); the rest is the file.
#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "FuzzInputFile.h"
#include "Streaming/SampleDecoder.h"

#include <cstdint>
#include <cstdlib>

namespace paddeck::fuzz
{
namespace
{
constexpr double rate = 48000.0;
constexpr int block = 256;

class Player
{
public:
    Player()
    {
        AudioEngine::Options options;
        options.voices = 32;
        options.keyLock.maxVoices = 10;
        engine = std::make_unique<AudioEngine> (options);
        engine->prepare (rate, block);
    }

    void play (const Sample::Ptr& sample, std::uint8_t choice)
    {
        static constexpr double pitches[] = { 0.0, 7.0, -12.0, 24.0 };
        static constexpr PlayMode modes[] = { PlayMode::oneShot, PlayMode::loop, PlayMode::gate,
                                              PlayMode::toggle, PlayMode::retrigger };
        // The pad's region is in file frames.
        const auto length = (juce::int64) ((double) sample->getLengthInFrames() * sample->getFileSampleRate()
                                           / sample->getSampleRate());

        auto snapshot = std::make_unique<EngineSnapshot>();
        std::shared_ptr<const KeyLockPrime> prime; // the keylocked pads share a start and a pitch
        for (const auto pitchMode : { PitchMode::varispeed, PitchMode::keyLock })
            for (const auto playMode : modes)
            {
                PadSettings s;
                s.pitchMode = pitchMode;
                s.playMode = playMode;
                s.loop = playMode != PlayMode::oneShot;
                s.semitones = pitches[(choice >> 4) & 3];
                if ((choice & 64) != 0)
                {
                    s.startFrame = length / 2;
                    s.loopStart = length / 3;
                    s.loopEnd = length * 2 / 3;
                }
                if (pitchMode == PitchMode::keyLock && prime == nullptr)
                    prime = SnapshotCompiler::makeKeyLockPrime (
                        *sample, s, rate, engine->getKeyLockPool().getSettings().engine);
                snapshot->pads.push_back (SnapshotCompiler::compilePad (
                    s, sample, pitchMode == PitchMode::keyLock ? prime : nullptr));
            }
        snapshot->padsPerBank = (int) snapshot->pads.size();
        engine->publish (std::move (snapshot));

        for (int pad = 0; pad < 10; ++pad)
            engine->send (EngineCommand::press (pad, 1.0f, pad * 7));
        render (24);
        for (int pad = 0; pad < 10; ++pad) // gate pads end, loops and toggles stop, one-shots layer
            engine->send (EngineCommand::release (pad));
        for (int pad = 0; pad < 10; ++pad)
            engine->send (EngineCommand::press (pad, 0.5f));
        render (24);

        engine->send (EngineCommand::stopEverything());
        for (int i = 0; i < 100 && engine->getMeters().activeVoices.load() > 0; ++i)
            render (1);
        if (engine->getMeters().activeVoices.load() > 0)
            std::abort(); // STOP ALL left voices playing

        engine->publish (std::make_unique<EngineSnapshot>());
        render (2);
        engine->collectGarbage();
    }

    /** Hands the sample to the engine's garbage, which frees it once no voice plays it and the
        streaming thread has moved past it; its timer runs here, this being the message thread. */
    void keep (const Sample::Ptr& sample)
    {
        engine->keepSample (sample);
        juce::MessageManager::getInstance()->runDispatchLoopUntil (1);
    }

private:
    void render (int blocks)
    {
        for (int i = 0; i < blocks; ++i)
        {
            if (!engine->waitForKeyLock (block))
                std::abort(); // a KeyLock worker hung on this file
            midi.clear();
            engine->renderBlock (buffer, midi);
            for (int ch = 0; ch < 2; ++ch)
                for (int f = 0; f < block; ++f)
                    if (!std::isfinite (buffer.getSample (ch, f)))
                        std::abort(); // garbage in, but never NaN or infinity out
        }
    }

    std::unique_ptr<AudioEngine> engine;
    juce::AudioBuffer<float> buffer{ 2, block };
    juce::MidiBuffer midi;
};
} // namespace
} // namespace paddeck::fuzz

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    using namespace paddeck;
    if (size < 1)
        return 0;

    // Made once and never destroyed: libFuzzer ends with exit(), and static destructors would run
    // JUCE's shutdown after its own statics are gone. The engine's garbage timer needs a message
    // thread: this one.
    static const auto* juceInitialiser = new juce::ScopedJuceInitialiser_GUI();
    juce::ignoreUnused (juceInitialiser);
    static const char* const extensions[] = { "wav", "aiff", "flac", "ogg", "mp3", "wav", "flac", "mp3" };
    const auto choice = data[0];
    const auto file = fuzz::writeInput (extensions[choice & 7], data + 1, size - 1);

    LoadOptions options;
    options.engineRate = 48000.0;
    options.streamThresholdBytes = (choice & 8) != 0 ? 0 : std::numeric_limits<juce::int64>::max();
    auto result = SampleDecoder::decode (file, {}, options);
    if (!result.wasOk())
        return 0;

    if (result.sample->isStreamed())
        SampleDecoder::computeOverview (*result.sample);

    static auto& player = *new fuzz::Player();
    player.keep (result.sample);
    player.play (result.sample, choice);
    return 0;
}
