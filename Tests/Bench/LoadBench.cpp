#include "BenchSupport.h"

#include "Streaming/SampleLoader.h"

#include <juce_events/juce_events.h>

namespace paddeck::bench
{

namespace
{
using Clock = std::chrono::steady_clock;

/** Asks a fresh SampleLoader (default options, 2 threads) for every file at once and pumps the
    message loop until every callback has run; returns ms to the last callback, or NaN on error. */
double timeToAllPlayable (const juce::Array<juce::File>& files, int& errors)
{
    SampleLoader loader;
    std::vector<Sample::Ptr> loaded;
    int received = 0;
    auto last = Clock::now();

    const auto t0 = Clock::now();
    for (auto& file : files)
        loader.load (file, {},
                     [&] (const LoadResult& result)
                     {
                         ++received;
                         last = Clock::now();
                         errors += result.wasOk() ? 0 : 1;
                         loaded.push_back (result.sample);
                     });

    while (received < files.size() && seconds (Clock::now() - t0) < 60.0)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (1);

    // The loader's destructor cancels the streams' background overviews, so no run overlaps the next.
    return received == files.size() ? 1000.0 * seconds (last - t0) : std::numeric_limits<double>::quiet_NaN();
}

juce::var toVar (const std::vector<double>& values)
{
    juce::Array<juce::var> a;
    for (auto v : values)
        a.add (v);
    return a;
}

std::vector<Figure> loadFigures (const BenchContext& context)
{
    const int reps = context.quick ? 2 : 7;
    const auto tenMinutes = BenchAudio::ensureFile (context.dataDir, "ten-minutes.wav", 600.0, 7);
    const auto thirtySeconds = BenchAudio::ensureFile (context.dataDir, "thirty-seconds.wav", 30.0, 8);

    // A bank: 8 short files (RAM) and 8 long ones (streamed).
    juce::Array<juce::File> bank;
    for (int i = 0; i < 8; ++i)
        bank.add (
            BenchAudio::ensureFile (context.dataDir, "short-" + juce::String (i) + ".wav", 30.0, 100 + i));
    if (context.quick)
        for (int i = 0; i < 8; ++i)
            bank.add (tenMinutes);
    else
        bank.addArray (BenchAudio::longFiles (context, 8));

    int errors = 0;
    std::vector<double> bankMs;
    for (int r = 0; r < reps; ++r)
        bankMs.push_back (timeToAllPlayable (bank, errors));
    const Distribution bankTimes (bankMs);

    Figure bankFigure{ "bank_load_ms", bankTimes.median(), "ms", "<= 200", {} };
    bankFigure.details.set (
        "what", "16 files (8 x 30 s -> RAM, 8 x " + juce::String (context.quick ? "10 min" : "5 min")
                    + " -> streamed) requested at once from SampleLoader::load (2 loader threads) "
                      "to the last callback, message loop pumped; median of runs");
    bankFigure.details.set ("runs_ms", toVar (bankMs));
    bankFigure.details.set ("max_ms", bankTimes.max());
    bankFigure.details.set ("errors", errors);
    bankFigure.details.set ("page_cache",
                            "warm (files generated or read earlier); cold-disk loads are not measured");

    std::vector<double> longMs, shortMs;
    for (int r = 0; r < reps; ++r)
    {
        longMs.push_back (timeToAllPlayable ({ tenMinutes }, errors));
        shortMs.push_back (timeToAllPlayable ({ thirtySeconds }, errors));
    }
    const double longMedian = Distribution (longMs).median(), shortMedian = Distribution (shortMs).median();

    Figure ratio{ "load_ratio_10min_vs_30s", longMedian / shortMedian, "ratio", "<= 1.5", {} };
    ratio.details.set (
        "what", "median ms from SampleLoader::load to the callback (playable) of a 10-minute stereo "
                "48 kHz 16-bit WAV (streamed: header + 1.5 s prime) / of a 30-second one (decoded whole "
                "into RAM), one file at a time");
    ratio.details.set ("ten_minute_ms", toVar (longMs));
    ratio.details.set ("thirty_second_ms", toVar (shortMs));
    ratio.details.set ("errors", errors);

    return { bankFigure, ratio };
}

/** Decodes a whole file into RAM through SampleLoader::loadNow (threshold at the maximum). */
double decodeSeconds (const juce::File& file)
{
    LoadOptions options;
    options.streamThresholdBytes = std::numeric_limits<juce::int64>::max();
    SampleLoader loader (options, 1);
    const auto t0 = Clock::now();
    const auto result = loader.loadNow (file, {}, 48000.0);
    const auto elapsed = seconds (Clock::now() - t0);
    return result.wasOk() ? elapsed : std::numeric_limits<double>::quiet_NaN();
}

std::vector<Figure> decodeFigures (const BenchContext& context)
{
    const int reps = context.quick ? 1 : 3;
    const double wavSeconds = BenchAudio::longFileSeconds (context);
    const auto wav = BenchAudio::longFiles (context, 1)[0];
    const double flacSeconds = context.quick ? 20.0 : 60.0;
    const auto flac = BenchAudio::ensureFile (
        context.dataDir, "decode-" + juce::String ((int) flacSeconds) + "s.flac", flacSeconds, 9);

    std::vector<double> wavTimes, flacTimes;
    for (int r = 0; r < reps; ++r)
    {
        wavTimes.push_back (decodeSeconds (wav));
        flacTimes.push_back (decodeSeconds (flac));
    }
    const double wavTime = Distribution (wavTimes).median(), flacTime = Distribution (flacTimes).median();
    const double fileMb = (double) wav.getSize() / (1024.0 * 1024.0);
    const double floatMb = wavSeconds * 48000.0 * 2 * sizeof (float) / (1024.0 * 1024.0);

    Figure wavFigure{ "decode_wav_mb_s", fileMb / wavTime, "MB/s of WAV file bytes", {}, {} };
    wavFigure.details.set ("what",
                           "SampleLoader::loadNow of a " + juce::String (wavSeconds)
                               + " s stereo 48 kHz "
                                 "16-bit WAV, whole into RAM (threshold at max; includes allocation and "
                                 "overview); median of runs, warm page cache");
    wavFigure.details.set ("decoded_float_mb_s", floatMb / wavTime);
    wavFigure.details.set ("x_realtime", wavSeconds / wavTime);
    wavFigure.details.set ("seconds", wavTime);

    Figure flacFigure{ "decode_flac_x_realtime", flacSeconds / flacTime, "x realtime", {}, {} };
    flacFigure.details.set (
        "what", "SampleLoader::loadNow of a " + juce::String (flacSeconds)
                    + " s stereo 48 kHz "
                      "16-bit FLAC, whole into RAM; audio seconds / wall seconds, median of runs");
    flacFigure.details.set ("file_mb_s", (double) flac.getSize() / (1024.0 * 1024.0) / flacTime);
    flacFigure.details.set ("seconds", flacTime);

    return { wavFigure, flacFigure };
}

const Registration loadRegistration{ { "bank_load_ms", "load_ratio_10min_vs_30s" }, loadFigures };
const Registration decodeRegistration{ { "decode_wav_mb_s", "decode_flac_x_realtime" }, decodeFigures };
} // namespace

} // namespace paddeck::bench
