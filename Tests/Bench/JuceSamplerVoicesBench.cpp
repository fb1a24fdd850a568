#include "BenchSupport.h"
#include "JuceSamplerRig.h"

namespace paddeck::bench
{

namespace
{
constexpr int blockSize = 128;

std::vector<Figure> juceSamplerVoices (const BenchContext& context)
{
    const double rate = context.sampleRate;
    const double rampSeconds = context.quick ? 0.25 : 1.0;
    const double holdSeconds = context.quick ? 1.0 : 30.0;
    const double soundSeconds = (rampSeconds + holdSeconds + 1.0) * 1.42; // +6 st plays 1.41x as fast

    JuceSamplerRig rig;
    rig.addSounds (BenchAudio::longFiles (context), soundSeconds);

    const auto search = CountSearch::run (
        32, context.quick ? 128 : JuceSamplerRig::maxVoices, context.quick, 1.0 / 16.0,
        [&] (int count)
        {
            rig.setVoices (count);
            const int rampBlocks = (int) (rampSeconds * rate / blockSize);
            const int totalBlocks = rampBlocks + (int) (holdSeconds * rate / blockSize);
            juce::AudioBuffer<float> buffer (2, blockSize);
            juce::MidiBuffer midi;
            int started = 0;

            const auto run = PacedRun::run (totalBlocks, blockSize / rate,
                                            [&] (int b)
                                            {
                                                midi.clear();
                                                const int due =
                                                    b < rampBlocks
                                                        ? (int) ((juce::int64) count * (b + 1) / rampBlocks)
                                                        : count;
                                                for (; started < due; ++started)
                                                    midi.addEvent (JuceSamplerRig::noteOnFor (started), 0);
                                                buffer.clear();
                                                rig.synth.renderNextBlock (buffer, midi, 0, blockSize);
                                            });

            CountSearch::Trial trial;
            trial.details = describeLoads (run);
            const int active = rig.countActiveVoices();
            trial.details->setProperty ("active_at_end", active);
            trial.passed = active == count && (double) trial.details->getProperty ("p999") < 0.5;
            return trial;
        });
    rig.setVoices (0);

    Figure f{ "juce_sampler_voices", (double) search.best, "voices", {}, {} };
    f.details.set (
        "what",
        "baseline: juce::Synthesiser + SamplerVoice/SamplerSound, everything in RAM (each of the 64 "
        "long files' first "
            + juce::String (soundSeconds, 1)
            + " s, not whole files), whole-semitone "
              "pitches -6..+6, no EQ (SamplerVoice has none), linear interpolation; 128-frame blocks "
              "paced like a device; pass = p99.9 block time < 0.5 period and every voice still playing");
    f.details.set ("best", search.bestDetails);
    f.details.set ("tried", search.tried);
    if (context.quick)
        f.details.set ("quick", "coarse search (doubling only, capped at 128)");
    return { f };
}

const Registration registration{ { "juce_sampler_voices" }, juceSamplerVoices };
} // namespace

} // namespace paddeck::bench
