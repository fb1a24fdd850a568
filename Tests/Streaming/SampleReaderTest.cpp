#include "Streaming/SampleDecoder.h"
#include "Streaming/StreamingThread.h"
#include "StreamingTestSupport.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;
constexpr int blockSize = 256;
const LoadOptions streamEverything{ rate, 0, 1.5 };

/** Where a voice started at start, looping [loopStart, loopEnd), is after t frames. */
juce::int64 expectedFrame (juce::int64 t, juce::int64 start, juce::int64 loopStart, juce::int64 loopEnd)
{
    const auto intro = loopEnd - start;
    return t < intro ? start + t : loopStart + (t - intro) % (loopEnd - loopStart);
}

/** Checks played audio against what should play: every frame is the right frame scaled by a gain
    in [0, 1] that is the same on both sides (silence or a fade-in after a miss), and exact once a
    fade-in's length has passed since the last silent frame. Stale or misplaced data fails. */
void expectRightFramesOrSilence (const juce::AudioBuffer<float>& played,
                                 const juce::AudioBuffer<float>& expected, int fadeLength)
{
    int lastSilent = -fadeLength - 1;

    for (int i = 0; i < played.getNumSamples(); ++i)
    {
        const auto l = played.getSample (0, i), r = played.getSample (1, i);
        const auto el = expected.getSample (0, i), er = expected.getSample (1, i);

        if (l == 0.0f && r == 0.0f)
        {
            lastSilent = i;
            continue;
        }

        if (i - lastSilent > fadeLength)
        {
            ASSERT_EQ (l, el) << "frame " << i;
            ASSERT_EQ (r, er) << "frame " << i;
            continue;
        }

        if (std::abs (el) < 1.0e-3f || std::abs (er) < 1.0e-3f)
        {
            ASSERT_LE (std::abs (l), std::abs (el) + 1.0e-7f) << "frame " << i;
            ASSERT_LE (std::abs (r), std::abs (er) + 1.0e-7f) << "frame " << i;
            continue;
        }

        const auto gl = l / el, gr = r / er;
        ASSERT_GE (gl, -1.0e-5f) << "frame " << i;
        ASSERT_LE (gl, 1.0f + 1.0e-5f) << "frame " << i;
        ASSERT_NEAR (gl, gr, 1.0e-3f) << "frame " << i;
    }
}

Sample::Ptr loadStreamed (const juce::File& file, PlaybackRegion region = {})
{
    auto result = SampleDecoder::decode (file, region, streamEverything);
    EXPECT_TRUE (result.wasOk()) << result.message;
    EXPECT_TRUE (result.sample == nullptr || result.sample->isStreamed());
    return result.sample;
}

void waitUntilPaused (StreamingThread& thread)
{
    for (auto passes = thread.getCompletedPasses();;)
    {
        std::this_thread::sleep_for (std::chrono::milliseconds (20));
        const auto now = thread.getCompletedPasses();

        if (now == passes)
            return;

        passes = now;
    }
}
} // namespace

TEST (StreamingReader, LoopsFromRandomOffsetsAtDevicePaceWithoutGapsOrUnderruns)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    const auto noise = test::makeNoise (2, 8 * (int) rate, 11);
    ASSERT_TRUE (test::writeFloatWav (file, noise, rate));

    StreamingThread thread;
    juce::Random random (20261121);

    // Three voices at once, each on its own region of the file; every loop is longer than the RAM
    // prime, so each wrap also plays frames that only the ring can hold.
    struct Voice
    {
        PlaybackRegion region;
        Sample::Ptr sample;
        SampleReader reader;
        juce::int64 played = 0, total = 0;
    };

    std::array<Voice, 3> voices;

    for (auto& v : voices)
    {
        v.region.loopStart = random.nextInt ((int) (3 * rate));
        v.region.loopEnd = v.region.loopStart + (juce::int64) (rate * (1.6 + 0.4 * random.nextDouble()));
        v.region.startFrame = random.nextInt ((int) v.region.loopEnd);
        v.sample = loadStreamed (file, v.region);
        ASSERT_NE (v.sample, nullptr);
        v.reader.prepare (thread, SampleReader::defaultRingFrames (rate));
        v.reader.start (*v.sample, v.region.startFrame, true, v.region.loopStart, v.region.loopEnd);
        v.total = (v.region.loopEnd - v.region.startFrame) + 20 * (v.region.loopEnd - v.region.loopStart);
    }

    // Twice real time: stricter than a device, and it keeps the test short.
    test::DevicePacer pacer (rate, blockSize, 2.0);
    float left[blockSize], right[blockSize];
    bool anyPlaying = true;

    while (anyPlaying)
    {
        pacer.waitForNextBlock();
        anyPlaying = false;

        for (auto& v : voices)
        {
            if (v.played >= v.total)
                continue;

            anyPlaying = true;
            ASSERT_EQ (v.reader.readFrames (left, right, blockSize), blockSize);

            for (int i = 0; i < blockSize; ++i)
            {
                const auto frame = (int) expectedFrame (v.played + i, v.region.startFrame, v.region.loopStart,
                                                        v.region.loopEnd);
                ASSERT_EQ (left[i], noise.getSample (0, frame)) << "play index " << v.played + i;
                ASSERT_EQ (right[i], noise.getSample (1, frame)) << "play index " << v.played + i;
            }

            v.played += blockSize;
        }
    }

    for (auto& v : voices)
    {
        EXPECT_EQ (v.reader.getUnderruns(), 0u);
        EXPECT_EQ (v.reader.getMissedFrames(), 0u);
        v.reader.stop();
    }
}

