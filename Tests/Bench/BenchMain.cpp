#include "BenchHarness.h"

#include <juce_events/juce_events.h>

#include <iostream>

namespace paddeck::bench
{

namespace
{
struct Group
{
    juce::StringArray names;
    FigureFunction run;
};

std::vector<Group>& groups()
{
    static std::vector<Group> all;
    return all;
}
} // namespace

Registration::Registration (juce::StringArray names, FigureFunction run)
{
    groups().push_back ({ std::move (names), std::move (run) });
}

juce::String Figure::toJson() const
{
    auto* obj = new juce::DynamicObject();
    obj->setProperty ("figure", name);
    obj->setProperty ("value", std::isfinite (value) ? juce::var (value) : juce::var());
    obj->setProperty ("unit", unit);
    obj->setProperty ("target", target);
    for (auto& d : details)
        obj->setProperty (d.name, d.value);
    return juce::JSON::toString (juce::var (obj), true);
}

double currentRssMb()
{
    const auto status = juce::File ("/proc/self/status").loadFileAsString();
    for (auto& line : juce::StringArray::fromLines (status))
        if (line.startsWith ("VmRSS:"))
            return line.fromFirstOccurrenceOf (":", false, false).trim().getDoubleValue() / 1024.0;
    return 0.0;
}

} // namespace paddeck::bench

int main (int argc, char** argv)
{
    using namespace paddeck::bench;
    juce::ScopedJuceInitialiser_GUI juceInit; // message thread for the engine's graph

    BenchContext context;
    juce::String filter;
    juce::File jsonOut;
    context.dataDir =
        juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile ("paddeck-bench");

    for (int i = 1; i < argc; ++i)
    {
        const juce::String arg (argv[i]);
        if (arg == "--quick")
            context.quick = true;
        else if (arg == "--filter" && i + 1 < argc)
            filter = argv[++i];
        else if (arg == "--json-out" && i + 1 < argc)
            jsonOut = juce::File::getCurrentWorkingDirectory().getChildFile (argv[++i]);
        else if (arg == "--data-dir" && i + 1 < argc)
            context.dataDir = juce::File::getCurrentWorkingDirectory().getChildFile (argv[++i]);
        else
        {
            std::cerr
                << "Usage: PadDeckBench [--quick] [--filter FIGURE] [--json-out FILE] [--data-dir DIR]\n";
            return 2;
        }
    }

    context.dataDir.createDirectory();
    juce::StringArray lines;
    bool matched = false;

    for (auto& group : groups())
    {
        if (filter.isNotEmpty() && !group.names.contains (filter))
            continue;
        matched = true;

        for (auto& figure : group.run (context))
        {
            if (filter.isNotEmpty() && figure.name != filter && !group.names.contains (figure.name))
                continue;
            const auto line = figure.toJson();
            std::cout << line << std::endl;
            lines.add (line);
        }
    }

    if (!matched)
    {
        std::cerr << "PadDeckBench: no figure named " << filter << "\n";
        return 2;
    }

    if (jsonOut != juce::File() && !jsonOut.replaceWithText (lines.joinIntoString ("\n") + "\n"))
    {
        std::cerr << "PadDeckBench: could not write " << jsonOut.getFullPathName() << "\n";
        return 1;
    }
    return 0;
}
