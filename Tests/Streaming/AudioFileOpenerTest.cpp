#include "Streaming/AudioFileOpener.h"
#include "DamagedFileSupport.h"
#include "Streaming/SampleDecoder.h"
#include "Support/BackgroundProcess.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;

LoadOptions ramOptions() { return { rate, std::numeric_limits<juce::int64>::max(), 1.5 }; }
LoadOptions streamOptions() { return { rate, 0, 1.5 }; }

/** The decoded sample's left channel, read through its RAM region (RAM samples only). */
std::vector<float> leftOf (const Sample& sample)
{
    const auto all = sample.findRam (0, sample.getLengthInFrames());
    return { all.left, all.left + all.frames };
}
} // namespace

TEST (DamagedFiles, AFlacClaimingHoursPlaysTheFramesItHolds)
{
    test::TempAudioFolder folder;
    const auto sine = test::makeSine (2, 4800, 440.0, rate);

    // 2^32 - 1 frames: what JUCE keeps of a 36-bit claim; 2^31 - 1 decoded whole would be 17 GB.
    for (const juce::uint64 claim : { (juce::uint64{ 1 } << 36) - 1, (juce::uint64{ 1 } << 32) - 1,
                                      (juce::uint64{ 1 } << 31) - 1, juce::uint64{ 1000000 } })
    {
        SCOPED_TRACE (std::to_string (claim));
        const auto file = folder.file ("claims.flac");
        ASSERT_TRUE (test::writeFlacClaiming (file, sine, rate, claim));

        const auto opened = AudioFileOpener::open (file);
        ASSERT_NE (opened.reader, nullptr) << opened.message;
        EXPECT_EQ (opened.reader->lengthInSamples, 4800);

        for (const auto& options : { ramOptions(), streamOptions() })
        {
            const auto result = SampleDecoder::decode (file, {}, options);
            ASSERT_TRUE (result.wasOk()) << result.message;
            EXPECT_EQ (result.sample->getLengthInFrames(), 4800);
        }

        const auto ram = SampleDecoder::decode (file, {}, ramOptions());
        const auto left = leftOf (*ram.sample);
        EXPECT_NEAR (test::frequencyByZeroCrossings (left.data(), 0, 4800, rate), 440.0, 2.0);
    }
}

TEST (DamagedFiles, AFlacCutBeforeItsFirstFrameIsAnErrorNotSilence)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("cut.flac");
    ASSERT_TRUE (test::writeFlacClaiming (file, test::makeNoise (2, 48000, 5), rate, (1u << 31) - 1));
    ASSERT_EQ (::truncate (file.getFullPathName().toRawUTF8(), 100), 0);

    const auto result = SampleDecoder::decode (file, {}, ramOptions());
    EXPECT_FALSE (result.wasOk());
    EXPECT_EQ ((int) result.error, (int) LoadError::emptyFile) << result.message;
    EXPECT_TRUE (result.message.contains ("cut.flac")) << result.message;
}

TEST (DamagedFiles, AFlacCutMidwayPlaysTheWholeFramesBeforeTheCut)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("half.flac");
    const auto noise = test::makeNoise (1, 48000, 6);
    ASSERT_TRUE (test::writeAudio (juce::FlacAudioFormat(), file, noise, rate, 16));
    ASSERT_EQ (::truncate (file.getFullPathName().toRawUTF8(), file.getSize() / 2), 0);

    const auto result = SampleDecoder::decode (file, {}, ramOptions());
    ASSERT_TRUE (result.wasOk()) << result.message;
    const auto frames = result.sample->getLengthInFrames();
    EXPECT_GT (frames, 4096);
    EXPECT_LT (frames, 48000);

    // What it plays is the file's own noise, up to the last whole frame, and never zeros.
    const auto left = leftOf (*result.sample);
    for (juce::int64 i = 0; i < frames; i += 997)
        EXPECT_NEAR (left[(size_t) i], noise.getSample (0, (int) i), 1.0e-4f) << i;
}

// A WAV left by a writer that never came back to fill in its sizes says its data runs "forever"
// (0xffffffff bytes): it plays the frames the file holds, then ends.
TEST (DamagedFiles, AWavWhoseDataNeverEndsPlaysTheFramesTheFileHolds)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("endless.wav");
    const auto sine = test::makeSine (2, 4800, 440.0, rate);
    ASSERT_TRUE (test::writeAudio (juce::WavAudioFormat(), file, sine, rate, 16));

    juce::MemoryBlock bytes;
    ASSERT_TRUE (file.loadFileAsData (bytes));
    auto* data = static_cast<char*> (bytes.getData());
    const auto size = (int) bytes.getSize();
    int dataChunk = -1;
    for (int i = 12; i + 8 <= size && dataChunk < 0; ++i)
        if (memcmp (data + i, "data", 4) == 0)
            dataChunk = i;
    ASSERT_GT (dataChunk, 0);
    for (const int at : { 4, dataChunk + 4 }) // the RIFF size and the data size
        memset (data + at, 0xff, 4);
    ASSERT_TRUE (file.replaceWithData (data, (size_t) size));

    for (const auto& options : { ramOptions(), streamOptions() })
    {
        const auto result = SampleDecoder::decode (file, {}, options);
        ASSERT_TRUE (result.wasOk()) << result.message;
        EXPECT_EQ (result.sample->getLengthInFrames(), 4800);
    }
    const auto ram = SampleDecoder::decode (file, {}, ramOptions());
    EXPECT_NEAR (test::frequencyByZeroCrossings (leftOf (*ram.sample).data(), 0, 4800, rate), 440.0, 2.0);
}

