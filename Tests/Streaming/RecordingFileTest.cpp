#include "Streaming/RecordingFile.h"
#include "Streaming/FrameRing.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

static std::unique_ptr<juce::AudioFormatReader> openWav (const juce::File& file)
{
    juce::WavAudioFormat wav;
    return std::unique_ptr<juce::AudioFormatReader> (
        wav.createReaderFor (new juce::FileInputStream (file), true));
}

TEST (RecordingFile, IsAValidWavOfEverythingAppendedAfterEachHeaderUpdate)
{
    test::TempFolder temp;
    RecordingFile recording;
    ASSERT_TRUE (recording.open (temp / "take.wav", 48000.0).wasOk());

    std::vector<float> frames (2 * 1000);
    for (int i = 0; i < 1000; ++i)
    {
        frames[(size_t) (2 * i)] = (float) i / 1000.0f;
        frames[(size_t) (2 * i + 1)] = -(float) i / 1000.0f;
    }

    for (int chunk = 1; chunk <= 3; ++chunk)
    {
        ASSERT_TRUE (recording.append (frames.data(), 1000));
        ASSERT_TRUE (recording.updateHeader (chunk == 3));
        // Readable while still open, as after a crash at this moment.
        auto reader = openWav (temp / "take.wav");
        ASSERT_NE (reader, nullptr);
        EXPECT_EQ (reader->lengthInSamples, 1000 * chunk);
        EXPECT_EQ (reader->numChannels, 2u);
        EXPECT_EQ (reader->sampleRate, 48000.0);
        EXPECT_TRUE (reader->usesFloatingPointData);
        juce::AudioBuffer<float> back (2, 1000);
        reader->read (&back, 0, 1000, 1000 * (chunk - 1), true, true);
        EXPECT_EQ (back.getSample (0, 500), 0.5f);
        EXPECT_EQ (back.getSample (1, 999), -0.999f);
    }
    recording.close();
}

TEST (RecordingFile, PastFourGigabytesTheHeaderBecomesRf64)
{
    test::TempFolder temp;
    RecordingFile recording;
    ASSERT_TRUE (recording.open (temp / "long.wav", 48000.0).wasOk());
    const juce::int64 frames = 600'000'000; // 4.8 GB of stereo float: 3.5 hours
    recording.pretendFramesForTesting (frames);
    ASSERT_TRUE (recording.updateHeader (false));
    recording.close();

    juce::MemoryBlock header;
    (temp / "long.wav").loadFileAsData (header);
    ASSERT_GE (header.getSize(), (size_t) RecordingFile::headerBytes);
    const auto* h = static_cast<const char*> (header.getData());
    EXPECT_EQ (juce::String (h, 4), "RF64");
    EXPECT_EQ (juce::String (h + 12, 4), "ds64");
    auto u64 = [h] (int at) { return (juce::uint64) juce::ByteOrder::littleEndianInt64 (h + at); };
    EXPECT_EQ (u64 (20), (juce::uint64) (RecordingFile::headerBytes - 8) + (juce::uint64) frames * 8);
    EXPECT_EQ (u64 (28), (juce::uint64) frames * 8);
    EXPECT_EQ (u64 (36), (juce::uint64) frames);
    EXPECT_EQ ((juce::uint32) juce::ByteOrder::littleEndianInt (h + 90), 0xffffffffu);
}

TEST (RecordingFile, AFullDiskStopsTheWritesAndKeepsAValidFileOfWhatWasWritten)
{
    test::TempFolder temp;
    RecordingFile recording;
    ASSERT_TRUE (recording.open (temp / "full.wav", 48000.0).wasOk());
    RecordingFile::failWritesPastBytesForTesting (RecordingFile::headerBytes + 1500 * 8);
    std::vector<float> frames (2 * 1000, 0.25f);
    EXPECT_TRUE (recording.append (frames.data(), 1000));
    EXPECT_FALSE (recording.append (frames.data(), 1000));
    EXPECT_TRUE (recording.getError().contains ("No space")) << recording.getError();
    EXPECT_TRUE (recording.updateHeader (true));
    RecordingFile::failWritesPastBytesForTesting (-1);
    recording.close();
    auto reader = openWav (temp / "full.wav");
    ASSERT_NE (reader, nullptr);
    EXPECT_EQ (reader->lengthInSamples, 1000);
}

TEST (FrameRing, PassesFramesInOrderAcrossTheWrapAndCountsWhatDidNotFit)
{
    FrameRing ring (1000); // 1024
    std::vector<float> l (700), r (700), outL (700), outR (700);
    int next = 0, expected = 0;
    for (int round = 0; round < 10; ++round)
    {
        for (int i = 0; i < 700; ++i, ++next)
            l[(size_t) i] = r[(size_t) i] = (float) next;
        EXPECT_EQ (ring.write (l.data(), r.data(), 700), 700);
        EXPECT_EQ (ring.read (outL.data(), outR.data(), 700), 700);
        for (int i = 0; i < 700; ++i, ++expected)
            ASSERT_EQ (outL[(size_t) i], (float) expected);
    }
    EXPECT_EQ (ring.write (l.data(), r.data(), 700), 700);
    EXPECT_EQ (ring.write (l.data(), r.data(), 700), 1024 - 700);
    EXPECT_EQ (ring.getDroppedFrames(), 700 - (1024 - 700));
}

TEST (FrameRing, ReadsStopAtABoundaryUntilItIsPassed)
{
    FrameRing ring (64);
    std::vector<float> in (40), outL (64), outR (64);
    for (int i = 0; i < 40; ++i)
        in[(size_t) i] = (float) i;
    EXPECT_EQ (ring.write (in.data(), in.data(), 10), 10);
    EXPECT_FALSE (ring.isAtBoundary());
    ring.markBoundary(); // frames 10 and on are at another rate
    EXPECT_EQ (ring.write (in.data() + 10, in.data() + 10, 20), 20);

    EXPECT_EQ (ring.read (outL.data(), outR.data(), 64), 10) << "the reader stops at the boundary";
    EXPECT_EQ (outL[9], 9.0f);
    EXPECT_TRUE (ring.isAtBoundary());
    EXPECT_EQ (ring.read (outL.data(), outR.data(), 64), 0);

    ring.passBoundary();
    EXPECT_FALSE (ring.isAtBoundary());
    EXPECT_EQ (ring.read (outL.data(), outR.data(), 64), 20);
    EXPECT_EQ (outL[0], 10.0f);
    EXPECT_EQ (outR[19], 29.0f);

    // clear() forgets a boundary with what is queued.
    ring.markBoundary();
    ring.clear();
    EXPECT_FALSE (ring.isAtBoundary());
}

} // namespace paddeck
