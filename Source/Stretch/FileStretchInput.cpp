#include "Stretch/FileStretchInput.h"

#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

FileStretchInput::FileStretchInput (const juce::File& file)
{
    auto opened = AudioFileOpener::open (file);
    if (opened.reader == nullptr)
        error = opened.message;
    else
        reader = std::make_unique<FoldingReader> (std::move (opened.reader));
}

bool FileStretchInput::read (std::int64_t frame, int numFrames, float* left, float* right)
{
    if (reader == nullptr)
        return false;

    // Before the file's start and past its end there is silence (a pre-roll may reach there).
    const auto length = (std::int64_t) reader->getLengthInFrames();
    const auto from = juce::jlimit ((std::int64_t) 0, length, frame);
    const auto to = juce::jlimit ((std::int64_t) 0, length, frame + numFrames);
    std::fill (left, left + numFrames, 0.0f);
    std::fill (right, right + numFrames, 0.0f);
    if (to <= from)
        return true;
    const auto offset = (int) (from - frame);
    return reader->read (from, (int) (to - from), left + offset, right + offset);
}

} // namespace paddeck
