#include "App/CommandLine.h"

#include "Control/OfflineRenderer.h"

#include <juce_events/juce_events.h>

#include <iostream>

namespace paddeck
{

static void printUsage (std::ostream& out)
{
    out << "Usage:\n"
           "  PadDeck [SET.paddeck] [--record] start the performer's window (with that set; a running\n"
           "                                  PadDeck is handed the set instead); --record records the\n"
           "                                  master from the start to the recordings folder\n"
           "  PadDeck --screenshot FILE.png [--play 1,13] [--audio-settings] [--midi-settings] [--learn]\n"
           "                                  start, wait for audio, save the window as PNG, quit\n"
           "                                  (--play fires pads first; --audio-settings and "
           "--midi-settings\n"
           "                                  open those dialogs; --learn shows MIDI learn with the master\n"
           "                                  fader picked)\n"
           "  PadDeck --render SET --midi PERFORMANCE.mid --out OUT.wav [--rate R] [--block N]\n"
           "                                  render a set played by a MIDI file, offline\n"
           "  PadDeck --version               print the version\n";
}

static juce::String valueAfter (const juce::StringArray& args, const juce::String& flag)
{
    const auto index = args.indexOf (flag);
    return index >= 0 ? args[index + 1] : juce::String();
}

static int runRender (const juce::StringArray& args, int index)
{
    const auto cwd = juce::File::getCurrentWorkingDirectory();
    OfflineRenderer::Options options;
    const auto setPath = args[index + 1];
    const auto midiPath = valueAfter (args, "--midi");
    const auto outPath = valueAfter (args, "--out");

    if (setPath.isEmpty() || setPath.startsWith ("--") || midiPath.isEmpty() || outPath.isEmpty())
    {
        std::cerr << "PadDeck: --render needs a set, --midi and --out\n";
        printUsage (std::cerr);
        return 2;
    }

    options.set = cwd.getChildFile (setPath);
    options.midi = cwd.getChildFile (midiPath);
    options.out = cwd.getChildFile (outPath);
    if (args.contains ("--rate"))
        options.sampleRate = valueAfter (args, "--rate").getDoubleValue();
    if (args.contains ("--block"))
        options.blockSize = valueAfter (args, "--block").getIntValue();

    juce::ScopedJuceInitialiser_GUI messageThread; // loaders report back on it; no window is opened
    OfflineRenderer::Report report;
    const auto result = OfflineRenderer::render (options, &report);

    if (result.failed())
    {
        std::cerr << "PadDeck: render failed: " << result.getErrorMessage() << std::endl;
        return 1;
    }

    std::cout << "PadDeck: rendered " << report.frames << " frames (" << report.events << " MIDI events) to "
              << options.out.getFullPathName() << std::endl;
    return 0;
}

juce::File CommandLine::setToOpen (const juce::StringArray& args)
{
    // The one argument that is neither a flag nor a flag's value.
    for (int i = 0; i < args.size(); ++i)
    {
        const auto arg = args[i].unquoted();
        if (arg == screenshotFlag || arg == playFlag)
            ++i;
        else if (!arg.startsWith ("--") && arg.isNotEmpty())
            return juce::File::getCurrentWorkingDirectory().getChildFile (arg);
    }
    return {};
}

std::optional<int> CommandLine::runHeadlessVerb (const juce::StringArray& args)
{
    if (args.contains (versionFlag))
    {
        std::cout << "PadDeck " << PADDECK_VERSION << " (JUCE " << JUCE_MAJOR_VERSION << "."
                  << JUCE_MINOR_VERSION << "." << JUCE_BUILDNUMBER << ")" << std::endl;
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

    if (const auto index = args.indexOf (renderFlag); index >= 0)
        return runRender (args, index);

    return std::nullopt;
}

} // namespace paddeck
