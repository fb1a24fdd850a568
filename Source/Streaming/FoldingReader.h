#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** Reads a decoder's frames as PadDeck stores them: a mono file stays one channel, a stereo file
    two, and a file with more channels is folded to stereo (even channels averaged into the left,
    odd ones into the right, so quad's front and rear pairs land on their sides without clipping).

    One thread at a time: the loader that decodes, or the streaming thread that owns a stream. */
class FoldingReader
{
public:
    explicit FoldingReader (std::unique_ptr<juce::AudioFormatReader> reader, int maxChunkFrames = 16384);

    int getFileChannels() const noexcept { return fileChannels; }
    /** 1 for a mono file, else 2. */
    int getStoredChannels() const noexcept { return fileChannels == 1 ? 1 : 2; }
    juce::int64 getLengthInFrames() const noexcept { return reader->lengthInSamples; }
    double getSampleRate() const noexcept { return reader->sampleRate; }

    /** Reads numFrames frames from startFrame. right may be nullptr when the file is mono (only
        left is written); a mono file read with both pointers gets its channel on both sides. */
    bool read (juce::int64 startFrame, int numFrames, float* left, float* right);

    /** The loudest sample kept (+18 dB); non-finite samples read as silence. */
    static constexpr float maxLevel = 8.0f;

private:
    std::unique_ptr<juce::AudioFormatReader> reader;
    int fileChannels = 0;
    juce::AudioBuffer<float> scratch;
};

} // namespace paddeck
