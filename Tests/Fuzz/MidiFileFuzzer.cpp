// libFuzzer: the Standard MIDI File reader behind --render (Engine/MidiPerformance) on any bytes,
// then the performance cut into blocks as the offline renderer cuts it.
#include "Engine/MidiPerformance.h"
#include "FuzzInputFile.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    const auto file = paddeck::fuzz::writeInput ("mid", data, size);
    paddeck::MidiPerformance performance;

    if (performance.load (file, 48000.0).failed())
        return 0;

    // The first blocks, and the blocks around the last event however far away it is.
    constexpr int block = 4096;
    juce::MidiBuffer midi;
    const auto last = performance.getLastEventFrame();
    for (const auto from : { juce::int64{ 0 }, juce::jmax (juce::int64{ 0 }, last - 16 * block) })
        for (int i = 0; i < 32; ++i)
        {
            midi.clear();
            performance.fillBlock (from + i * block, block, midi);
            for (const auto event : midi)
                if (!juce::isPositiveAndBelow (event.samplePosition, block))
                    std::abort(); // an event outside its block
        }
    return 0;
}
