#include "EngineVoiceTrial.h"
#include "JuceSamplerRig.h"

#include "Streaming/SampleLoader.h"

namespace paddeck::bench
{

namespace
{
/** What both samplers hold in RAM per file: a whole trial at +6 st (1.41× as fast) and a second. */
double soundSeconds (const BenchContext& context)
{
    return (engineTrialRampSeconds (context) + engineTrialHoldSeconds (context) + 1.0) * 1.42;
}

/** PadDeck's pad for JUCE's voice k: the same file (k % 64), the same whole-semitone pitch, EQ flat. */
PadSettings equalTermsPad (int voice)
{
    auto settings = voicePad (voice, 0);
    settings.semitones = voiceSemitones (voice % 64);
    settings.cents = 0.0f;
    settings.eqLowDb = settings.eqMidDb = settings.eqHighDb = 0.0f;
    return settings;
}

/** juce::Synthesiser's voices, then PadDeck's on the same RAM files, pitches and paced trials, in
    one run: the JUCE count is juce_sampler_voices, and PadDeck's ÷ JUCE's is equal_terms_vs_juce. */
std::vector<Figure> equalTerms (const BenchContext& context)
{
    const double rate = context.sampleRate;
    const auto seconds = soundSeconds (context);
    const auto files = BenchAudio::shortFiles (context, seconds);
    const double resolution = 1.0 / 16.0;

    const int juceMax = context.quick ? 128 : JuceSamplerRig::maxVoices;
    CountSearch juceSearch;
    {
        JuceSamplerRig rig;
        rig.addSounds (files, seconds + 1.0); // whole files
        juceSearch = CountSearch::run (32, juceMax, context.quick, resolution,
                                       [&] (int count) { return rig.runTrial (context, count); });
        rig.setVoices (0);
    } // its sounds are freed before PadDeck loads the same files

    LoadOptions options;
    options.engineRate = rate;
    options.streamThresholdBytes = std::numeric_limits<juce::int64>::max(); // RAM, as SamplerSound
    SampleLoader loader (options, 1);
    std::vector<Sample::Ptr> samples;
    for (const auto& file : files)
    {
        const auto result = loader.loadNow (file, {}, rate);
        if (!result.wasOk())
            return {
                { "equal_terms_vs_juce", std::numeric_limits<double>::quiet_NaN(), "ratio", ">= 1.5", {} }
            };
        samples.push_back (result.sample);
    }

    const auto paddeckSearch =
        CountSearch::run (32, context.quick ? 128 : JuceSamplerRig::maxVoices, context.quick, resolution,
                          [&] (int count)
                          {
                              std::vector<TrialPad> pads;
                              for (int k = 0; k < count; ++k)
                                  pads.push_back ({ samples[(size_t) (k % 64)], equalTermsPad (k), nullptr });
                              return runEnginePads (context, pads, false);
                          });
    samples.clear();

    const auto held = "64 stereo 48 kHz files of " + juce::String (seconds, 1)
                      + " s (the long files' starts), decoded whole into RAM";

    Figure juce{ "juce_sampler_voices", (double) juceSearch.best, "voices", {}, {} };
    juce.details.set ("what", "baseline: juce::Synthesiser + SamplerVoice/SamplerSound holding " + held
                                  + "; voice k plays file k % 64 at whole-semitone pitch -6..+6, no EQ "
                                    "(SamplerVoice has none), linear interpolation; 128-frame blocks "
                                    "paced like a device; pass = p99.9 block time < 0.5 period and every "
                                    "voice still playing");
    juceSearch.describeIn (juce.details);
    // Passing at the rig's cap (JuceSamplerRig::maxVoices) means JUCE could play more.
    const bool juceAtCap = juceSearch.best >= juceMax;
    juce.details.set ("at_cap", juceAtCap);

    Figure ratio{ "equal_terms_vs_juce",
                  juceSearch.best > 0 ? (double) paddeckSearch.best / juceSearch.best
                                      : std::numeric_limits<double>::quiet_NaN(),
                  "ratio",
                  ">= 1.5",
                  {} };
    ratio.details.set ("what",
                       "PadDeck voices / juce::Synthesiser voices, measured one after the other in "
                       "this run on equal terms: the same "
                           + held
                           + ", voice k on file k % 64 at the same whole-semitone pitch, EQ flat, the "
                             "same ramp, hold and pass rule; PadDeck plays them on "
                             "AudioEngine::renderBlock (windowed-sinc varispeed, gain ramps, meters, "
                             "graph)");
    ratio.details.set ("paddeck_voices", paddeckSearch.best);
    ratio.details.set ("juce_voices", juceSearch.best);
    ratio.details.set ("juce_at_cap", juceAtCap); // then the ratio is an upper bound
    ratio.details.set ("paddeck", juce::var (paddeckSearch.describe().get()));
    ratio.details.set ("hold_seconds", engineTrialHoldSeconds (context));
    if (context.quick)
    {
        const auto quick = "coarse search (doubling only, capped at 128): both reach the cap, so the ratio "
                           "says little";
        juce.details.set ("quick", quick);
        ratio.details.set ("quick", quick);
    }
    return { juce, ratio };
}

const Registration registration{ { "juce_sampler_voices", "equal_terms_vs_juce" }, equalTerms };
} // namespace

} // namespace paddeck::bench
