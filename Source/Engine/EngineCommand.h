#pragma once

#include <cstdint>

namespace paddeck
{

/** A small POD command from the message thread (UI, keyboard, MIDI learn) to the audio thread.
    Applied at its sample offset within the block it arrives in. */
struct EngineCommand
{
    enum class Type : uint8_t
    {
        padPress,   // pad, value = velocity 0…1
        padRelease, // pad
        stopPad,    // pad
        stopAll,
        nudge,          // value: −1 slower, +1 faster while held, 0 released
        previewPress,   // pad, value = velocity: plays in the cue only, at once
        previewRelease, // pad: lets go of its preview (gate modes)
        previewHold,    // value 1: MIDI pad triggers preview from now on; 0: they hit again
    };

    Type type = Type::stopAll;
    int32_t pad = -1;   // index into the snapshot's pads
    float value = 0.0f; // velocity for padPress
    int32_t offset = 0; // frame within the block; commands from the UI use 0 ("as soon as possible")

    static EngineCommand press (int pad, float velocity, int offset = 0)
    {
        return { Type::padPress, pad, velocity, offset };
    }
    static EngineCommand release (int pad, int offset = 0) { return { Type::padRelease, pad, 0.0f, offset }; }
    static EngineCommand stop (int pad) { return { Type::stopPad, pad, 0.0f, 0 }; }
    static EngineCommand stopEverything() { return { Type::stopAll, -1, 0.0f, 0 }; }
    static EngineCommand preview (int pad, float velocity)
    {
        return { Type::previewPress, pad, velocity, 0 };
    }
    static EngineCommand releasePreview (int pad) { return { Type::previewRelease, pad, 0.0f, 0 }; }
    static EngineCommand holdPreview (bool held) { return { Type::previewHold, -1, held ? 1.0f : 0.0f, 0 }; }
    static EngineCommand nudge (int direction) { return { Type::nudge, -1, (float) direction, 0 }; }
};

} // namespace paddeck
