// libFuzzer: the set reader (Model/SetFile) on any bytes. A set it accepts must survive its own
// writer: toJson() of what parse() built parses again to the same tree.
#include "Model/SetFile.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    const auto json = juce::String::fromUTF8 (reinterpret_cast<const char*> (data), (int) size);
    juce::ValueTree set;

    if (paddeck::SetFile::parse (json, set).failed())
        return 0;

    const auto setFile = juce::File ("/nonexistent/fuzz.paddeck");
    juce::ValueTree again;
    if (paddeck::SetFile::parse (paddeck::SetFile::toJson (set, setFile), again).failed())
        std::abort(); // the writer produced a set its own reader refuses
    return 0;
}
