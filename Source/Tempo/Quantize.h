#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** Where a quantized hit waits for: the next step of this grid on the engine's beat clock. */
enum class Quantize
{
    off,
    sixteenth,
    eighth,
    beat,
    bar,
    twoBars,
    fourBars,
};

namespace QuantizeGrid
{
/** The grid's step in beats (0 for off). A beat is a quarter note. */
double beats (Quantize q, int beatsPerBar) noexcept;

juce::String toString (Quantize q); // stable names for sets and mappings: "off", "1/16", "1bar", ...
juce::String describe (Quantize q); // what the screen shows: "Off", "1/16", "1 bar", ...
bool parse (const juce::String& text, Quantize& out);

constexpr int numChoices = 7;
} // namespace QuantizeGrid

} // namespace paddeck
