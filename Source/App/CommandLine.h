#pragma once

#include <juce_core/juce_core.h>

#include <optional>

namespace paddeck
{

/** The command-line verbs that run without a window. */
namespace CommandLine
{
constexpr const char* versionFlag = "--version";
constexpr const char* helpFlag = "--help";
constexpr const char* screenshotFlag = "--screenshot";
constexpr const char* renderFlag = "--render";
constexpr const char* playFlag = "--play"; // with --screenshot: pads to fire first, e.g. 1,13
constexpr const char* audioSettingsFlag = "--audio-settings"; // with --screenshot: open the audio dialog
constexpr const char* midiSettingsFlag = "--midi-settings";   // with --screenshot: open the MIDI dialog
constexpr const char* learnFlag = "--learn";   // with --screenshot: MIDI learn on, the master fader picked
constexpr const char* recordFlag = "--record"; // records the master from the start (see Control/Recorder)

/** The set named on the command line (`PadDeck SET.paddeck`, as a file manager starts it), made
    absolute from the working folder; File() when there is none. */
juce::File setToOpen (const juce::StringArray& args);

/** Runs a headless verb if the arguments name one and returns its exit code; otherwise
    returns nothing and the GUI starts. Argument errors print a message and return 2. */
std::optional<int> runHeadlessVerb (const juce::StringArray& args);
} // namespace CommandLine

} // namespace paddeck
