#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** juce::JSON::parse behind the checks JUCE 7.0.5's parser lacks: it accumulates an integer's
    digits in an int64 and an exponent's digits in an int without a bound, so a number of more than
    18 digits or an exponent of more than 9 overflows (undefined behaviour, found by fuzzing the set
    and mapping readers); and it reads whatever follows a minus sign as a digit, so "-.35000004000000000000"
    overflowed too. Such text is refused with a message before it reaches the parser. [any] */
class JsonReader
{
public:
    static juce::Result parse (const juce::String& json, juce::var& result);

    /** The parsed value, or a void var when the text is refused or not JSON. */
    static juce::var parseOrVoid (const juce::String& json);

    static constexpr int maxIntegerDigits = 18; // 10^18 - 1 fits an int64 with room for one more digit
    static constexpr int maxExponentDigits = 6; // far beyond a double's ±308, far below an int's 10^9
};

} // namespace paddeck
