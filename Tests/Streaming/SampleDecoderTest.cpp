#include "Streaming/SampleDecoder.h"
#include "Streaming/AudioFileOpener.h"
#include "Streaming/StreamingThread.h"
#include "StreamingTestSupport.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace paddeck
{

namespace
{
constexpr double engineRate = 48000.0;

LoadOptions ramOptions() { return { engineRate, std::numeric_limits<juce::int64>::max(), 1.5 }; }
LoadOptions streamOptions() { return { engineRate, 0, 1.5 }; }

/** Reads a whole non-looping sample through a reader, waiting for the stream before each block. */
juce::AudioBuffer<float> playWhole (Sample& sample, StreamingThread& thread, juce::int64 startFrame = 0)
{
    SampleReader reader;
    reader.prepare (thread, SampleReader::defaultRingFrames (sample.getSampleRate()));
    reader.start (sample, startFrame, false);

    const auto total = (int) (sample.getLengthInFrames() - startFrame);
    juce::AudioBuffer<float> out (2, total);
    constexpr int block = 512;

    for (int done = 0; done < total; done += block)
    {
        const auto n = juce::jmin (block, total - done);
        EXPECT_TRUE (test::waitForBuffered (reader, sample, n));
        EXPECT_EQ (reader.readFrames (out.getWritePointer (0, done), out.getWritePointer (1, done), n), n);
    }

    EXPECT_EQ (reader.getUnderruns(), 0u);
    return out;
}

void expectBitIdentical (const juce::AudioBuffer<float>& a, const juce::AudioBuffer<float>& b)
{
    ASSERT_EQ (a.getNumSamples(), b.getNumSamples());

    for (int ch = 0; ch < 2; ++ch)
        ASSERT_EQ (memcmp (a.getReadPointer (ch), b.getReadPointer (juce::jmin (ch, b.getNumChannels() - 1)),
                           sizeof (float) * (size_t) a.getNumSamples()),
                   0)
            << "channel " << ch;
}

int countRisingZeroCrossings (const float* data, int numFrames)
{
    int crossings = 0;

    for (int i = 1; i < numFrames; ++i)
        crossings += (data[i - 1] < 0.0f && data[i] >= 0.0f) ? 1 : 0;

    return crossings;
}
} // namespace

TEST (SampleDecoder, RamAndStreamGiveBitIdenticalAudio)
{
    test::TempAudioFolder folder;
    StreamingThread thread;
    const auto noise = test::makeNoise (2, 4 * 48000 + 123, 1);

    struct Case
    {
        juce::String name;
        std::function<bool (const juce::File&)> write;
    };

    const Case cases[] = {
        { "float.wav", [&] (auto& f) { return test::writeFloatWav (f, noise, engineRate); } },
        { "pcm24.wav",
          [&] (auto& f) { return test::writeAudio (juce::WavAudioFormat(), f, noise, engineRate, 24); } },
        { "pcm16.aiff",
          [&] (auto& f) { return test::writeAudio (juce::AiffAudioFormat(), f, noise, engineRate, 16); } },
        { "pcm24.flac",
          [&] (auto& f) { return test::writeAudio (juce::FlacAudioFormat(), f, noise, engineRate, 24); } },
    };

    for (auto& c : cases)
    {
        SCOPED_TRACE (c.name.toStdString());
        const auto file = folder.file (c.name);
        ASSERT_TRUE (c.write (file));

        const auto ram = SampleDecoder::decode (file, {}, ramOptions());
        const auto streamed = SampleDecoder::decode (file, {}, streamOptions());
        ASSERT_TRUE (ram.wasOk()) << ram.message;
        ASSERT_TRUE (streamed.wasOk()) << streamed.message;
        EXPECT_FALSE (ram.sample->isStreamed());
        EXPECT_TRUE (streamed.sample->isStreamed());
        EXPECT_EQ (ram.sample->getLengthInFrames(), noise.getNumSamples());
        EXPECT_EQ (streamed.sample->getLengthInFrames(), noise.getNumSamples());
        EXPECT_LT (streamed.sample->getRamBytes(), ram.sample->getRamBytes());

        const auto fromRam = playWhole (*ram.sample, thread);
        const auto fromStream = playWhole (*streamed.sample, thread);
        expectBitIdentical (fromRam, fromStream);

        if (c.name == "float.wav")
            expectBitIdentical (fromRam, noise);

        // A start far from the primed region streams from its first frame on.
        expectBitIdentical (playWhole (*streamed.sample, thread, 100000),
                            playWhole (*ram.sample, thread, 100000));
    }
}

TEST (SampleDecoder, OggVorbisAndRamOverviewLoad)
{
    for (auto extension : { ".wav", ".aiff", ".flac", ".ogg", ".mp3" })
        EXPECT_NE (AudioFileOpener::formats().findFormatForFileExtension (extension), nullptr) << extension;

    test::TempAudioFolder folder;
    const auto file = folder.file ("tone.ogg");
    ASSERT_TRUE (test::writeAudio (juce::OggVorbisAudioFormat(), file,
                                   test::makeSine (2, 48000, 440.0, engineRate), engineRate, 16, 5));

    const auto result = SampleDecoder::decode (file, {}, ramOptions());
    ASSERT_TRUE (result.wasOk()) << result.message;
    EXPECT_NEAR ((double) result.sample->getLengthInFrames(), 48000.0, 2048.0);
    EXPECT_EQ (result.sample->getName(), "tone");

    const auto& overview = result.sample->getOverview();
    ASSERT_TRUE (overview.isReady());
    EXPECT_NEAR (overview.getMax (256), 0.5f, 0.05f);
    EXPECT_NEAR (overview.getMin (256), -0.5f, 0.05f);
}

TEST (SampleDecoder, BadFilesGiveClearErrors)
{
    test::TempAudioFolder folder;
    const auto expectError = [] (const juce::File& file, LoadError error, const char* words)
    {
        SCOPED_TRACE (file.getFileName().toStdString());
        const auto result = SampleDecoder::decode (file, {}, {});
        EXPECT_FALSE (result.wasOk());
        EXPECT_EQ ((int) result.error, (int) error) << result.message;
        EXPECT_TRUE (result.message.containsIgnoreCase (words)) << result.message;
        EXPECT_TRUE (result.message.contains (file.getFileName())) << result.message;
    };

    expectError (folder.file ("missing.wav"), LoadError::missingFile, "not found");

    const auto text = folder.file ("notes.wav");
    text.replaceWithText ("these are not the samples you are looking for");
    expectError (text, LoadError::notAudio, "not a valid WAV");

    const auto empty = folder.file ("empty.wav");
    empty.create();
    expectError (empty, LoadError::emptyFile, "empty");

    const auto noFrames = folder.file ("noframes.wav");
    ASSERT_TRUE (test::writeFloatWav (noFrames, juce::AudioBuffer<float> (2, 0), engineRate));
    expectError (noFrames, LoadError::emptyFile, "no audio");

    for (auto name : { "cut.wav", "cut.aiff" })
    {
        const auto cut = folder.file (name);
        ASSERT_TRUE (test::writeAudio (cut.hasFileExtension ("wav")
                                           ? (juce::AudioFormat &&) juce::WavAudioFormat()
                                           : (juce::AudioFormat &&) juce::AiffAudioFormat(),
                                       cut, test::makeNoise (2, 48000, 2), engineRate, 16));
        ASSERT_EQ (::truncate (cut.getFullPathName().toRawUTF8(), cut.getSize() / 2), 0);
        expectError (cut, LoadError::truncated, "truncated");
    }

    const auto foreign = folder.file ("song.m4a");
    foreign.replaceWithData ("\0\0\0\x20"
                             "ftypM4A ",
                             12);
    expectError (foreign, LoadError::unsupportedFormat, "unsupported");

    // A real RIFF/WAVE whose encoding (IMA ADPCM, tag 0x0011) no registered decoder reads.
    const auto adpcm = folder.file ("adpcm.wav");
    {
        juce::MemoryOutputStream out;
        out.write ("RIFF", 4);
        out.writeInt (4 + 8 + 20 + 8 + 256);
        out.write ("WAVEfmt ", 8);
        out.writeInt (20);
        out.writeShort (0x11);
        out.writeShort (1);
        out.writeInt (48000);
        out.writeInt (24000);
        out.writeShort (256);
        out.writeShort (4);
        out.writeShort (2);
        out.writeShort (505);
        out.write ("data", 4);
        out.writeInt (256);
        out.writeRepeatedByte (0, 256);
        adpcm.replaceWithData (out.getData(), out.getDataSize());
    }
    expectError (adpcm, LoadError::unsupportedFormat, "encoding");

    if (geteuid() != 0)
    {
        const auto locked = folder.file ("locked.wav");
        ASSERT_TRUE (test::writeFloatWav (locked, test::makeNoise (2, 4800, 3), engineRate));
        ASSERT_TRUE (locked.setReadOnly (true));
        ASSERT_EQ (::chmod (locked.getFullPathName().toRawUTF8(), 0), 0);
        expectError (locked, LoadError::unreadable, "permissions");
    }
}

TEST (SampleDecoder, ConvertsRamSamplesToTheEngineRateAndReportsTheStreamRatio)
{
    test::TempAudioFolder folder;
    StreamingThread thread;
    const auto file = folder.file ("sine44k.wav");
    ASSERT_TRUE (test::writeAudio (juce::WavAudioFormat(), file,
                                   test::makeSine (2, 2 * 44100, 1000.0, 44100.0), 44100.0, 24));

    const auto ram = SampleDecoder::decode (file, {}, ramOptions());
    ASSERT_TRUE (ram.wasOk()) << ram.message;
    EXPECT_EQ (ram.sample->getSampleRate(), engineRate);
    EXPECT_EQ (ram.sample->getFileSampleRate(), 44100.0);
    EXPECT_EQ (ram.sample->getLengthInFrames(), 2 * 48000);
    EXPECT_EQ (ram.sample->getResampleRatio (engineRate), 1.0);
    EXPECT_EQ (ram.sample->fileFrameToSampleFrame (44100), 48000);

    // One second in the middle at 48 kHz holds 1000 cycles of a 1 kHz tone, at the same level.
    const auto played = playWhole (*ram.sample, thread);
    for (int ch = 0; ch < 2; ++ch)
    {
        EXPECT_NEAR (countRisingZeroCrossings (played.getReadPointer (ch, 24000), 48000), 1000, 1);
        EXPECT_NEAR (played.getRMSLevel (ch, 24000, 48000), 0.5f / std::sqrt (2.0f), 0.005f);
    }

    const auto streamed = SampleDecoder::decode (file, {}, streamOptions());
    ASSERT_TRUE (streamed.wasOk()) << streamed.message;
    EXPECT_TRUE (streamed.sample->isStreamed());
    EXPECT_EQ (streamed.sample->getSampleRate(), 44100.0);
    EXPECT_EQ (streamed.sample->getLengthInFrames(), 2 * 44100);
    EXPECT_DOUBLE_EQ (streamed.sample->getResampleRatio (engineRate), 44100.0 / 48000.0);

    // The stream's own frames hold 1000 cycles per 44100 frames, so at that ratio it plays 1 kHz.
    const auto fromStream = playWhole (*streamed.sample, thread);
    EXPECT_NEAR (countRisingZeroCrossings (fromStream.getReadPointer (0, 22050), 44100), 1000, 1);
}

TEST (SampleDecoder, MonoPlaysOnBothSidesAndFourChannelsFoldToStereo)
{
    test::TempAudioFolder folder;
    StreamingThread thread;

    const auto mono = test::makeNoise (1, 3 * 48000, 4);
    const auto monoFile = folder.file ("mono.wav");
    ASSERT_TRUE (test::writeFloatWav (monoFile, mono, engineRate));

    for (auto options : { ramOptions(), streamOptions() })
    {
        const auto result = SampleDecoder::decode (monoFile, {}, options);
        ASSERT_TRUE (result.wasOk()) << result.message;
        EXPECT_EQ (result.sample->getFileChannels(), 1);
        const auto played = playWhole (*result.sample, thread);
        expectBitIdentical (played, mono);
    }

    const auto quad = test::makeNoise (4, 3 * 48000, 5);
    const auto quadFile = folder.file ("quad.wav");
    ASSERT_TRUE (test::writeFloatWav (quadFile, quad, engineRate));

    for (auto options : { ramOptions(), streamOptions() })
    {
        const auto result = SampleDecoder::decode (quadFile, {}, options);
        ASSERT_TRUE (result.wasOk()) << result.message;
        EXPECT_EQ (result.sample->getFileChannels(), 4);
        const auto played = playWhole (*result.sample, thread);

        for (int i = 0; i < quad.getNumSamples(); i += 97)
        {
            ASSERT_NEAR (played.getSample (0, i), (quad.getSample (0, i) + quad.getSample (2, i)) * 0.5f,
                         1e-6f);
            ASSERT_NEAR (played.getSample (1, i), (quad.getSample (1, i) + quad.getSample (3, i)) * 0.5f,
                         1e-6f);
        }
    }
}

} // namespace paddeck
