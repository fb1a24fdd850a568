#include "Tempo/Quantize.h"

namespace paddeck
{

static const char* const quantizeNames[] = { "off", "1/16", "1/8", "1/4", "1bar", "2bars", "4bars" };
static const char* const quantizeLabels[] = { "Off", "1/16", "1/8", "1/4", "1 bar", "2 bars", "4 bars" };

double QuantizeGrid::beats (Quantize q, int beatsPerBar) noexcept
{
    switch (q)
    {
        case Quantize::sixteenth:
            return 0.25;
        case Quantize::eighth:
            return 0.5;
        case Quantize::beat:
            return 1.0;
        case Quantize::bar:
            return (double) beatsPerBar;
        case Quantize::twoBars:
            return 2.0 * beatsPerBar;
        case Quantize::fourBars:
            return 4.0 * beatsPerBar;
        case Quantize::off:
            break;
    }
    return 0.0;
}

juce::String QuantizeGrid::toString (Quantize q) { return quantizeNames[(int) q]; }

juce::String QuantizeGrid::describe (Quantize q) { return quantizeLabels[(int) q]; }

bool QuantizeGrid::parse (const juce::String& text, Quantize& out)
{
    for (int i = 0; i < numChoices; ++i)
        if (text == quantizeNames[i])
            return (out = (Quantize) i), true;
    return false;
}

} // namespace paddeck
