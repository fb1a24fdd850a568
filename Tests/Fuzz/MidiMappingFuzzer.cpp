// libFuzzer: the MIDI mapping reader (Model/MidiMapping) on any bytes. A mapping it accepts must
// survive its own writer.
#include "Model/MidiMapping.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    const auto json = juce::String::fromUTF8 (reinterpret_cast<const char*> (data), (int) size);
    paddeck::MidiMapping mapping;

    if (paddeck::MidiMapping::parse (json, mapping).failed())
        return 0;

    paddeck::MidiMapping again;
    if (paddeck::MidiMapping::parse (mapping.toJson(), again).failed())
        std::abort(); // the writer produced a mapping its own reader refuses
    return 0;
}
