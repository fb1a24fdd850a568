#include "Streaming/StreamingBenchmarks.h"
#include "Streaming/SampleDecoder.h"
#include "Streaming/StreamingThread.h"
#include "StreamingTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST (StreamingBenchmarks, MeasureLoadAndVoicesReportFigures)
{
    test::TempAudioFolder folder;
    juce::Array<juce::File> files;

    for (int i = 0; i < 3; ++i)
    {
        files.add (folder.file ("f" + juce::String (i) + ".wav"));
        ASSERT_TRUE (test::writeFloatWav (files.getLast(), test::makeNoise (2, 3 * 48000, 30 + i), 48000.0));
    }

    files.add (folder.file ("missing.wav"));
    const LoadOptions streamAll{ 48000.0, 0, 1.5 };
    const auto load = StreamingBenchmarks::measureLoad (files, streamAll);
    EXPECT_EQ (load.numLoaded, 3);
    EXPECT_EQ (load.numStreamed, 3);
    EXPECT_EQ (load.numFailed, 1);
    EXPECT_GT (load.msUntilAllPlayable, 0.0);

    StreamingThread thread;
    juce::Array<Sample::Ptr> samples;
    for (int i = 0; i < 3; ++i)
        samples.add (SampleDecoder::decode (files[i], {}, streamAll).sample);

    const auto voices = StreamingBenchmarks::runVoices (samples, thread, 8, 48000.0, 128, 0.2);
    EXPECT_EQ (voices.numVoices, 8);
    EXPECT_EQ (voices.numBlocks, 75);
    EXPECT_GE (voices.p999BlockMs, 0.0);
    EXPECT_GE (voices.maxBlockMs, voices.p999BlockMs);
    for (auto& s : samples)
        EXPECT_EQ (s->getNumUsers(), 0);
}

} // namespace paddeck