TEST (DamagedFiles, AnImpossibleSampleRateIsAnError)
{
    test::TempAudioFolder folder;
    const auto file = folder.file ("onehertz.flac");
    ASSERT_TRUE (test::writeFlacClaiming (file, test::makeSine (1, 4800, 440.0, rate), rate, 4800, 1));

    const auto result = SampleDecoder::decode (file, {}, ramOptions());
    EXPECT_FALSE (result.wasOk());
    EXPECT_EQ ((int) result.error, (int) LoadError::notAudio) << result.message;
    EXPECT_TRUE (result.message.contains ("sample rate")) << result.message;
}

TEST (AudioFileOpener, AFileWhoseExtensionLiesIsReadByItsContent)
{
    test::TempAudioFolder folder;
    const auto sine = test::makeSine (2, 9600, 440.0, rate);

    struct Case
    {
        const char* name;
        juce::AudioFormat* format;
        int bits;
    };
    juce::AiffAudioFormat aiff;
    juce::FlacAudioFormat flac;
    juce::OggVorbisAudioFormat ogg;
    juce::WavAudioFormat wav;
    for (const auto& c : { Case{ "aiff.wav", &aiff, 16 }, Case{ "flac.wav", &flac, 16 },
                           Case{ "ogg.aiff", &ogg, 16 }, Case{ "wav.flac", &wav, 24 } })
    {
        SCOPED_TRACE (c.name);
        const auto file = folder.file (c.name);
        file.deleteFile();
        {
            std::unique_ptr<juce::AudioFormatWriter> writer (
                c.format->createWriterFor (new juce::FileOutputStream (file), rate, 2, c.bits, {}, 5));
            ASSERT_NE (writer, nullptr);
            ASSERT_TRUE (writer->writeFromAudioSampleBuffer (sine, 0, sine.getNumSamples()));
        }

        const auto result = SampleDecoder::decode (file, {}, ramOptions());
        ASSERT_TRUE (result.wasOk()) << result.message;
        EXPECT_NEAR ((double) result.sample->getLengthInFrames(), 9600.0, 2048.0); // Vorbis pads its end
        const auto left = leftOf (*result.sample);
        EXPECT_NEAR (test::frequencyByZeroCrossings (left.data(), 1000, 8000, rate), 440.0, 2.0);
    }
}

TEST (AudioFileOpener, AnMp3IsDecoded)
{
    test::TempAudioFolder folder;
    const auto wav = folder.file ("tone.wav"), mp3 = folder.file ("tone.mp3");
    ASSERT_TRUE (test::writeAudio (juce::WavAudioFormat(), wav, test::makeSine (2, 44100, 440.0, 44100.0),
                                   44100.0, 16));

    // Encoded now, by Debian's lame (Builds/Linux/install-dependencies.sh installs it).
    std::string log;
    ASSERT_EQ (
        test::BackgroundProcess::run ({ "lame", "--quiet", "-b", "128", wav.getFullPathName().toStdString(),
                                        mp3.getFullPathName().toStdString() },
                                      &log),
        0)
        << log;

    const auto result = SampleDecoder::decode (mp3, {}, ramOptions());
    ASSERT_TRUE (result.wasOk()) << result.message;
    const auto& sample = *result.sample;
    EXPECT_EQ (sample.getSampleRate(), rate); // converted from 44.1 kHz
    // A second of audio, give or take the encoder's delay and its last frame's padding.
    EXPECT_NEAR ((double) sample.getLengthInFrames(), rate, 0.06 * rate);
    const auto left = leftOf (sample);
    EXPECT_NEAR (test::frequencyByZeroCrossings (left.data(), 4800, 43200, rate), 440.0, 1.0);
    EXPECT_NEAR (test::rmsDb (left.data(), 4800, 43200),
                 juce::Decibels::gainToDecibels (0.5 / std::sqrt (2.0)), 1.0);

    // Named .wav, it is still read by its content.
    const auto lying = folder.file ("tone-mp3.wav");
    ASSERT_TRUE (mp3.copyFileTo (lying));
    const auto again = SampleDecoder::decode (lying, {}, ramOptions());
    ASSERT_TRUE (again.wasOk()) << again.message;
    EXPECT_EQ (again.sample->getLengthInFrames(), sample.getLengthInFrames());
}

} // namespace paddeck
