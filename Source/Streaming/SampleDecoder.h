#pragma once

#include "Streaming/LoadResult.h"

#include <functional>

namespace paddeck
{

/** Turns a file into a Sample: the work behind SampleLoader, on whichever thread calls it.

    Decoded size (frames at the engine rate x stored channels x 4 bytes) at or under the
    threshold: the whole file is decoded into RAM and converted to the engine rate. Over it: the
    sample streams, and only primeSeconds after the region's start and loop start are decoded. */
class SampleDecoder
{
public:
    using ShouldStop = std::function<bool()>;

    static LoadResult decode (const juce::File& file, const PlaybackRegion& region,
                              const LoadOptions& options, const ShouldStop& shouldStop = nullptr);

    /** Fills a streamed sample's overview by reading the whole file with a decoder of its own;
        stops early when the sample is discarded or shouldStop says so. */
    static void computeOverview (Sample& sample, const ShouldStop& shouldStop = nullptr);
};

} // namespace paddeck
