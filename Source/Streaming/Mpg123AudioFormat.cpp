#include "Streaming/Mpg123AudioFormat.h"

#include <mpg123.h>

#include <cstdio>
#include <vector>

namespace paddeck
{

namespace
{
const char* const mp3FormatName = "MP3 file";

constexpr int outputEncoding = MPG123_ENC_FLOAT_32;

// Frames one mpg123_read decodes into the reader's own buffer.
constexpr int chunkFrames = 4096;

// mpg123 recovers from damaged frames by itself; reads that still give nothing this many times in a
// row mean it is stuck, and the read ends with silence rather than spinning.
constexpr int maxIdleReads = 64;

/** One open MP3: an mpg123 handle reading the InputStream through callbacks. */
class Mpg123Reader : public juce::AudioFormatReader
{
public:
    explicit Mpg123Reader (juce::InputStream* in)
        : juce::AudioFormatReader (in, mp3FormatName)
    {
    }

    ~Mpg123Reader() override
    {
        // Before the base class deletes the stream the handle reads from.
        if (handle != nullptr)
            mpg123_delete (handle);
    }

    /** Finds the first frame, counts every frame the file holds, reads the tags; false when the
        stream holds no MPEG audio. */
    bool open()
    {
        int error = MPG123_OK;
        handle = mpg123_new (nullptr, &error);

        if (handle == nullptr)
            return false;

        // Gapless trims the encoder's delay and padding (LAME/Xing tag), so a loop is exact; quiet
        // because damaged files are expected and their errors come back as results.
        mpg123_param (handle, MPG123_ADD_FLAGS, MPG123_FORCE_FLOAT | MPG123_GAPLESS | MPG123_QUIET, 0.0);

        // Float output at any rate, mono or stereo; narrowed to the first frame's format below.
        const long* rates = nullptr;
        size_t numRates = 0;
        mpg123_rates (&rates, &numRates);
        mpg123_format_none (handle);
        for (size_t i = 0; i < numRates; ++i)
            mpg123_format (handle, rates[i], MPG123_MONO | MPG123_STEREO, outputEncoding);

        if (mpg123_replace_reader_handle (handle, readCallback, seekCallback, nullptr) != MPG123_OK
            || mpg123_open_handle (handle, this) != MPG123_OK)
            return false;

        long rate = 0;
        int channels = 0, encoding = 0;
        if (mpg123_getformat (handle, &rate, &channels, &encoding) != MPG123_OK || rate <= 0
            || (channels != 1 && channels != 2) || encoding != outputEncoding)
            return false;

        // A frame that changes rate or channel count later is converted to this one, or ends the
        // read (readSamples checks every MPG123_NEW_FORMAT).
        mpg123_format_none (handle);
        mpg123_format (handle, rate, channels == 1 ? MPG123_MONO : MPG123_STEREO, outputEncoding);

        // The length comes from the frames the file holds, not from a header's claim.
        if (mpg123_scan (handle) != MPG123_OK)
            return false;

        const auto length = (juce::int64) mpg123_length (handle);
        if (length <= 0)
            return false;

        sampleRate = (double) rate;
        numChannels = (unsigned int) channels;
        bitsPerSample = 32;
        usesFloatingPointData = true;
        lengthInSamples = length;
        interleaved.resize ((size_t) (chunkFrames * channels));

        readTags();
        return seekTo (0);
    }

