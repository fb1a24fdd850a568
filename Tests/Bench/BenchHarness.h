#pragma once

#include <juce_core/juce_core.h>

#include <functional>

namespace paddeck::bench
{

/** How a figure is run: quick (seconds, for the test suite) or full; where to keep generated audio. */
struct BenchContext
{
    bool quick = false;
    juce::File dataDir;
    double sampleRate = 48000.0;
};

/** One line of PadDeckBench's output: {"figure", "value", "unit", "target", ...details}. */
struct Figure
{
    juce::String name;
    double value = 0.0;
    juce::String unit;
    juce::var target; // a number, a string like "<= 300", or void
    juce::NamedValueSet details;

    juce::String toJson() const;
};

using FigureFunction = std::function<std::vector<Figure> (const BenchContext&)>;

/** Registers a group of figures at static-initialisation time. `names` are the figures it reports,
    so `--filter NAME` can pick the group that makes NAME. */
struct Registration
{
    Registration (juce::StringArray names, FigureFunction run);
};

/** Current resident memory (VmRSS) of this process, in MB. */
double currentRssMb();

} // namespace paddeck::bench
