#include "Streaming/AudioFileOpener.h"

#include "Streaming/FlacLength.h"
#include "Streaming/Mpg123AudioFormat.h"

namespace paddeck
{

namespace
{
AudioFileOpener::Opened failure (LoadError error, const juce::File& file, const juce::String& why)
{
    AudioFileOpener::Opened result;
    result.error = error;
    result.message = "\"" + file.getFileName() + "\" " + why;
    return result;
}

const char* const supportedList = "PadDeck reads WAV, AIFF, FLAC, Ogg Vorbis and MP3";

// Outside these a header is damaged or hand-made: rates PadDeck would convert by a factor of
// thousands, or channel counts whose folding buffers alone would take gigabytes.
constexpr double minSampleRate = 1000.0, maxSampleRate = 768000.0;
constexpr unsigned int maxChannels = 64;

// No codec PadDeck reads packs more frames than this into a byte (FLAC's constant blocks, the
// tightest, hold about 5000): a header claiming more describes audio the file cannot hold.
constexpr juce::int64 maxFramesPerByte = 8192;

/** MP3 has no header to recognise: its decoder finds frame syncs in any bytes, so text would
    "decode". Only a file that starts like an MP3 is offered to it by content. */
bool startsLikeMp3 (const juce::File& file)
{
    juce::FileInputStream in (file);
    juce::uint8 head[3] = {};
    if (in.read (head, 3) != 3)
        return false;
    return memcmp (head, "ID3", 3) == 0 || (head[0] == 0xff && (head[1] & 0xe0) == 0xe0);
}
} // namespace

std::unique_ptr<juce::AudioFormatReader> AudioFileOpener::createReaderByContent (const juce::File& file)
{
    auto* byExtension = formats().findFormatForFileExtension (file.getFileExtension());

    for (auto* format : formats())
    {
        if (format == byExtension
            || (format->getFormatName().containsIgnoreCase ("MP3") && !startsLikeMp3 (file)))
            continue;

        if (auto* reader = format->createReaderFor (new juce::FileInputStream (file), true))
            return std::unique_ptr<juce::AudioFormatReader> (reader);
    }

    return {};
}

void AudioFileOpener::limitToWhatTheFileHolds (juce::AudioFormatReader& reader, const juce::File& file,
                                               juce::int64 fileSize, juce::int64 pcmBytes)
{
    auto frames = juce::jmin (reader.lengthInSamples, fileSize * maxFramesPerByte);

    const auto bytesPerFrame =
        (juce::int64) reader.numChannels * (((juce::int64) reader.bitsPerSample + 7) / 8);
    if (pcmBytes >= 0 && bytesPerFrame > 0)
        frames = juce::jmin (frames, pcmBytes / bytesPerFrame);

    if (reader.getFormatName().containsIgnoreCase ("FLAC"))
        frames = juce::jmin (frames, juce::jmax ((juce::int64) 0, FlacLength::measure (file, frames)));

    reader.lengthInSamples = frames;
}

juce::AudioFormatManager& AudioFileOpener::formats()
{
    static const auto manager = []
    {
        auto m = std::make_unique<juce::AudioFormatManager>();
        // WAV, AIFF, FLAC and Ogg Vorbis: JUCE's own MP3 decoder is not compiled
        // (JUCE_USE_MP3AUDIOFORMAT 0), libmpg123 reads MP3.
        m->registerBasicFormats();
        m->registerFormat (new Mpg123AudioFormat(), false);
        return m;
    }();
    return *manager;
}

AudioFileOpener::Opened AudioFileOpener::open (const juce::File& file)
{
    if (file.isDirectory())
        return failure (LoadError::notAudio, file, "is a folder, not an audio file");

    if (!file.existsAsFile())
        return failure (LoadError::missingFile, file, "was not found (" + file.getFullPathName() + ")");

    const auto fileSize = file.getSize();

    {
        juce::FileInputStream probe (file);

        if (probe.failedToOpen())
            return failure (LoadError::unreadable, file,
                            "cannot be read: " + probe.getStatus().getErrorMessage()
                                + " (check its permissions)");
    }

    if (fileSize == 0)
        return failure (LoadError::emptyFile, file, "is empty (0 bytes)");

    juce::int64 pcmBytes = -1;
    auto container = checkContainer (file, fileSize, pcmBytes);

    if (container.error != LoadError::none)
        return container;

    std::unique_ptr<juce::AudioFormatReader> reader (formats().createReaderFor (file));

    // Sample packs hold AIFFs named .wav and the like: when the extension's reader fails, the
    // file's own bytes choose.
    if (reader == nullptr)
        reader = createReaderByContent (file);

    if (reader == nullptr)
    {
        if (formats().findFormatForFileExtension (file.getFileExtension()) == nullptr)
            return failure (LoadError::unsupportedFormat, file,
                            "has an unsupported format (" + file.getFileExtension() + "); " + supportedList);

        return failure (LoadError::notAudio, file,
                        "is not a valid " + file.getFileExtension().substring (1).toUpperCase()
                            + " audio file: its contents could not be decoded");
    }

    if (reader->numChannels == 0 || reader->sampleRate <= 0.0)
        return failure (LoadError::notAudio, file, "has no channels or no sample rate in its header");

    if (!(reader->sampleRate >= minSampleRate && reader->sampleRate <= maxSampleRate))
        return failure (LoadError::notAudio, file,
                        "has an impossible sample rate in its header (" + juce::String (reader->sampleRate)
                            + " Hz): it is damaged");

    if (reader->numChannels > maxChannels)
        return failure (LoadError::unsupportedFormat, file,
                        "has " + juce::String (reader->numChannels) + " channels; PadDeck reads up to "
                            + juce::String (maxChannels));

    // Only a reader of the container checkContainer parsed may be held to its data chunk.
    const auto format = reader->getFormatName();
    if (!(format.containsIgnoreCase ("WAV") || format.containsIgnoreCase ("AIFF")))
        pcmBytes = -1;
    limitToWhatTheFileHolds (*reader, file, fileSize, pcmBytes);

    if (reader->lengthInSamples <= 0)
        return failure (LoadError::emptyFile, file, "contains no audio (zero length)");

    Opened result;
    result.reader = std::move (reader);
    result.fileSize = fileSize;
    return result;
}

AudioFileOpener::Opened AudioFileOpener::checkContainer (const juce::File& file, juce::int64 fileSize,
                                                         juce::int64& pcmBytes)
{
    pcmBytes = -1;
    juce::FileInputStream in (file);
    char magic[12] = {};

    if (in.read (magic, 12) != 12)
        return {};

    const auto is = [&] (int offset, const char* id) { return memcmp (magic + offset, id, 4) == 0; };
    const bool isWav = (is (0, "RIFF") || is (0, "RF64") || is (0, "BW64")) && is (8, "WAVE");
    const bool isAiff = is (0, "FORM") && (is (8, "AIFF") || is (8, "AIFC"));

    if (!isWav && !isAiff)
        return {};

    juce::int64 position = 12;

    while (position + 8 <= fileSize)
    {
        char id[4] = {};
        in.setPosition (position);
        in.read (id, 4);
        const auto size = (juce::int64) (juce::uint32) (isWav ? in.readInt() : in.readIntBigEndian());
        const auto chunkIs = [&] (const char* name) { return memcmp (id, name, 4) == 0; };

        if (isWav && chunkIs ("fmt "))
        {
            auto tag = (juce::uint16) in.readShort();
            const auto channels = (juce::uint16) in.readShort();

            // Refused before JUCE's reader sees it: it names every channel past the 128th with an
            // out-of-range speaker type.
            if (channels > maxChannels)
                return failure (LoadError::unsupportedFormat, file,
                                "has " + juce::String (channels) + " channels; PadDeck plays at most "
                                    + juce::String (maxChannels));

            if (tag == 0xfffe && size >= 26)
            {
                in.setPosition (position + 8 + 24);
                tag = (juce::uint16) in.readShort(); // the sub-format GUID starts with the tag
            }

            if (tag != 1 && tag != 3)
                return failure (LoadError::unsupportedFormat, file,
                                "uses a WAV encoding PadDeck cannot decode (format tag 0x"
                                    + juce::String::toHexString ((int) tag).paddedLeft ('0', 4)
                                    + "); save it as PCM or float WAV");
        }

        if (chunkIs (isWav ? "data" : "SSND"))
        {
            // 0xffffffff is what streaming writers leave when they never came back to fill it in.
            const auto available = fileSize - position - 8;
            // AIFF's sound data starts after an offset and a block size.
            const auto header = isWav ? 0 : 8;
            pcmBytes = juce::jmax ((juce::int64) 0,
                                   (size == 0xffffffff ? available : juce::jmin (size, available)) - header);
            if (size != 0xffffffff && position + 8 + size > fileSize)
                return failure (LoadError::truncated, file,
                                "is truncated: its header declares " + juce::String (size)
                                    + " bytes of audio but the file ends after "
                                    + juce::String (fileSize - position - 8));
            break;
        }

        position += 8 + size + (size & 1);
    }

    return {};
}

} // namespace paddeck