    bool readSamples (int* const* destChannels, int numDestChannels, int startOffsetInDestBuffer,
                      juce::int64 startSampleInFile, int numSamples) override
    {
        clearSamplesBeyondAvailableLength (destChannels, numDestChannels, startOffsetInDestBuffer,
                                           startSampleInFile, numSamples, lengthInSamples);
        if (numSamples <= 0)
            return true;

        const auto channels = juce::jmin (numDestChannels, (int) numChannels);
        bool ok = startSampleInFile == decodePosition || seekTo (startSampleInFile);
        int done = 0, idleReads = 0;

        while (ok && done < numSamples)
        {
            const auto wanted = juce::jmin (chunkFrames, numSamples - done);
            size_t bytes = 0;
            const auto result = mpg123_read (handle, interleaved.data(),
                                             (size_t) wanted * numChannels * sizeof (float), &bytes);
            const auto got = (int) (bytes / (numChannels * sizeof (float)));

            for (int ch = 0; ch < channels; ++ch)
                if (auto* dest = reinterpret_cast<float*> (destChannels[ch]))
                    for (int i = 0; i < got; ++i)
                        dest[startOffsetInDestBuffer + done + i] =
                            interleaved[(size_t) i * numChannels + (size_t) ch];

            done += got;
            decodePosition += got;
            idleReads = got > 0 ? 0 : idleReads + 1;

            if (result == MPG123_DONE)
                break; // fewer frames decoded than were counted: the rest is silence
            if ((result != MPG123_OK && result != MPG123_NEW_FORMAT) || idleReads >= maxIdleReads
                || (result == MPG123_NEW_FORMAT && !formatIsUnchanged()))
                ok = false;
        }

        if (!ok)
            decodePosition = -1; // unknown: the next read seeks

        for (int ch = 0; ch < numDestChannels; ++ch)
            if (auto* dest = destChannels[ch])
                juce::FloatVectorOperations::clear (
                    reinterpret_cast<float*> (dest) + startOffsetInDestBuffer + done, numSamples - done);

        return ok;
    }

private:
    static mpg123_ssize_t readCallback (void* self, void* buffer, size_t bytes)
    {
        auto& in = *static_cast<Mpg123Reader*> (self)->input;
        return (mpg123_ssize_t) in.read (buffer, (int) juce::jmin (bytes, (size_t) 1 << 30));
    }

    static off_t seekCallback (void* self, off_t offset, int whence)
    {
        auto& in = *static_cast<Mpg123Reader*> (self)->input;
        juce::int64 base = 0;

        if (whence == SEEK_CUR)
            base = in.getPosition();
        else if (whence == SEEK_END)
            base = in.getTotalLength();
        else if (whence != SEEK_SET)
            return -1;

        const auto target = base + (juce::int64) offset;
        if (base < 0 || target < 0 || !in.setPosition (target))
            return -1;
        return (off_t) in.getPosition();
    }

    bool seekTo (juce::int64 frame)
    {
        const auto reached = (juce::int64) mpg123_seek (handle, (off_t) frame, SEEK_SET);
        decodePosition = reached == frame ? frame : -1;
        return reached == frame;
    }

    bool formatIsUnchanged()
    {
        long rate = 0;
        int channels = 0, encoding = 0;
        return mpg123_getformat (handle, &rate, &channels, &encoding) == MPG123_OK
               && (double) rate == sampleRate && channels == (int) numChannels && encoding == outputEncoding;
    }

    /** The ID3v2 text frames by their IDs ("TBPM", "TIT2", ...), as WAV and FLAC readers give
        their tags. */
    void readTags()
    {
        mpg123_id3v1* v1 = nullptr;
        mpg123_id3v2* v2 = nullptr;

        if ((mpg123_meta_check (handle) & MPG123_ID3) == 0 || mpg123_id3 (handle, &v1, &v2) != MPG123_OK
            || v2 == nullptr)
            return;

        for (size_t i = 0; i < v2->texts; ++i)
        {
            const auto& text = v2->text[i];
            if (text.text.p != nullptr && text.text.fill > 0)
                metadataValues.set (juce::String (text.id, 4),
                                    juce::String::fromUTF8 (text.text.p, (int) text.text.fill - 1));
        }
    }

    mpg123_handle* handle = nullptr;
    juce::int64 decodePosition = -1; // the frame mpg123 returns next; -1 when unknown
    std::vector<float> interleaved;
};
} // namespace

Mpg123AudioFormat::Mpg123AudioFormat()
    : juce::AudioFormat (mp3FormatName, ".mp3")
{
}

juce::Array<int> Mpg123AudioFormat::getPossibleSampleRates()
{
    return { 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000 };
}

juce::Array<int> Mpg123AudioFormat::getPossibleBitDepths() { return {}; }

juce::AudioFormatReader* Mpg123AudioFormat::createReaderFor (juce::InputStream* sourceStream,
                                                             bool deleteStreamIfOpeningFails)
{
    auto reader = std::make_unique<Mpg123Reader> (sourceStream);

    if (reader->open())
        return reader.release();

    if (!deleteStreamIfOpeningFails)
        reader->input = nullptr;
    return nullptr;
}

juce::AudioFormatWriter* Mpg123AudioFormat::createWriterFor (juce::OutputStream*, double, unsigned int, int,
                                                             const juce::StringPairArray&, int)
{
    return nullptr;
}

} // namespace paddeck
