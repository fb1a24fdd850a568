#include "Tempo/TempoTags.h"

#include "Tempo/TempoAnalysis.h"

#define OV_EXCLUDE_STATIC_CALLBACKS // vorbisfile.h's static callbacks would be unused here
#include <FLAC/metadata.h>
#include <vorbis/vorbisfile.h>

#include <regex>

namespace paddeck
{

namespace
{
// An id3 chunk bigger than this (cover art) is not read whole: the tempo is not worth 16 MB.
constexpr juce::int64 maxId3Bytes = 16 * 1024 * 1024;

juce::String formatBpm (double bpm)
{
    return std::abs (bpm - std::round (bpm)) < 1.0e-9 ? juce::String ((juce::int64) std::llround (bpm))
                                                      : juce::String (bpm, 2);
}

juce::uint32 bigEndian (const juce::uint8* p, int bytes)
{
    juce::uint32 v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | p[i];
    return v;
}

juce::uint32 synchsafe (const juce::uint8* p)
{
    return ((juce::uint32) (p[0] & 0x7f) << 21) | ((juce::uint32) (p[1] & 0x7f) << 14)
           | ((juce::uint32) (p[2] & 0x7f) << 7) | (juce::uint32) (p[3] & 0x7f);
}

/** Undoes ID3 unsynchronisation: every 0xff 0x00 was written for a lone 0xff. */
std::vector<juce::uint8> resynchronise (const juce::uint8* p, size_t size)
{
    std::vector<juce::uint8> out;
    out.reserve (size);
    for (size_t i = 0; i < size; ++i)
    {
        out.push_back (p[i]);
        if (p[i] == 0xff && i + 1 < size && p[i + 1] == 0x00)
            ++i;
    }
    return out;
}

/** An ID3 text frame's body: an encoding byte, then Latin-1, UTF-16 (with BOM), UTF-16BE or UTF-8. */
juce::String decodeId3Text (const juce::uint8* p, size_t size)
{
    if (size < 1)
        return {};
    const auto encoding = p[0];
    ++p;
    --size;

    if (encoding == 3)
        return juce::String::fromUTF8 ((const char*) p, (int) size)
            .trimCharactersAtEnd (juce::String::charToString (0));

    juce::String text;
    if (encoding == 1 || encoding == 2)
    {
        bool littleEndian = false;
        if (encoding == 1 && size >= 2)
        {
            littleEndian = p[0] == 0xff && p[1] == 0xfe;
            p += 2;
            size -= 2;
        }
        for (size_t i = 0; i + 1 < size; i += 2)
        {
            const auto c =
                (juce::juce_wchar) (littleEndian ? (p[i] | (p[i + 1] << 8)) : ((p[i] << 8) | p[i + 1]));
            if (c == 0)
                break;
            text += juce::String::charToString (c);
        }
        return text;
    }

    for (size_t i = 0; i < size && p[i] != 0; ++i)
        text += juce::String::charToString ((juce::juce_wchar) p[i]);
    return text;
}

void takeId3 (const juce::MemoryBlock& block, TempoTags::Tag& tag, const juce::String& source)
{
    const auto text = TempoTags::id3Tempo (block.getData(), block.getSize());
    if (text.isNotEmpty() && tag.bpm <= 0.0)
    {
        tag.bpm = TempoTags::parseBpm (text, source + " tag", tag.notes);
        if (tag.bpm > 0.0)
            tag.source = source;
    }
}

/** The acid chunk (tempo, one-shot flag) and id3 chunks of a WAV, or the ID3 chunk of an AIFF. */
TempoTags::Tag readChunks (juce::FileInputStream& in, bool isWav)
{
    TempoTags::Tag tag;
    const auto fileSize = in.getTotalLength();
    juce::int64 position = 12;
    juce::MemoryBlock id3;

    while (position + 8 <= fileSize)
    {
        char id[4] = {};
        in.setPosition (position);
        in.read (id, 4);
        const auto size = (juce::int64) (juce::uint32) (isWav ? in.readInt() : in.readIntBigEndian());
        const auto is = [&] (const char* name) { return memcmp (id, name, 4) == 0; };

        if (isWav && is ("acid") && size >= 24)
        {
            juce::uint8 acid[24] = {};
            in.read (acid, 24);
            const auto flags = juce::ByteOrder::littleEndianInt (acid);
            float tempo = 0.0f;
            const auto bits = juce::ByteOrder::littleEndianInt (acid + 20);
            memcpy (&tempo, &bits, sizeof (tempo));

            tag.oneShot = (flags & 0x01) != 0;
            if (tempo != 0.0f)
            {
                // A float: 127.96 comes back as 127.9599991; four decimals is what was meant.
                tag.bpm =
                    TempoTags::acceptBpm (std::round (tempo * 1.0e4) / 1.0e4, "WAV acid chunk", tag.notes);
                if (tag.bpm > 0.0)
                    tag.source = "WAV acid chunk";
            }
        }
        else if ((is ("id3 ") || is ("ID3 ")) && id3.isEmpty())
        {
            if (size <= maxId3Bytes && position + 8 + size <= fileSize)
                in.readIntoMemoryBlock (id3, (ssize_t) size);
            else
                tag.notes.add ("The file's ID3 chunk is too large or cut short and was not read.");
        }

        position += 8 + size + (size & 1);
    }

    // The acid chunk is the loop tool's own word; ID3 comes second.
    if (id3.getSize() > 0)
        takeId3 (id3, tag, "ID3 TBPM");
    return tag;
}

TempoTags::Tag readVorbis (const juce::File& file)
{
    TempoTags::Tag tag;
    OggVorbis_File vorbis;
    if (ov_fopen (file.getFullPathName().toRawUTF8(), &vorbis) != 0)
    {
        tag.notes.add ("The Ogg file's comments could not be read.");
        return tag;
    }
    if (auto* comments = ov_comment (&vorbis, -1))
        if (const char* value = vorbis_comment_query (comments, "BPM", 0))
        {
            tag.bpm = TempoTags::parseBpm (juce::String::fromUTF8 (value), "Vorbis BPM comment", tag.notes);
            if (tag.bpm > 0.0)
                tag.source = "Vorbis BPM";
        }
    ov_clear (&vorbis);
    return tag;
}

TempoTags::Tag readFlac (const juce::File& file)
{
    TempoTags::Tag tag;
    FLAC__StreamMetadata* comments = nullptr;
    if (!FLAC__metadata_get_tags (file.getFullPathName().toRawUTF8(), &comments) || comments == nullptr)
        return tag;

    const auto& block = comments->data.vorbis_comment;
    for (FLAC__uint32 i = 0; i < block.num_comments && tag.bpm <= 0.0; ++i)
    {
        char *name = nullptr, *value = nullptr;
        if (!FLAC__metadata_object_vorbiscomment_entry_to_name_value_pair (block.comments[i], &name, &value))
            continue;
        if (juce::String (name).equalsIgnoreCase ("BPM"))
        {
            tag.bpm = TempoTags::parseBpm (juce::String::fromUTF8 (value), "FLAC BPM comment", tag.notes);
            if (tag.bpm > 0.0)
                tag.source = "FLAC BPM";
        }
        free (name);
        free (value);
    }
    FLAC__metadata_object_delete (comments);
    return tag;
}
} // namespace

double TempoTags::parseBpm (const juce::String& text, const juce::String& where, juce::StringArray& notes)
{
    const auto trimmed = text.trim().replaceCharacter (',', '.');
    if (!juce::CharacterFunctions::isDigit (trimmed[0])
        && !(trimmed[0] == '.' && juce::CharacterFunctions::isDigit (trimmed[1])))
    {
        notes.add ("The " + where + "'s tempo \"" + text.trim() + "\" is not a number and was ignored.");
        return 0.0;
    }

    return acceptBpm (trimmed.getDoubleValue(), where, notes);
}

double TempoTags::acceptBpm (double bpm, const juce::String& where, juce::StringArray& notes)
{
    if (!TempoAnalysis::inRange (bpm))
    {
        notes.add ("The " + where + "'s " + formatBpm (bpm) + " BPM is out of range ("
                   + formatBpm (TempoAnalysis::minBpm)
                   + juce::String (juce::CharPointer_UTF8 ("\xe2\x80\x93"))
                   + formatBpm (TempoAnalysis::maxBpm) + ") and was ignored.");
        return 0.0;
    }
    return bpm;
}

juce::String TempoTags::id3Tempo (const void* data, size_t size)
{
    const auto* p = static_cast<const juce::uint8*> (data);
    if (size < 10 || memcmp (p, "ID3", 3) != 0)
        return {};

    const int version = p[3];
    const auto flags = p[5];
    const auto tagSize = std::min<size_t> (synchsafe (p + 6), size - 10);
    if (version < 2 || version > 4 || (version == 2 && (flags & 0x40) != 0)) // 2.2 compression: unreadable
        return {};

    auto body = (flags & 0x80) != 0 && version < 4 ? resynchronise (p + 10, tagSize)
                                                   : std::vector<juce::uint8> (p + 10, p + 10 + tagSize);
    size_t pos = 0;
    if (version >= 3 && (flags & 0x40) != 0 && body.size() >= 4) // an extended header goes first
        pos = version == 3 ? 4 + bigEndian (body.data(), 4) : synchsafe (body.data());

    const size_t idLength = version == 2 ? 3 : 4, headerLength = version == 2 ? 6 : 10;
    const char* wanted = version == 2 ? "TBP" : "TBPM";

    while (pos + headerLength <= body.size() && body[pos] != 0)
    {
        const auto* frame = body.data() + pos;
        const size_t frameSize = version == 2   ? bigEndian (frame + 3, 3)
                                 : version == 3 ? bigEndian (frame + 4, 4)
                                                : synchsafe (frame + 4);
        const auto frameFlags = version == 2 ? 0u : bigEndian (frame + 8, 2);
        const auto* content = frame + headerLength;
        auto contentSize = std::min (frameSize, body.size() - pos - headerLength);

        if (memcmp (frame, wanted, idLength) == 0)
        {
            const bool compressedOrEncrypted =
                version == 3 ? (frameFlags & 0x00c0) != 0 : version == 4 && (frameFlags & 0x000c) != 0;
            if (compressedOrEncrypted)
                return {};

            if (version == 3 && (frameFlags & 0x0020) != 0 && contentSize > 0) // group id byte
                ++content, --contentSize;
            if (version == 4 && (frameFlags & 0x0001) != 0 && contentSize >= 4) // data length
                content += 4, contentSize -= 4;
            if (version == 4 && (frameFlags & 0x0002) != 0)
            {
                const auto plain = resynchronise (content, contentSize);
                return decodeId3Text (plain.data(), plain.size()).trim();
            }
            return decodeId3Text (content, contentSize).trim();
        }
        pos += headerLength + frameSize;
    }
    return {};
}

TempoTags::Tag TempoTags::metadataBpm (const juce::File& file)
{
    juce::FileInputStream in (file);
    if (in.failedToOpen())
        return {};

    char magic[12] = {};
    in.read (magic, 12);
    const auto is = [&] (int offset, const char* id)
    { return memcmp (magic + offset, id, strlen (id)) == 0; };

    if (is (0, "RIFF") && is (8, "WAVE"))
        return readChunks (in, true);
    if (is (0, "FORM") && (is (8, "AIFF") || is (8, "AIFC")))
        return readChunks (in, false);
    if (is (0, "OggS"))
        return readVorbis (file);
    if (is (0, "fLaC"))
        return readFlac (file);

    if (is (0, "ID3"))
    {
        const auto tagSize = 10 + (juce::int64) synchsafe (reinterpret_cast<const juce::uint8*> (magic) + 6);
        Tag tag;
        juce::MemoryBlock id3;
        in.setPosition (0);
        in.readIntoMemoryBlock (id3, (ssize_t) std::min (tagSize, maxId3Bytes));
        takeId3 (id3, tag, "ID3 TBPM");

        // A FLAC file may carry an ID3 tag in front of its own stream: its comments count too.
        char after[4] = {};
        in.setPosition (tagSize);
        if (tag.bpm <= 0.0 && in.read (after, 4) == 4 && memcmp (after, "fLaC", 4) == 0)
        {
            auto flac = readFlac (file);
            flac.notes.addArray (tag.notes, 0);
            return flac;
        }
        return tag;
    }
    return {};
}

TempoTags::Tag TempoTags::bpmFromName (const juce::String& fileName)
{
    Tag tag;
    // A number right before "bpm" ("128bpm", "128 BPM", "174_bpm") or right after it ("bpm128", "BPM_90").
    static const std::regex before (R"((?:^|[^0-9.,])([0-9]+(?:[.,][0-9]+)?)[ _-]*bpm(?![a-z]))",
                                    std::regex::icase);
    static const std::regex after (R"((?:^|[^a-z])bpm[ _:=-]*([0-9]+(?:[.,][0-9]+)?)(?![0-9]))",
                                   std::regex::icase);

    const auto name = fileName.toStdString();
    for (const auto* pattern : { &before, &after })
        for (std::sregex_iterator it (name.begin(), name.end(), *pattern), end; it != end; ++it)
        {
            const auto bpm = parseBpm (juce::String ((*it)[1].str()), "file name", tag.notes);
            if (bpm > 0.0)
            {
                tag.bpm = bpm;
                tag.source = "name";
                return tag;
            }
        }
    return tag;
}

} // namespace paddeck
