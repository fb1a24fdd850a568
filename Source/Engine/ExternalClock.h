#pragma once

#include "Tempo/BeatClock.h"

#include <cstdint>

namespace paddeck
{

/** The outside world's side of the engine's beat clock: what the clock follows (Ableton Link,
    MIDI clock in) and who is told where its beats fall (MIDI clock out). Implemented in Sync/,
    which owns the network and the MIDI devices; the engine only calls it, at each block's start,
    on the audio thread. Every function must be wait-free and allocation-free. */
class ExternalClock
{
public:
    virtual ~ExternalClock() = default;

    /** The block about to be rendered, on the engine's timeline. */
    struct Block
    {
        std::int64_t sample = 0; // the timeline sample of its first frame
        int numFrames = 0;
        double sampleRate = 48000.0;
    };

    /** Where the outside clock is when the block's first frame is heard. */
    struct Target
    {
        double bpm = 120.0;
        double beat = 0.0;    // the outside beat then
        double quantum = 0.0; // the cycle whose phase lines up (beats per bar); <= 0: the tempo only
    };

    /** [audio] False when nothing outside leads: the engine keeps the set's tempo. */
    virtual bool follow (const Block& block, const BeatClock& clock, Target& target) noexcept = 0;

    /** [audio] The clock is settled for the block (after follow, before any event): the beats
        that fall in it can be announced. */
    virtual void clockSettled (const Block& block, const BeatClock& clock) noexcept = 0;
};

} // namespace paddeck
