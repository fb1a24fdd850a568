#pragma once

#include "Streaming/StreamingTestSupport.h"

namespace paddeck::test
{

/** Writes a 16-bit FLAC of `audio` whose STREAMINFO then claims `claimedFrames` (and, when
    given, `claimedRate`): what a damaged or hand-made file looks like to a decoder. */
inline bool writeFlacClaiming (const juce::File& file, const juce::AudioBuffer<float>& audio, double rate,
                               juce::uint64 claimedFrames, juce::uint32 claimedRate = 0)
{
    if (!writeAudio (juce::FlacAudioFormat(), file, audio, rate, 16))
        return false;

    juce::MemoryBlock bytes;
    if (!file.loadFileAsData (bytes) || bytes.getSize() < 42 || memcmp (bytes.getData(), "fLaC", 4) != 0)
        return false;

    // STREAMINFO's bytes 10..17 (file bytes 18..25): 20 bits of rate, 3 of channels, 5 of bits,
    // then the 36-bit frame count.
    auto* field = static_cast<juce::uint8*> (bytes.getData()) + 18;
    juce::uint64 word = 0;
    for (int i = 0; i < 8; ++i)
        word = (word << 8) | field[i];

    const auto countMask = (juce::uint64{ 1 } << 36) - 1;
    word = (word & ~countMask) | (claimedFrames & countMask);
    if (claimedRate != 0)
        word = (word & ~(juce::uint64{ 0xfffff } << 44)) | ((juce::uint64) claimedRate << 44);

    for (int i = 7; i >= 0; --i, word >>= 8)
        field[i] = (juce::uint8) (word & 0xff);

    return file.replaceWithData (bytes.getData(), bytes.getSize());
}

} // namespace paddeck::test
