#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** How many frames a FLAC file really holds. Its header may claim anything (a damaged or hand-made
    file can claim hours in a hundred bytes), and a decoder asked for frames that are not there
    seeks through the file again for every read: a loader would spin for minutes on silence. The
    claim is kept only when the frame holding its last sample decodes; otherwise the frames are
    counted by decoding the file once, which ends at the file's end. Any thread. */
class FlacLength
{
public:
    /** The frames that decode, at most `claimed` when claimed > 0; -1 when libFLAC cannot read
        the file at all. */
    static juce::int64 measure (const juce::File& file, juce::int64 claimed);
};

} // namespace paddeck
