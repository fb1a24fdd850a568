#include "App/CommandLine.h"
#include "App/PadDeckApplication.h"

JUCE_CREATE_APPLICATION_DEFINE (paddeck::PadDeckApplication)

int main (int argc, char* argv[])
{
    juce::StringArray args;

    for (int i = 1; i < argc; ++i)
        args.add (juce::CharPointer_UTF8 (argv[i]));

    if (const auto exitCode = paddeck::CommandLine::runHeadlessVerb (args))
        return *exitCode;

    if (juce::SystemStats::getEnvironmentVariable ("DISPLAY", {}).isEmpty()
        && juce::SystemStats::getEnvironmentVariable ("WAYLAND_DISPLAY", {}).isEmpty())
    {
        std::cerr << "PadDeck needs a display, and this machine has none (DISPLAY is not set).\n"
                     "To see PadDeck here, run it under Xvfb and take a screenshot:\n"
                     "  xvfb-run -a PadDeck --screenshot paddeck.png\n"
                     "or use Builds/Linux/run.sh, which does that for you.\n";
        return 3;
    }

    juce::JUCEApplicationBase::createInstance = &juce_CreateApplication;
    return juce::JUCEApplicationBase::main (argc, (const char**) argv);
}
