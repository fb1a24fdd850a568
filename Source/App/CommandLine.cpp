#include "App/CommandLine.h"

#include <iostream>

namespace paddeck
{

static void printUsage (std::ostream& out)
{
    out << "Usage:\n"
           "  PadDeck                         start the performer's window\n"
           "  PadDeck --screenshot FILE.png   start, wait for audio, save the window as PNG, quit\n"
           "  PadDeck --version               print the version\n";
}

std::optional<int> CommandLine::runHeadlessVerb (const juce::StringArray& args)
{
    if (args.contains (versionFlag))
    {
        std::cout << "PadDeck " << PADDECK_VERSION << " (JUCE " << JUCE_MAJOR_VERSION << "." << JUCE_MINOR_VERSION
                  << "." << JUCE_BUILDNUMBER << ")" << std::endl;
        return 0;
    }

    if (args.contains (helpFlag))
    {
        printUsage (std::cout);
        return 0;
    }

    if (const auto index = args.indexOf (screenshotFlag); index >= 0 && args[index + 1].isEmpty())
    {
        std::cerr << "PadDeck: --screenshot needs a file name\n";
        printUsage (std::cerr);
        return 2;
    }

    return std::nullopt;
}

} // namespace paddeck
