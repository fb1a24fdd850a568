#pragma once

#include <juce_data_structures/juce_data_structures.h>

namespace paddeck
{

/** "Collect samples": copies every sample a set uses into one folder and points the pads at the
    copies, so the set and its folder move to another machine as one. [message] */
namespace SampleCollector
{
struct Report
{
    int copied = 0;            // files copied into the folder
    int reused = 0;            // pads pointed at a file already there (same file, or identical bytes)
    juce::StringArray missing; // files that were not there: their pads are left as they are
    juce::StringArray failed;  // files that could not be copied, with the reason
};

/** Copies into `folder` (created when needed) and repoints the pads of `set`, whose files are
    absolute paths. Files already inside `folder` stay. A different file with a name already taken
    gets a suffix ("kick (2).wav"); a file with the same bytes as one already collected is not
    copied twice. */
Report collect (juce::ValueTree& set, const juce::File& folder);
} // namespace SampleCollector

} // namespace paddeck
