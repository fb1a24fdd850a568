#include "EngineVoiceTrial.h"

namespace paddeck::bench
{

namespace
{
std::vector<Figure> streamVarispeedVoices (const BenchContext& context)
{
    const auto files = BenchAudio::longFiles (context);
    const SampleLoader loader (streamingLoadOptions (context), 1);
    const auto search = CountSearch::run (
        32, context.quick ? 128 : 2048, context.quick, 1.0 / 16.0,
        [&] (int count) { return runEngineVoiceTrial (context, loader, files, count, false); });

    Figure f{ "stream_varispeed_voices", (double) search.best, "voices", ">= 512", {} };
    f.details.set (
        "what", "voices on AudioEngine::renderBlock, each pad streaming its own primed start in one of "
                "64 stereo 48 kHz 16-bit files, pitch -6.5..+6.5 st, EQ low -6 dB high +3 dB, 128-frame "
                "blocks paced like a device, on the audio thread and a voice worker per extra core; pass = 0 "
                "underruns, 0 voice-worker stalls, p99.9 block time < 0.5 period, all voices still playing. "
                "Load fractions cover every block (ramp + hold).");
    f.details.set ("file_seconds", BenchAudio::longFileSeconds (context));
    f.details.set ("ramp_seconds", context.quick ? 0.25 : 1.0);
    f.details.set ("hold_seconds", context.quick ? 1.0 : 30.0);
    f.details.set ("files_in_page_cache",
                   "likely (generated or read just before); disk speed is not measured");
    search.describeIn (f.details);
    if (context.quick)
        f.details.set ("quick", "coarse search (doubling only, capped at 128), stream threshold 1 MB");
    return { f };
}

const Registration registration{ { "stream_varispeed_voices" }, streamVarispeedVoices };
} // namespace

} // namespace paddeck::bench
