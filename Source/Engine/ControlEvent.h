#pragma once

#include <cstdint>

namespace paddeck
{

/** A small POD from the audio thread to the message thread (audio → message SPSC FIFO): a MIDI
    message for the mapping's controls and MIDI learn, or a bank change the engine made when a
    mapped bank button was hit. */
struct ControlEvent
{
    enum class Type : uint8_t
    {
        midi,
        bankChanged,
    };

    Type type = Type::midi;
    uint8_t size = 0;
    uint8_t bytes[3]{};
    int32_t bank = 0;        // bankChanged: the engine's bank now
    uint32_t bankSerial = 0; // bankChanged: how many bank changes the engine has made so far
};

} // namespace paddeck
