#pragma once

#include "Dsp/OfflineStretcher.h"
#include "Streaming/FoldingReader.h"

namespace paddeck
{

/** An offline render's input: the source file's own frames at its own rate, decoded by a reader
    of its own (the loader's and the streaming thread's are theirs), folded to stereo as PadDeck
    plays it. [the render's thread] */
class FileStretchInput : public OfflineStretcher::Input
{
public:
    /** Opens the file; isOpen() says whether it could be, getError() why not. */
    explicit FileStretchInput (const juce::File& file);

    bool isOpen() const noexcept { return reader != nullptr; }
    const juce::String& getError() const noexcept { return error; }
    std::int64_t getLength() const noexcept { return reader != nullptr ? reader->getLengthInFrames() : 0; }

    bool read (std::int64_t frame, int numFrames, float* left, float* right) override;

private:
    std::unique_ptr<FoldingReader> reader;
    juce::String error;
};

} // namespace paddeck
