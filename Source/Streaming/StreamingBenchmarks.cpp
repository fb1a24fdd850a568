#include "Streaming/StreamingBenchmarks.h"

#include "Streaming/SampleDecoder.h"
#include "Streaming/SampleReader.h"
#include "Streaming/StreamingStats.h"
#include "Streaming/StreamingThread.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <thread>

namespace paddeck
{

StreamingBenchmarks::LoadFigures StreamingBenchmarks::measureLoad (const juce::Array<juce::File>& files,
                                                                   const LoadOptions& options, int numThreads)
{
    std::vector<LoadResult> results ((size_t) files.size());
    const auto started = juce::Time::getMillisecondCounterHiRes();

    {
        juce::ThreadPool pool (juce::jmax (1, numThreads));

        for (int i = 0; i < files.size(); ++i)
            pool.addJob (
                [&results, &files, &options, i]
                { results[(size_t) i] = SampleDecoder::decode (files.getReference (i), {}, options); });

        while (pool.getNumJobs() > 0)
            std::this_thread::sleep_for (std::chrono::microseconds (200));
    }

    LoadFigures figures;
    figures.msUntilAllPlayable = juce::Time::getMillisecondCounterHiRes() - started;

    for (auto& r : results)
    {
        figures.numLoaded += r.wasOk() ? 1 : 0;
        figures.numStreamed += (r.wasOk() && r.sample->isStreamed()) ? 1 : 0;
        figures.numFailed += r.wasOk() ? 0 : 1;
    }

    return figures;
}

StreamingBenchmarks::VoiceFigures StreamingBenchmarks::runVoices (const juce::Array<Sample::Ptr>& samples,
                                                                  StreamingThread& streamingThread,
                                                                  int numVoices, double engineRate,
                                                                  int blockSize, double seconds)
{
    VoiceFigures figures;

    if (samples.isEmpty() || numVoices <= 0)
        return figures;

    std::vector<std::unique_ptr<SampleReader>> readers;
    double maxRate = 0.0;

    for (auto& s : samples)
        maxRate = juce::jmax (maxRate, s->getSampleRate());

    for (int v = 0; v < numVoices; ++v)
    {
        auto& sample = *samples[v % samples.size()];
        readers.push_back (std::make_unique<SampleReader>());
        readers.back()->prepare (streamingThread, SampleReader::defaultRingFrames (maxRate));
        readers.back()->start (sample, sample.getRegion().startFrame, true, sample.getRegion().loopStart,
                               sample.getRegion().loopEnd);
    }

    juce::AudioBuffer<float> out (2, blockSize);
    const auto period = std::chrono::duration<double> (blockSize / engineRate);
    const auto numBlocks = (int) (seconds * engineRate / blockSize);
    std::vector<double> blockMs;
    blockMs.reserve ((size_t) numBlocks);
    auto next = std::chrono::steady_clock::now();

    for (int b = 0; b < numBlocks; ++b)
    {
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration> (period);
        std::this_thread::sleep_until (next);

        const auto t0 = std::chrono::steady_clock::now();
        for (auto& r : readers)
            r->readFrames (out.getWritePointer (0), out.getWritePointer (1), blockSize);
        blockMs.push_back (
            std::chrono::duration<double, std::milli> (std::chrono::steady_clock::now() - t0).count());
    }

    const auto stats = StreamingStats::get();
    figures.numVoices = numVoices;
    figures.numBlocks = numBlocks;
    figures.periodMs = 1000.0 * blockSize / engineRate;
    figures.ringBytes = stats.streamRingBytes;
    figures.sampleRamBytes = stats.sampleRamBytes;

    for (auto& r : readers)
    {
        figures.underruns += r->getUnderruns();
        r->stop();
    }

    if (!blockMs.empty())
    {
        figures.meanBlockMs = std::accumulate (blockMs.begin(), blockMs.end(), 0.0) / (double) blockMs.size();
        std::sort (blockMs.begin(), blockMs.end());
        figures.p999BlockMs =
            blockMs[std::min (blockMs.size() - 1, (size_t) (0.999 * (double) blockMs.size()))];
        figures.maxBlockMs = blockMs.back();
    }

    return figures;
}

} // namespace paddeck
