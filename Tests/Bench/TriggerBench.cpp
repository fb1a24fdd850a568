#include "BenchSupport.h"
#include "RamFrameSource.h"

#include "Control/SnapshotCompiler.h"
#include "Dsp/KeyLockPool.h"
#include "Engine/AudioEngine.h"
#include "Streaming/SampleLoader.h"

#include <thread>

namespace paddeck::bench
{

namespace
{
constexpr float silence = 1.0e-4f; // -80 dBFS; the test file is at about -10 dBFS from frame 0

/** Index of the first frame in [0, n) above the silence threshold on either channel, or -1. */
int firstSound (const juce::AudioBuffer<float>& buffer, int n)
{
    for (int i = 0; i < n; ++i)
        if (std::abs (buffer.getSample (0, i)) > silence || std::abs (buffer.getSample (1, i)) > silence)
            return i;
    return -1;
}

std::vector<int> offsetsFor (int blockSize) { return { 0, 1, blockSize / 2, blockSize - 1 }; }

struct Worst
{
    int frames = 0;
    juce::String where;
    int trials = 0, misses = 0;

    void add (int delta, const juce::String& what)
    {
        ++trials;
        if (where.isEmpty() || std::abs (delta) > std::abs (frames))
        {
            frames = delta;
            where = what;
        }
    }
};

/** RAM and streamed pads on the real AudioEngine, hit by MIDI notes at every offset. */
void measureEngine (const juce::File& file, int blockSize, Worst& worst)
{
    const double rate = 48000.0;
    AudioEngine engine (16);
    engine.prepare (rate, blockSize);

    auto snapshot = std::make_unique<EngineSnapshot>();
    const char* kinds[] = { "ram", "stream" };
    for (int k = 0; k < 2; ++k)
    {
        LoadOptions options;
        options.streamThresholdBytes = k == 0 ? std::numeric_limits<juce::int64>::max() : 0;
        const auto result = SampleLoader (options, 1).loadNow (file, {}, rate);
        if (!result.wasOk())
            continue;
        engine.keepSample (result.sample);

        auto plain = voicePad (0, 0);
        plain.semitones = 0, plain.cents = 0.0f, plain.eqLowDb = plain.eqHighDb = 0.0f;
        snapshot->pads.push_back (SnapshotCompiler::compilePad (plain, result.sample));
        auto shaped = voicePad (0, 0);
        shaped.semitones = 5, shaped.cents = 0.0f;
        snapshot->pads.push_back (SnapshotCompiler::compilePad (shaped, result.sample));
    }
    snapshot->padsPerBank = (int) snapshot->pads.size();
    engine.publish (std::move (snapshot));

    juce::AudioBuffer<float> buffer (2, blockSize);
    juce::MidiBuffer midi;
    auto renderUntilSilent = [&]
    {
        engine.send (EngineCommand::stopEverything());
        for (int b = 0; b < 64; ++b)
        {
            midi.clear();
            engine.renderBlock (buffer, midi);
            if (b > 0 && firstSound (buffer, blockSize) < 0)
                break;
        }
    };

    for (int pad = 0; pad < 4; ++pad)
        for (const int offset : offsetsFor (blockSize))
        {
            renderUntilSilent();
            int found = -1;
            for (int b = 0; b < 4 && found < 0; ++b)
            {
                midi.clear();
                if (b == 0)
                    midi.addEvent (juce::MidiMessage::noteOn (1, pad, 1.0f), offset);
                engine.renderBlock (buffer, midi);
                const auto first = firstSound (buffer, blockSize);
                if (first >= 0)
                    found = b * blockSize + first;
            }
            const auto what = juce::String (kinds[pad / 2])
                              + (pad % 2 == 0 ? " 0 st flat EQ" : " +5 st EQ -6/+3") + ", block "
                              + juce::String (blockSize) + ", offset " + juce::String (offset);
            if (found < 0)
                ++worst.misses;
            worst.add (found < 0 ? 4 * blockSize : found - offset, what);
        }
}

/** KeyLock straight from KeyLockVoice (+ its prime), started at the offset inside a block the way
    a voice is started mid-block: not through the engine, whose voices do not play KeyLock yet. */
void measureKeyLock (const juce::File& file, int blockSize, Worst& worst)
{
    const double rate = 48000.0;
    const auto frames = BenchAudio::readSection (file, 0, (int) (3.0 * rate));
    KeyLockPool pool;
    KeyLockPool::Settings settings;
    settings.maxVoices = 1;
    settings.numWorkers = 1;
    pool.prepare (settings);
    auto& voice = pool.getVoice (0);

    for (const int semitones : { 0, 5 })
    {
        const double pitch = std::pow (2.0, semitones / 12.0);
        RamFrameSource primeSource, source;
        primeSource.reset (frames);
        const auto prime = KeyLockPrime::make (primeSource, rate, KeyLockEngine::faster, pitch,
                                               (int) (KeyLockPrime::defaultSeconds * rate));

        for (const int offset : offsetsFor (blockSize))
        {
            juce::AudioBuffer<float> buffer (2, blockSize);
            buffer.clear();
            source.reset (frames);
            voice.start (source, prime.get(), pitch);
            voice.readFrames (buffer.getWritePointer (0, offset), buffer.getWritePointer (1, offset),
                              blockSize - offset);
            int found = firstSound (buffer, blockSize);
            if (found < 0)
            {
                voice.readFrames (buffer.getWritePointer (0), buffer.getWritePointer (1), blockSize);
                const auto next = firstSound (buffer, blockSize);
                found = next >= 0 ? blockSize + next : -1;
            }
            voice.stop();
            for (int i = 0; i < 1000 && !voice.isIdle(); ++i)
                std::this_thread::sleep_for (std::chrono::milliseconds (1));

            if (found < 0)
                ++worst.misses;
            worst.add (found < 0 ? 2 * blockSize : found - offset,
                       "keylock " + juce::String (semitones) + " st, block " + juce::String (blockSize)
                           + ", offset " + juce::String (offset));
        }
    }
}

std::vector<Figure> triggerOffset (const BenchContext& context)
{
    const auto file = BenchAudio::ensureFile (context.dataDir, "thirty-seconds.wav", 30.0, 8);
    Worst ramStream, keyLock;
    for (const int blockSize : { 32, 128, 512 })
    {
        measureEngine (file, blockSize, ramStream);
        measureKeyLock (file, blockSize, keyLock);
    }

    const auto worst = std::abs (ramStream.frames) >= std::abs (keyLock.frames) ? ramStream : keyLock;
    Figure f{ "trigger_offset_frames", (double) std::abs (worst.frames), "frames", 0, {} };
    f.details.set (
        "what",
        "worst |first frame above -80 dBFS - MIDI note offset| over RAM and streamed pads (AudioEngine, "
        "MIDI note at the offset; 0 st flat EQ and +5 st EQ -6/+3) and KeyLock, block sizes "
        "32/128/512, offsets 0, 1, half, last");
    f.details.set ("keylock_how",
                   "KeyLockVoice + KeyLockPrime driven directly (the engine's voices do not play KeyLock "
                   "on main yet), started at the offset within the block");
    f.details.set ("worst_case", worst.where);
    f.details.set ("worst_signed_frames", worst.frames);
    f.details.set ("ram_stream_worst_frames", ramStream.frames);
    f.details.set ("keylock_worst_frames", keyLock.frames);
    f.details.set ("trials", ramStream.trials + keyLock.trials);
    f.details.set ("never_sounded", ramStream.misses + keyLock.misses);
    return { f };
}

const Registration registration{ { "trigger_offset_frames" }, triggerOffset };
} // namespace

} // namespace paddeck::bench
