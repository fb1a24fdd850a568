#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

namespace paddeck
{

/** A Standard MIDI File as note events on a sample timeline (tempo map applied, all tracks
    merged), ready to be cut into blocks for offline rendering. [any, not audio] */
class MidiPerformance
{
public:
    /** Reads a .mid file; on failure returns an error naming the file and the problem. */
    juce::Result load (const juce::File& file, double sampleRate);

    /** Adds the events in [blockStart, blockStart + numFrames) at their offsets within the block. */
    void fillBlock (juce::int64 blockStart, int numFrames, juce::MidiBuffer& block) const;

    juce::int64 getLastEventFrame() const noexcept { return lastEventFrame; }
    int getNumEvents() const noexcept { return (int) events.size(); }

private:
    struct TimedEvent
    {
        juce::int64 frame;
        juce::MidiMessage message;
    };

    std::vector<TimedEvent> events; // sorted by frame
    juce::int64 lastEventFrame = 0;
};

} // namespace paddeck
