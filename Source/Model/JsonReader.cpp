#include "Model/JsonReader.h"

namespace paddeck
{

juce::Result JsonReader::parse (const juce::String& json, juce::var& result)
{
    // Counts the leading digits of each number outside strings; a fraction's or an exponent's
    // digits are read as a double by JUCE and cannot overflow.
    bool inString = false, escaped = false;
    juce::juce_wchar previous = 0, beforePrevious = 0;
    int digits = 0, line = 1;
    bool countingInteger = false;

    for (auto p = json.getCharPointer(); !p.isEmpty(); ++p)
    {
        const auto c = *p;
        if (c == '\n')
            ++line;

        if (inString)
        {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        }
        else if (c == '"')
        {
            inString = true;
            digits = 0;
        }
        else if (c >= '0' && c <= '9')
        {
            if (digits++ == 0)
            {
                const bool afterExponentSign =
                    (previous == '+' || previous == '-') && (beforePrevious == 'e' || beforePrevious == 'E');
                countingInteger =
                    !(previous == '.' || previous == 'e' || previous == 'E' || afterExponentSign);
            }
            if (countingInteger && digits > maxIntegerDigits)
                return juce::Result::fail ("line " + juce::String (line) + " has a number of more than "
                                           + juce::String (maxIntegerDigits) + " digits");
        }
        else
        {
            digits = 0;
        }

        beforePrevious = previous;
        previous = c;
    }

    return juce::JSON::parse (json, result);
}

juce::var JsonReader::parseOrVoid (const juce::String& json)
{
    juce::var result;
    return parse (json, result).wasOk() ? result : juce::var();
}

} // namespace paddeck
