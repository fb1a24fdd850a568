#include "Streaming/Mpg123AudioFormat.h"
#include "Streaming/AudioFileOpener.h"
#include "Streaming/SampleDecoder.h"
#include "Streaming/StreamingTestSupport.h"
#include "Support/BackgroundProcess.h"
#include "Support/TestAudio.h"
#include "Tempo/TaggedFiles.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
constexpr double engineRate = 48000.0;

LoadOptions ramOptions() { return { engineRate, std::numeric_limits<juce::int64>::max(), 1.5 }; }

/** A 440 Hz sine at `rate`, encoded now by Debian's lame (installed by
    Builds/Linux/install-dependencies.sh), which writes the LAME tag with its delay and padding.
    The bitrate is one at which lame keeps the rate (at 64 kbps it resamples 44.1 kHz to 24). */
juce::File encodeSine (const test::TempAudioFolder& folder, const juce::String& name, int channels,
                       double rate, int frames)
{
    const auto wav = folder.file (name + ".wav"), mp3 = folder.file (name + ".mp3");
    if (!test::writeAudio (juce::WavAudioFormat(), wav, test::makeSine (channels, frames, 440.0, rate), rate,
                           16))
        return {};

    std::string log;
    const auto status = test::BackgroundProcess::run (
        { "lame", "--quiet", "-b", rate < 32000.0 ? "64" : "128", wav.getFullPathName().toStdString(),
          mp3.getFullPathName().toStdString() },
        &log);
    return status == 0 ? mp3 : juce::File();
}

std::unique_ptr<juce::AudioFormatReader> openMp3 (const juce::File& file)
{
    Mpg123AudioFormat format;
    return std::unique_ptr<juce::AudioFormatReader> (
        format.createReaderFor (new juce::FileInputStream (file), true));
}

/** [start, start + frames) of every channel, read in one call. */
juce::AudioBuffer<float> readRange (juce::AudioFormatReader& reader, juce::int64 start, int frames,
                                    bool* ok = nullptr)
{
    juce::AudioBuffer<float> buffer ((int) reader.numChannels, frames);
    const auto result = reader.read (&buffer, 0, frames, start, true, true);
    if (ok != nullptr)
        *ok = result;
    return buffer;
}
} // namespace

TEST (Mpg123AudioFormat, DecodesPitchAndTheExactLengthOfMonoAndStereo)
{
    test::TempAudioFolder folder;
    struct Case
    {
        const char* name;
        int channels;
        double rate;
    };

    // MPEG-1 at 44.1 and 48 kHz, MPEG-2 at 22.05 kHz.
    for (const auto c :
         { Case{ "stereo44", 2, 44100.0 }, Case{ "mono48", 1, 48000.0 }, Case{ "mono22", 1, 22050.0 } })
    {
        SCOPED_TRACE (c.name);
        const auto frames = (int) c.rate;
        const auto mp3 = encodeSine (folder, c.name, c.channels, c.rate, frames);
        ASSERT_TRUE (mp3.existsAsFile());

        const auto reader = openMp3 (mp3);
        ASSERT_NE (reader, nullptr);
        EXPECT_EQ (reader->getFormatName(), "MP3 file");
        EXPECT_EQ (reader->sampleRate, c.rate);
        EXPECT_EQ ((int) reader->numChannels, c.channels);
        EXPECT_TRUE (reader->usesFloatingPointData);
        // The LAME tag's encoder delay and padding are trimmed: exactly the frames encoded.
        EXPECT_EQ (reader->lengthInSamples, frames);

        bool ok = false;
        const auto audio = readRange (*reader, 0, frames, &ok);
        ASSERT_TRUE (ok);
        for (int ch = 0; ch < c.channels; ++ch)
        {
            const auto* data = audio.getReadPointer (ch);
            EXPECT_NEAR (test::frequencyByZeroCrossings (data, frames / 10, frames * 9 / 10, c.rate), 440.0,
                         1.0);
            EXPECT_NEAR (test::rmsDb (data, frames / 10, frames * 9 / 10),
                         juce::Decibels::gainToDecibels (0.5 / std::sqrt (2.0)), 1.0);
            // Gapless: the sine starts at the first frame, not after the encoder's delay.
            EXPECT_GT (std::abs (data[c.rate == 22050.0 ? 8 : 16]), 0.01f);
        }
    }
}

TEST (Mpg123AudioFormat, ASeekToAnyFrameGivesTheSamplesOfAStraightRead)
{
    test::TempAudioFolder folder;
    const auto mp3 = encodeSine (folder, "seek", 2, 44100.0, 44100);
    ASSERT_TRUE (mp3.existsAsFile());

    const auto straightReader = openMp3 (mp3);
    ASSERT_NE (straightReader, nullptr);
    const auto length = (int) straightReader->lengthInSamples;
    const auto straight = readRange (*straightReader, 0, length);

    const auto reader = openMp3 (mp3);
    ASSERT_NE (reader, nullptr);
    // Forwards and backwards, inside a frame, on a frame's edge (1152), near the start and the end.
    for (const int start : { 30001, 577, 1152, 0, 9 * 1152 + 13, 20000, 1, length - 700 })
    {
        SCOPED_TRACE (std::to_string (start));
        const auto part = readRange (*reader, start, 700);
        float worst = 0.0f;
        for (int ch = 0; ch < 2; ++ch)
            for (int i = 0; i < 700; ++i)
                worst =
                    std::max (worst, std::abs (part.getSample (ch, i) - straight.getSample (ch, start + i)));
        EXPECT_LT (worst, 1.0e-6f);
    }

    // Past the end reads silence.
    const auto beyond = readRange (*reader, length - 100, 400);
    EXPECT_EQ (beyond.getMagnitude (100, 300), 0.0f);
}