TEST (StreamingReader, StarvedReaderPlaysCountedSilenceNeverStaleDataAndFadesBackIn)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    const auto noise = test::makeNoise (2, 8 * (int) rate, 12);
    ASSERT_TRUE (test::writeFloatWav (file, noise, rate));

    StreamingThread thread;
    auto sample = loadStreamed (file); // RAM: frames [0, 1.5 s)
    ASSERT_NE (sample, nullptr);
    SampleReader reader;
    reader.prepare (thread, SampleReader::defaultRingFrames (rate));

    // Fill the ring for a start at 0, then starve the thread and restart half a second later: the
    // ring still holds the first start's frames, which the new start must never play.
    reader.start (*sample, 0, false);
    ASSERT_TRUE (test::waitForBuffered (reader, *sample, reader.getRingCapacity()));
    thread.setPausedForTesting (true);
    waitUntilPaused (thread);

    const juce::int64 start = 24000;
    reader.start (*sample, start, false);
    const auto total = (int) (noise.getNumSamples() - start);
    juce::AudioBuffer<float> played (2, total), expected (2, total);

    for (int ch = 0; ch < 2; ++ch)
        expected.copyFrom (ch, 0, noise, ch, (int) start, total);

    const auto read = [&] (int at)
    { return reader.readFrames (played.getWritePointer (0, at), played.getWritePointer (1, at), blockSize); };

    int done = 0;
    for (; done < 3 * (int) rate; done += blockSize)
        ASSERT_EQ (read (done), blockSize);

    // The RAM prime plays (1 s of it is left after the start); then silence, every frame counted.
    const auto ramFrames = (int) (1.5 * rate) - (int) start;
    EXPECT_EQ (played.findMinMax (0, 0, ramFrames), expected.findMinMax (0, 0, ramFrames));
    EXPECT_EQ (played.getMagnitude (ramFrames, done - ramFrames), 0.0f);
    EXPECT_GT (reader.getUnderruns(), 0u);
    EXPECT_EQ (reader.getMissedFrames(), (juce::uint64) (done - ramFrames));

    thread.setPausedForTesting (false);
    const auto missedWhileStarved = reader.getMissedFrames();

    for (; done + blockSize <= total; done += blockSize)
    {
        ASSERT_TRUE (test::waitForBuffered (reader, *sample, blockSize));
        ASSERT_EQ (read (done), blockSize);
    }

    EXPECT_EQ (reader.getMissedFrames(), missedWhileStarved);
    played.setSize (2, done, true);
    expected.setSize (2, done, true);
    expectRightFramesOrSilence (played, expected, (int) std::ceil (0.003 * rate));

    // It faded back in: the first frames after the silence are quieter than the file, then exact.
    const auto back = 3 * (int) rate;
    EXPECT_LT (std::abs (played.getSample (0, back + 10)), std::abs (expected.getSample (0, back + 10)));
    EXPECT_EQ (played.getSample (0, back + 1000), expected.getSample (0, back + 1000));
    reader.stop();
}

TEST (StreamingReader, SlowStreamingThreadMissesOnlyAsSilence)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    const auto noise = test::makeNoise (2, 6 * (int) rate, 13);
    ASSERT_TRUE (test::writeFloatWav (file, noise, rate));

    StreamingThread thread (512); // small chunks
    thread.setPassDelayForTesting (40);
    auto sample = loadStreamed (file, { 0, 0, -1 });
    ASSERT_NE (sample, nullptr);
    SampleReader reader;
    reader.prepare (thread, SampleReader::defaultRingFrames (rate));
    reader.start (*sample, 0, true);

    // 512 frames per 40 ms pass cannot keep up with 48 kHz read at 4x real time.
    const int total = 5 * (int) rate;
    juce::AudioBuffer<float> played (2, total), expected (2, total);
    for (int ch = 0; ch < 2; ++ch)
        expected.copyFrom (ch, 0, noise, ch, 0, total);

    test::DevicePacer pacer (rate, blockSize, 4.0);
    int done = 0;
    for (; done + blockSize <= total; done += blockSize)
    {
        pacer.waitForNextBlock();
        ASSERT_EQ (
            reader.readFrames (played.getWritePointer (0, done), played.getWritePointer (1, done), blockSize),
            blockSize);
    }

    played.setSize (2, done, true); // compare only what was read
    expected.setSize (2, done, true);
    EXPECT_GT (reader.getUnderruns(), 0u);
    expectRightFramesOrSilence (played, expected, (int) std::ceil (0.003 * rate));
    reader.stop();
}

