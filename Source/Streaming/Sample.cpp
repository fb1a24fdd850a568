#include "Streaming/Sample.h"

#include "Streaming/StreamingStats.h"

#include <algorithm>
#include <cmath>

namespace paddeck
{

Sample::Sample (Info i, std::vector<RamRegion> regions, std::unique_ptr<FoldingReader> decoder)
    : info (std::move (i))
    , ramRegions (std::move (regions))
    , streamDecoder (std::move (decoder))
{
    for (auto& region : ramRegions)
        ramBytes += (juce::int64) region.frames.getNumChannels() * region.frames.getNumSamples()
                    * (juce::int64) sizeof (float);

    StreamingStats::addSample (ramBytes, isStreamed());
}

Sample::~Sample() { StreamingStats::removeSample (ramBytes, isStreamed()); }

juce::int64 Sample::fileFrameToSampleFrame (juce::int64 fileFrame) const noexcept
{
    if (fileFrame < 0)
        return fileFrame;

    return (juce::int64) std::llround ((double) fileFrame * info.sampleRate / info.fileSampleRate);
}

Sample::RamSpan Sample::findRam (juce::int64 frame, juce::int64 maxFrames) const noexcept
{
    RamSpan span;
    span.gapFrames = maxFrames;

    for (auto& region : ramRegions)
    {
        const auto end = region.startFrame + region.frames.getNumSamples();

        if (frame >= region.startFrame && frame < end)
        {
            const auto offset = (int) (frame - region.startFrame);
            span.left = region.frames.getReadPointer (0, offset);
            span.right = region.frames.getReadPointer (region.frames.getNumChannels() - 1, offset);
            span.frames = (int) juce::jmin (maxFrames, end - frame);
            span.gapFrames = 0;
            return span;
        }

        if (region.startFrame > frame)
            span.gapFrames = juce::jmin (span.gapFrames, region.startFrame - frame);
    }

    return span;
}

Sample::RamSpan Sample::findRamBackwards (juce::int64 frame, juce::int64 maxFrames) const noexcept
{
    RamSpan span;
    span.gapFrames = maxFrames;

    for (auto& region : ramRegions)
    {
        const auto end = region.startFrame + region.frames.getNumSamples();

        if (frame >= region.startFrame && frame < end)
        {
            const auto n = juce::jmin (maxFrames, frame - region.startFrame + 1);
            const auto offset = (int) (frame - n + 1 - region.startFrame);
            span.left = region.frames.getReadPointer (0, offset);
            span.right = region.frames.getReadPointer (region.frames.getNumChannels() - 1, offset);
            span.frames = (int) n;
            span.gapFrames = 0;
            return span;
        }

        if (end <= frame)
            span.gapFrames = juce::jmin (span.gapFrames, frame - end + 1);
    }

    return span;
}

void Sample::copyInPlayOrder (const RamSpan& span, bool backwards, float* left, float* right) noexcept
{
    if (backwards)
    {
        std::reverse_copy (span.left, span.left + span.frames, left);
        std::reverse_copy (span.right, span.right + span.frames, right);
        return;
    }
    juce::FloatVectorOperations::copy (left, span.left, span.frames);
    juce::FloatVectorOperations::copy (right, span.right, span.frames);
}

bool Sample::readFromDisk (juce::int64 frame, int numFrames, float* left, float* right)
{
    jassert (streamDecoder != nullptr);

    // On Linux an open file stays readable after it is deleted or cut short: check the path, so a
    // user who removes or rewrites a file hears its voices end instead of stale or zero data.
    const auto fileIsIntact = [this]
    { return info.file.existsAsFile() && info.file.getSize() == info.fileSize; };

    if (!streamError.load() && fileIsIntact() && streamDecoder->read (frame, numFrames, left, right)
        && fileIsIntact())
        return true;

    streamError.store (true, std::memory_order_release);
    return false;
}

} // namespace paddeck
