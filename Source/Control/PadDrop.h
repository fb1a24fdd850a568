#pragma once

#include "Control/Session.h"

namespace paddeck
{

/** Where files dropped on the pad grid go, worked out before they are dropped so the grid can
    light exactly the pads they will fill while the performer drags.

    A drop goes where it visibly lands: onto the pad under the pointer, and on from there in the
    bank that is shown, never into a bank out of sight. One file aimed at a pad replaces what the
    pad holds (the pad is lit as a replacement while dragging, and Undo gives it back); several
    files fill only the empty pads from there on and name the loaded ones they left alone, since a
    batch that overwrote loaded pads one by one is never what a performer means. A drop that
    misses every pad loads nothing and says where to drop. [message] */
class PadDrop
{
public:
    /** The files of a drag: folders opened (one level), sorted by name; what is not audio is set
        aside by name. */
    struct Files
    {
        juce::Array<juce::File> audio;
        juce::StringArray notAudio;
    };
    static Files expand (const juce::StringArray& paths);

    struct Plan
    {
        juce::Array<std::pair<int, juce::File>> loads; // global pad index, file
        bool replaces = false;                         // one file onto a loaded pad
        juce::StringArray keptLoaded;                  // pads a batch left alone ("A3")
        juce::StringArray noRoom;                      // files past the shown bank's last pad
        juce::StringArray notAudio;
        bool missed = false; // dropped on no pad

        bool fills (int index) const;
    };

    /** The plan for dropping `files` onto pad `padInBank` of `bank` (-1: on no pad). */
    static Plan plan (const Session& session, int bank, int padInBank, const Files& files);

    /** What the performer is told after the drop (empty when there is nothing to say). */
    static juce::String describe (const Session& session, const Plan& plan);
};

} // namespace paddeck
