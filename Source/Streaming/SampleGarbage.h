#pragma once

#include "Streaming/Sample.h"

#include <juce_events/juce_events.h>

#include <vector>

namespace paddeck
{

class StreamingThread;

/** Where the engine drops samples it no longer needs, so a Sample is never destroyed on the audio
    thread nor while a reader or the streaming thread may still touch it.

    Protocol for the engine:
    - Hold every playable sample as a Sample::Ptr in the snapshot the audio thread reads; readers
      get a plain Sample& in start() and own nothing.
    - To drop a sample, swap in a snapshot without it, and once the audio thread has taken the new
      snapshot, hand the old snapshot's Ptr to release() on the message thread.
    - Call collect() regularly (startTimer() does it every 250 ms). A sample is freed only when
      this pool holds its last reference, no reader plays it (its user count, which start()/stop()
      keep on the audio thread, is zero) and the streaming thread has since completed two passes
      (so no pass still uses a pointer read before the last voice stopped).
    [message] only. */
class SampleGarbage : private juce::Timer
{
public:
    explicit SampleGarbage (StreamingThread& streamingThread);
    ~SampleGarbage() override;

    void release (Sample::Ptr sample);
    /** Frees what is safe to free; returns how many samples were freed. */
    int collect();
    int getNumPending() const noexcept { return (int) pending.size(); }

    void startCollecting (int intervalMs = 250) { startTimer (intervalMs); }

private:
    void timerCallback() override { collect(); }

    struct Entry
    {
        Sample::Ptr sample;
        bool idle = false;
        juce::uint64 idleSincePass = 0;
    };

    StreamingThread& streamingThread;
    std::vector<Entry> pending;
};

} // namespace paddeck
