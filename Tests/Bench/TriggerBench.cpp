#include "BenchSupport.h"

#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Model/MidiMapping.h"
#include "Streaming/SampleLoader.h"

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

constexpr int gridRows = 4, gridColumns = 4;

/** The note (channel 1) the mapping plays a bank's pad with, or -1: the bench hits pads the way a
    controller does, through the mapping a set without its own plays with. */
int noteForPad (const MidiTriggerMap& map, int pad)
{
    for (int note = 0; note < 128; ++note)
        if (const auto& action = map.forNote (1, note);
            action.kind == MidiTriggerMap::Action::Kind::pad && action.value == pad)
            return note;
    return -1;
}

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
void measureEngine (const juce::File& file, int blockSize, Worst& varispeed, Worst& keyLock)
{
    const double rate = 48000.0;
    AudioEngine engine (16);
    engine.prepare (rate, blockSize);

    auto snapshot = std::make_unique<EngineSnapshot>();
    juce::StringArray labels;
    for (const bool streamed : { false, true })
    {
        LoadOptions options;
        options.streamThresholdBytes = streamed ? 0 : std::numeric_limits<juce::int64>::max();
        const auto result = SampleLoader (options, 1).loadNow (file, {}, rate);
        if (!result.wasOk())
            continue;
        engine.keepSample (result.sample);
        const juce::String kind (streamed ? "stream" : "ram");

        auto plain = voicePad (0, 0);
        plain.semitones = 0, plain.cents = 0.0f, plain.eqLowDb = plain.eqHighDb = 0.0f;
        snapshot->pads.push_back (SnapshotCompiler::compilePad (plain, result.sample));
        labels.add (kind + " varispeed 0 st flat EQ");

        auto shaped = voicePad (0, 0);
        shaped.semitones = 5, shaped.cents = 0.0f;
        snapshot->pads.push_back (SnapshotCompiler::compilePad (shaped, result.sample));
        labels.add (kind + " varispeed +5 st EQ -6/+3");

        auto keyLocked = shaped;
        keyLocked.pitchMode = PitchMode::keyLock;
        snapshot->pads.push_back (SnapshotCompiler::compilePad (
            keyLocked, result.sample,
            SnapshotCompiler::makeKeyLockPrime (*result.sample, keyLocked, rate, defaultKeyLockEngine)));
        labels.add (kind + " keylock +5 st EQ -6/+3");
    }
    snapshot->padsPerBank = (int) snapshot->pads.size();
    snapshot->midi = MidiTriggerMap::compile (MidiMapping::standard(), gridRows, gridColumns);
    std::vector<int> notes;
    for (int pad = 0; pad < labels.size(); ++pad)
        notes.push_back (noteForPad (snapshot->midi, pad));
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

    for (int pad = 0; pad < labels.size(); ++pad)
        for (const int offset : offsetsFor (blockSize))
        {
            renderUntilSilent();
            const auto note = notes[(size_t) pad]; // six pads fit the 4 × 4 grid; -1 would never sound
            int found = -1;
            for (int b = 0; b < 4 && found < 0 && note >= 0; ++b)
            {
                midi.clear();
                if (b == 0)
                    midi.addEvent (juce::MidiMessage::noteOn (1, note, 1.0f), offset);
                engine.renderBlock (buffer, midi);
                const auto first = firstSound (buffer, blockSize);
                if (first >= 0)
                    found = b * blockSize + first;
            }
            const auto what =
                labels[pad] + ", block " + juce::String (blockSize) + ", offset " + juce::String (offset);
            auto& worst = labels[pad].contains ("keylock") ? keyLock : varispeed;
            if (found < 0)
                ++worst.misses;
            worst.add (found < 0 ? 4 * blockSize : found - offset, what);
        }
}

std::vector<Figure> triggerOffset (const BenchContext& context)
{
    const auto file = BenchAudio::ensureFile (context.dataDir, "thirty-seconds.wav", 30.0, 8);
    Worst varispeed, keyLock;
    for (const int blockSize : { 32, 128, 512 })
        measureEngine (file, blockSize, varispeed, keyLock);

    const auto& worst = std::abs (varispeed.frames) >= std::abs (keyLock.frames) ? varispeed : keyLock;
    Figure f{ "trigger_offset_frames", (double) std::abs (worst.frames), "frames", 0, {} };
    f.details.set (
        "what", "worst |first output frame above -80 dBFS - MIDI note offset| on AudioEngine::renderBlock, "
                "over RAM and streamed pads, each varispeed 0 st flat EQ, varispeed +5 st EQ -6/+3 and "
                "KeyLock +5 st EQ -6/+3 (with its prime); block sizes 32/128/512; offsets 0, 1, half, last; "
                "each pad hit by its note in the standard mapping (notes 36-51 on a 4 x 4 grid); a pad that "
                "never sounds counts as 4 blocks late");
    f.details.set ("worst_case", worst.where);
    f.details.set ("worst_signed_frames", worst.frames);
    f.details.set ("varispeed_worst_frames", varispeed.frames);
    f.details.set ("keylock_worst_frames", keyLock.frames);
    f.details.set ("trials", varispeed.trials + keyLock.trials);
    f.details.set ("never_sounded", varispeed.misses + keyLock.misses);
    return { f };
}

const Registration registration{ { "trigger_offset_frames" }, triggerOffset };
} // namespace

} // namespace paddeck::bench
