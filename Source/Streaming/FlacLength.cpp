#include "Streaming/FlacLength.h"

#include <FLAC/stream_decoder.h>

namespace paddeck
{

namespace
{
struct Counter
{
    juce::int64 frames = 0;
};

FLAC__StreamDecoderWriteStatus countFrames (const FLAC__StreamDecoder*, const FLAC__Frame* frame,
                                            const FLAC__int32* const*, void* client)
{
    static_cast<Counter*> (client)->frames += (juce::int64) frame->header.blocksize;
    return FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE;
}

void ignoreMetadata (const FLAC__StreamDecoder*, const FLAC__StreamMetadata*, void*) {}
void ignoreError (const FLAC__StreamDecoder*, FLAC__StreamDecoderErrorStatus, void*) {}

struct DecoderDeleter
{
    void operator() (FLAC__StreamDecoder* d) const { FLAC__stream_decoder_delete (d); }
};
} // namespace

juce::int64 FlacLength::measure (const juce::File& file, juce::int64 claimed)
{
    std::unique_ptr<FLAC__StreamDecoder, DecoderDeleter> decoder (FLAC__stream_decoder_new());
    Counter counter;

    if (decoder == nullptr
        || FLAC__stream_decoder_init_file (decoder.get(), file.getFullPathName().toRawUTF8(), countFrames,
                                           ignoreMetadata, ignoreError, &counter)
               != FLAC__STREAM_DECODER_INIT_STATUS_OK
        || !FLAC__stream_decoder_process_until_end_of_metadata (decoder.get()))
        return -1;

    // A seek decodes the frame that holds the target: when the last claimed frame is there, the
    // claim is the file's own.
    if (claimed > 0 && FLAC__stream_decoder_seek_absolute (decoder.get(), (FLAC__uint64) (claimed - 1)))
        return claimed;

    if (!FLAC__stream_decoder_reset (decoder.get()))
        return -1;

    counter.frames = 0;
    FLAC__stream_decoder_process_until_end_of_stream (decoder.get());
    return claimed > 0 ? juce::jmin (claimed, counter.frames) : counter.frames;
}

} // namespace paddeck
