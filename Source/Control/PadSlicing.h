#pragma once

#include "Model/PadSettings.h"
#include "Streaming/Sample.h"
#include "Tempo/Slicer.h"

#include <juce_events/juce_events.h>

namespace paddeck
{

/** Works out a pad's slices (Slicer) over the region it plays: equal parts and beats at once;
    onsets on a background thread of its own, which opens the file and decodes that region (aubio
    allocates, and a streamed file may be long), calling back on the message thread. A slice that
    runs to the file's end has an end of -1, as an untrimmed pad has. [message] unless noted. */
class PadSlicing
{
public:
    using Found = std::function<void (const juce::Result&, const std::vector<Slicer::Slice>&)>;

    PadSlicing() = default;
    /** Waits for an onset search still running; its callback never comes. */
    ~PadSlicing();

    /** At most maxCount slices of the pad's region. `found` runs before this returns, except for
        onsets: later, unless this is destroyed first. */
    void find (const PadSettings& pad, const Sample& sample, SliceMode mode, int maxCount, Found found);

    /** True while an onset search runs. */
    bool isBusy() const noexcept { return searches > 0; }

    /** How long the sample's file is in its own frames, what a pad's start and end count (a RAM
        sample holds its frames at the engine's rate). [any] */
    static juce::int64 fileFramesOf (const Sample& sample);

    /** The settings slice `k` (from 0) of the pad `source` gets, playing [slice.start, slice.end). */
    static PadSettings sliceSettings (const PadSettings& source, const Slicer::Slice& slice, int k);

    /** The file frames a pad plays, [from, to), given how long its file is. */
    static std::pair<juce::int64, juce::int64> regionOf (const PadSettings& pad, juce::int64 fileFrames);

private:
    static std::vector<Slicer::Slice> endingAtFileEnd (std::vector<Slicer::Slice> slices,
                                                       juce::int64 fileFrames);

    int searches = 0;
    std::shared_ptr<bool> lifetime = std::make_shared<bool> (true); // callbacks after destruction check it
    juce::ThreadPool searcher{ 1, 0, juce::Thread::Priority::low }; // last: destroyed (and waited for) first
};

} // namespace paddeck