TEST (Mpg123AudioFormat, ReadsId3TextFramesIntoMetadataAndSilentFrames)
{
    test::TempAudioFolder folder;
    const auto file =
        test::TaggedFiles::writeMp3 (folder.file ("tagged.mp3"), test::TaggedFiles::id3Tag (3, "128"));
    ASSERT_TRUE (file.existsAsFile());

    const auto reader = openMp3 (file);
    ASSERT_NE (reader, nullptr);
    EXPECT_EQ (reader->metadataValues["TBPM"], "128");
    EXPECT_EQ (reader->sampleRate, 44100.0);
    EXPECT_GT (reader->lengthInSamples, 0);
    bool ok = false;
    const auto audio = readRange (*reader, 0, (int) reader->lengthInSamples, &ok);
    EXPECT_TRUE (ok);
    EXPECT_EQ (audio.getMagnitude (0, audio.getNumSamples()), 0.0f);
}

TEST (Mpg123AudioFormat, ATruncatedMp3PlaysWhatItHolds)
{
    test::TempAudioFolder folder;
    const auto mp3 = encodeSine (folder, "whole", 2, 44100.0, 88200);
    ASSERT_TRUE (mp3.existsAsFile());
    const auto wholeLength = openMp3 (mp3)->lengthInSamples;

    juce::MemoryBlock bytes;
    ASSERT_TRUE (mp3.loadFileAsData (bytes));
    const auto cut = folder.file ("cut.mp3");
    ASSERT_TRUE (cut.replaceWithData (bytes.getData(), bytes.getSize() / 2 + 77)); // mid-frame

    const auto reader = openMp3 (cut);
    ASSERT_NE (reader, nullptr);
    // The LAME tag claims two seconds; only the frames the file holds count.
    EXPECT_NEAR ((double) reader->lengthInSamples, (double) wholeLength / 2, 2 * 1152.0);

    const auto result = SampleDecoder::decode (cut, {}, ramOptions());
    ASSERT_TRUE (result.wasOk()) << result.message;
    const auto all = result.sample->findRam (0, result.sample->getLengthInFrames());
    EXPECT_NEAR ((double) all.frames, engineRate, 0.06 * engineRate);
    EXPECT_NEAR (test::frequencyByZeroCrossings (all.left, 4800, (int) all.frames - 4800, engineRate), 440.0,
                 1.0);
}

TEST (Mpg123AudioFormat, AnEmptyOrGarbageMp3IsAnError)
{
    test::TempAudioFolder folder;
    const auto empty = folder.file ("empty.mp3");
    ASSERT_TRUE (empty.replaceWithText (""));
    EXPECT_EQ (openMp3 (empty), nullptr);
    EXPECT_EQ (AudioFileOpener::open (empty).error, LoadError::emptyFile);

    juce::MemoryBlock noise (65536);
    juce::Random random (7);
    random.fillBitsRandomly (noise.getData(), noise.getSize());
    juce::String text;
    for (int i = 0; i < 2000; ++i)
        text << "This is not an MP3 file, line " << i << "\n";

    for (const auto& garbage : { juce::MemoryBlock (text.toRawUTF8(), text.getNumBytesAsUTF8()),
                                 juce::MemoryBlock (40000, true), noise })
    {
        const auto file = folder.file ("garbage.mp3");
        ASSERT_TRUE (file.replaceWithData (garbage.getData(), garbage.getSize()));
        const auto opened = AudioFileOpener::open (file);
        EXPECT_EQ (opened.reader, nullptr);
        EXPECT_EQ (opened.error, LoadError::notAudio) << opened.message;
        EXPECT_FALSE (SampleDecoder::decode (file, {}, ramOptions()).wasOk());
    }
}

TEST (Mpg123AudioFormat, ReplacesJuceMp3DecoderForExtensionAndContent)
{
    auto& formats = AudioFileOpener::formats();
    auto* byExtension = formats.findFormatForFileExtension (".mp3");
    ASSERT_NE (byExtension, nullptr);
    EXPECT_NE (dynamic_cast<Mpg123AudioFormat*> (byExtension), nullptr);

    int mp3Formats = 0;
    for (auto* format : formats)
        mp3Formats += format->getFileExtensions().contains (".mp3") ? 1 : 0;
    EXPECT_EQ (mp3Formats, 1);
    EXPECT_TRUE (formats.getWildcardForAllFormats().contains ("*.mp3"));
}

} // namespace paddeck