TEST (StreamingReader, ManyReadersPlayOneSampleAtDifferentPositions)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("noise.wav");
    const auto noise = test::makeNoise (2, 5 * (int) rate, 14);
    ASSERT_TRUE (test::writeFloatWav (file, noise, rate));

    StreamingThread thread;
    auto sample = loadStreamed (file);
    ASSERT_NE (sample, nullptr);

    const juce::int64 starts[] = { 0, 50000, 123456, 200000 };
    std::array<SampleReader, 4> readers;
    float left[blockSize], right[blockSize];

    for (size_t i = 0; i < readers.size(); ++i)
    {
        readers[i].prepare (thread, SampleReader::defaultRingFrames (rate));
        readers[i].start (*sample, starts[i], true);
    }

    EXPECT_EQ (sample->getNumUsers(), 4);
    const auto length = sample->getLengthInFrames();

    for (juce::int64 t = 0; t < 8 * (juce::int64) rate; t += blockSize)
    {
        for (size_t r = 0; r < readers.size(); ++r)
        {
            ASSERT_TRUE (test::waitForBuffered (readers[r], *sample, blockSize));
            ASSERT_EQ (readers[r].readFrames (left, right, blockSize), blockSize);

            for (int i = 0; i < blockSize; ++i)
            {
                const auto frame = (int) expectedFrame (t + i, starts[r], 0, length);
                ASSERT_EQ (left[i], noise.getSample (0, frame));
                ASSERT_EQ (right[i], noise.getSample (1, frame));
            }
        }
    }

    for (auto& r : readers)
    {
        EXPECT_EQ (r.getUnderruns(), 0u);
        r.stop();
    }

    EXPECT_EQ (sample->getNumUsers(), 0);
}

TEST (StreamingReader, FileDeletedOrTruncatedMidStreamEndsOnlyThatVoice)
{
    for (const bool deleteIt : { true, false })
    {
        SCOPED_TRACE (deleteIt ? "deleted" : "truncated");
        test::TempAudioFolder folder;
        const auto doomedFile = folder.file ("doomed.wav"), keptFile = folder.file ("kept.wav");
        const auto kept = test::makeNoise (2, 4 * (int) rate, 15);
        ASSERT_TRUE (test::writeFloatWav (doomedFile, test::makeNoise (2, 10 * (int) rate, 16), rate));
        ASSERT_TRUE (test::writeFloatWav (keptFile, kept, rate));

        StreamingThread thread;
        auto doomed = loadStreamed (doomedFile), survivor = loadStreamed (keptFile);
        ASSERT_TRUE (doomed != nullptr && survivor != nullptr);

        SampleReader doomedReader, keptReader;
        doomedReader.prepare (thread, SampleReader::defaultRingFrames (rate));
        keptReader.prepare (thread, SampleReader::defaultRingFrames (rate));
        doomedReader.start (*doomed, 0, true);
        keptReader.start (*survivor, 0, true);

        float left[blockSize], right[blockSize];
        test::DevicePacer pacer (rate, blockSize, 2.0);
        bool doomedEnded = false, broken = false;

        for (juce::int64 t = 0; t < 8 * (juce::int64) rate; t += blockSize)
        {
            if (t >= (juce::int64) rate && !std::exchange (broken, true))
            {
                if (deleteIt)
                    ASSERT_TRUE (doomedFile.deleteFile());
                else
                    ASSERT_EQ (::truncate (doomedFile.getFullPathName().toRawUTF8(), 200000), 0);
            }

            pacer.waitForNextBlock();

            if (doomedReader.readFrames (left, right, blockSize) < blockSize)
                doomedEnded = true;

            ASSERT_EQ (keptReader.readFrames (left, right, blockSize), blockSize);

            for (int i = 0; i < blockSize; ++i)
                ASSERT_EQ (left[i], kept.getSample (0, (int) ((t + i) % kept.getNumSamples())));
        }

        EXPECT_TRUE (doomedEnded);
        EXPECT_TRUE (doomedReader.hasError());
        EXPECT_FALSE (doomedReader.isPlaying());
        EXPECT_TRUE (doomed->hasStreamError());
        EXPECT_FALSE (keptReader.hasError());
        EXPECT_EQ (keptReader.getUnderruns(), 0u);
        keptReader.stop();
    }
}

} // namespace paddeck
