#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

namespace paddeck
{

/** Reads MP3 (MPEG-1/2/2.5 layers I-III) with Debian's libmpg123 in place of JUCE's own decoder,
    which writes past its arrays on damaged frames. Float output, the length counted by scanning
    the frames the file really holds, encoder delay and padding (LAME/Xing) trimmed so loops are
    exact, sample-exact seeks. Any error ends a read with silence, never a crash or a hang.
    Read-only: PadDeck writes no MP3. Any thread; each reader is used by one thread at a time. */
class Mpg123AudioFormat : public juce::AudioFormat
{
public:
    Mpg123AudioFormat();

    juce::Array<int> getPossibleSampleRates() override;
    juce::Array<int> getPossibleBitDepths() override;
    bool canDoStereo() override { return true; }
    bool canDoMono() override { return true; }
    bool isCompressed() override { return true; }

    juce::AudioFormatReader* createReaderFor (juce::InputStream* sourceStream,
                                              bool deleteStreamIfOpeningFails) override;

    juce::AudioFormatWriter* createWriterFor (juce::OutputStream*, double, unsigned int, int,
                                              const juce::StringPairArray&, int) override;
    using juce::AudioFormat::createWriterFor;
};

} // namespace paddeck
