#pragma once

#include "Model/MidiMapping.h"

#include <array>
#include <cstdint>

namespace paddeck
{

/** The part of a mapping the audio thread plays itself, so a hit lands on its sample: pad
    triggers, bank changes and stop-all, looked up by channel and note / CC number. Compiled on
    the message thread into the engine snapshot; read-only afterwards. */
struct MidiTriggerMap
{
    struct Action
    {
        enum class Kind : uint8_t
        {
            none,
            pad, // value = pad slot in the bank (row × columns + column)
            bankNext,
            bankPrevious,
            bankSelect, // value = bank
            stopAll,
        };

        Kind kind = Kind::none;
        int16_t value = 0;
    };

    std::array<Action, 16 * 128> notes{}, controllers{};

    /** [audio] channel 1…16. */
    const Action& forNote (int channel, int note) const noexcept { return notes[index (channel, note)]; }
    const Action& forController (int channel, int cc) const noexcept
    {
        return controllers[index (channel, cc)];
    }

    /** Bindings to pads outside a rows × columns grid are left out. */
    static MidiTriggerMap compile (const MidiMapping& mapping, int rows, int columns);

    static size_t index (int channel, int number) noexcept
    {
        return (size_t) (((channel - 1) & 15) * 128 + (number & 127));
    }
};

} // namespace paddeck
