#pragma once

#include <juce_core/juce_core.h>

#include <vector>

namespace paddeck::test
{

/** Files carrying tempo tags that JUCE's writers cannot write, built with the codec libraries or
    by hand, for the tag reader's tests. */
namespace TaggedFiles
{
/** An ID3v2 tag (version 2, 3 or 4) holding one tempo text frame (TBP / TBPM) in the given ID3
    text encoding (0 Latin-1, 1 UTF-16 with BOM, 2 UTF-16BE, 3 UTF-8), plus a title frame before
    it and padding after, as taggers write them. */
juce::MemoryBlock id3Tag (int version, const juce::String& bpm, int encoding = 0);

/** An "MP3": an ID3 tag, then a few MPEG frame headers with silent frames. */
juce::File writeMp3 (const juce::File& file, const juce::MemoryBlock& id3);

/** Appends a chunk to a WAV (little-endian sizes) or AIFF (big-endian) file and fixes its size. */
bool appendChunk (const juce::File& file, const char* id, const juce::MemoryBlock& data);

/** An Ogg Vorbis file (libvorbisenc) of a second of a tone, with the given Vorbis comments. */
juce::File writeOgg (const juce::File& file, const juce::StringPairArray& comments);

/** A FLAC file (libFLAC) of a second of a tone, with the given Vorbis comments. */
juce::File writeFlac (const juce::File& file, const juce::StringPairArray& comments);
} // namespace TaggedFiles

} // namespace paddeck::test
