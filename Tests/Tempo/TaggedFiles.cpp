#include "Tempo/TaggedFiles.h"

#include <FLAC/metadata.h>
#include <FLAC/stream_encoder.h>
#include <vorbis/vorbisenc.h>

#include <cmath>

namespace paddeck::test
{

namespace
{
void putSize (juce::MemoryOutputStream& out, int version, juce::uint32 size)
{
    if (version == 2)
    {
        out.writeByte ((char) (size >> 16));
        out.writeByte ((char) (size >> 8));
        out.writeByte ((char) size);
    }
    else if (version == 3)
        out.writeIntBigEndian ((int) size);
    else // synchsafe
        for (int shift = 21; shift >= 0; shift -= 7)
            out.writeByte ((char) ((size >> shift) & 0x7f));
}

juce::MemoryBlock encodeText (const juce::String& text, int encoding)
{
    juce::MemoryOutputStream out;
    out.writeByte ((char) encoding);
    if (encoding == 3)
        out.write (text.toRawUTF8(), text.getNumBytesAsUTF8());
    else if (encoding == 1 || encoding == 2)
    {
        if (encoding == 1)
        {
            out.writeByte ((char) 0xff); // little-endian BOM
            out.writeByte ((char) 0xfe);
        }
        for (auto c : text)
        {
            out.writeByte ((char) (encoding == 1 ? c & 0xff : (c >> 8) & 0xff));
            out.writeByte ((char) (encoding == 1 ? (c >> 8) & 0xff : c & 0xff));
        }
    }
    else
        for (auto c : text)
            out.writeByte ((char) c);
    return out.getMemoryBlock();
}

void putFrame (juce::MemoryOutputStream& out, int version, const char* id, const juce::MemoryBlock& body)
{
    out.write (id, version == 2 ? 3 : 4);
    putSize (out, version, (juce::uint32) body.getSize());
    if (version > 2)
        out.writeShort (0); // flags
    out << body;
}

std::vector<float> toneSecond (int rate)
{
    std::vector<float> samples ((size_t) rate);
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = 0.3f * (float) std::sin (juce::MathConstants<double>::twoPi * 440.0 * (double) i / rate);
    return samples;
}
} // namespace

juce::MemoryBlock TaggedFiles::id3Tag (int version, const juce::String& bpm, int encoding)
{
    juce::MemoryOutputStream frames;
    putFrame (frames, version, version == 2 ? "TT2" : "TIT2", encodeText ("A loop", encoding));
    putFrame (frames, version, version == 2 ? "TBP" : "TBPM", encodeText (bpm, encoding));
    for (int i = 0; i < 64; ++i)
        frames.writeByte (0); // padding

    juce::MemoryOutputStream tag;
    tag.write ("ID3", 3);
    tag.writeByte ((char) version);
    tag.writeByte (0);                                     // revision
    tag.writeByte (0);                                     // flags
    putSize (tag, 4, (juce::uint32) frames.getDataSize()); // the tag's own size is always synchsafe
    tag << frames.getMemoryBlock();
    return tag.getMemoryBlock();
}

juce::File TaggedFiles::writeMp3 (const juce::File& file, const juce::MemoryBlock& id3)
{
    juce::MemoryOutputStream out;
    out << id3;
    for (int frame = 0; frame < 8; ++frame)
    {
        const unsigned char header[] = { 0xff, 0xfb, 0x90, 0x64 }; // MPEG-1 layer III, 128 kbps, 44.1 kHz
        out.write (header, sizeof (header));
        for (int i = 0; i < 417 - 4; ++i)
            out.writeByte (0);
    }
    file.deleteFile();
    return file.replaceWithData (out.getData(), out.getDataSize()) ? file : juce::File();
}

bool TaggedFiles::appendChunk (const juce::File& file, const char* id, const juce::MemoryBlock& data)
{
    juce::MemoryBlock bytes;
    if (!file.loadFileAsData (bytes) || bytes.getSize() < 12)
        return false;

    const bool wav = memcmp (bytes.getData(), "RIFF", 4) == 0;
    juce::MemoryOutputStream out;
    out << bytes;
    out.write (id, 4);
    if (wav)
        out.writeInt ((int) data.getSize());
    else
        out.writeIntBigEndian ((int) data.getSize());
    out << data;
    if (data.getSize() % 2 != 0)
        out.writeByte (0);

    auto block = out.getMemoryBlock();
    const auto size = (juce::uint32) (block.getSize() - 8);
    auto* p = static_cast<juce::uint8*> (block.getData()) + 4;
    for (int i = 0; i < 4; ++i)
        p[i] = (juce::uint8) (wav ? size >> (8 * i) : size >> (8 * (3 - i)));
    return file.replaceWithData (block.getData(), block.getSize());
}

juce::File TaggedFiles::writeOgg (const juce::File& file, const juce::StringPairArray& comments)
{
    constexpr int rate = 44100;
    vorbis_info info;
    vorbis_info_init (&info);
    if (vorbis_encode_init_vbr (&info, 1, rate, 0.4f) != 0)
        return {};

    vorbis_comment vc;
    vorbis_comment_init (&vc);
    for (auto& key : comments.getAllKeys())
        vorbis_comment_add_tag (&vc, key.toRawUTF8(), comments[key].toRawUTF8());

    vorbis_dsp_state dsp;
    vorbis_block block;
    vorbis_analysis_init (&dsp, &info);
    vorbis_block_init (&dsp, &block);
    ogg_stream_state stream;
    ogg_stream_init (&stream, 1);

    juce::MemoryOutputStream out;
    ogg_page page;
    ogg_packet header, commentPacket, codebooks, packet;
    const auto writePages = [&] (bool flush)
    {
        while (flush ? ogg_stream_flush (&stream, &page) : ogg_stream_pageout (&stream, &page))
        {
            out.write (page.header, (size_t) page.header_len);
            out.write (page.body, (size_t) page.body_len);
        }
    };

    vorbis_analysis_headerout (&dsp, &vc, &header, &commentPacket, &codebooks);
    ogg_stream_packetin (&stream, &header);
    ogg_stream_packetin (&stream, &commentPacket);
    ogg_stream_packetin (&stream, &codebooks);
    writePages (true);

    const auto samples = toneSecond (rate);
    float** buffer = vorbis_analysis_buffer (&dsp, (int) samples.size());
    std::copy (samples.begin(), samples.end(), buffer[0]);
    vorbis_analysis_wrote (&dsp, (int) samples.size());
    vorbis_analysis_wrote (&dsp, 0); // end of stream

    while (vorbis_analysis_blockout (&dsp, &block) == 1)
    {
        vorbis_analysis (&block, nullptr);
        vorbis_bitrate_addblock (&block);
        while (vorbis_bitrate_flushpacket (&dsp, &packet))
        {
            ogg_stream_packetin (&stream, &packet);
            writePages (false);
        }
    }
    writePages (true);

    ogg_stream_clear (&stream);
    vorbis_block_clear (&block);
    vorbis_dsp_clear (&dsp);
    vorbis_comment_clear (&vc);
    vorbis_info_clear (&info);

    file.deleteFile();
    return file.replaceWithData (out.getData(), out.getDataSize()) ? file : juce::File();
}

juce::File TaggedFiles::writeFlac (const juce::File& file, const juce::StringPairArray& comments)
{
    constexpr int rate = 44100;
    file.deleteFile();
    auto* encoder = FLAC__stream_encoder_new();
    auto* tags = FLAC__metadata_object_new (FLAC__METADATA_TYPE_VORBIS_COMMENT);

    for (auto& key : comments.getAllKeys())
    {
        FLAC__StreamMetadata_VorbisComment_Entry entry;
        if (FLAC__metadata_object_vorbiscomment_entry_from_name_value_pair (&entry, key.toRawUTF8(),
                                                                            comments[key].toRawUTF8()))
            FLAC__metadata_object_vorbiscomment_append_comment (tags, entry, false); // takes the entry
    }

    FLAC__stream_encoder_set_channels (encoder, 1);
    FLAC__stream_encoder_set_bits_per_sample (encoder, 16);
    FLAC__stream_encoder_set_sample_rate (encoder, rate);
    FLAC__stream_encoder_set_metadata (encoder, &tags, 1);

    bool ok = FLAC__stream_encoder_init_file (encoder, file.getFullPathName().toRawUTF8(), nullptr, nullptr)
              == FLAC__STREAM_ENCODER_INIT_STATUS_OK;
    if (ok)
    {
        std::vector<FLAC__int32> pcm;
        for (auto v : toneSecond (rate))
            pcm.push_back ((FLAC__int32) std::lround (v * 32767.0f));
        ok = FLAC__stream_encoder_process_interleaved (encoder, pcm.data(), (unsigned) pcm.size());
        ok = FLAC__stream_encoder_finish (encoder) && ok;
    }

    FLAC__stream_encoder_delete (encoder);
    FLAC__metadata_object_delete (tags);
    return ok ? file : juce::File();
}

} // namespace paddeck::test
