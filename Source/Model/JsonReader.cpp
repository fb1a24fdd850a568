#include "Model/JsonReader.h"

namespace paddeck
{

juce::Result JsonReader::parse (const juce::String& json, juce::var& result)
{
    // A String holds whatever bytes it was made from; JUCE's parser walks them as UTF-8 and, on a
    // lead byte that promises more bytes than there are, walks past the end (found by fuzzing).
    const auto* text = json.toRawUTF8();
    if (!juce::CharPointer_UTF8::isValidString (text, (int) json.getNumBytesAsUTF8()))
        return juce::Result::fail ("the text is not valid UTF-8");

    // Counts the digits of each run outside strings. JUCE accumulates an integer part's digits in
    // an int64 and an exponent's digits in an int, both without a bound; a fraction's digits are
    // capped by JUCE itself. Byte by byte: everything JSON's syntax uses is ASCII, and no byte of a
    // multi-byte UTF-8 character is.
    enum class Run { integer, fraction, exponent };
    bool inString = false, escaped = false;
    Run run = Run::integer;
    char previous = 0, beforePrevious = 0;
    int digits = 0, line = 1;

    for (auto* p = text; *p != 0; ++p)
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
                run = previous == '.' ? Run::fraction
                    : (previous == 'e' || previous == 'E' || afterExponentSign) ? Run::exponent
                                                                                 : Run::integer;
            }
            if (run == Run::integer && digits > maxIntegerDigits)
                return juce::Result::fail ("line " + juce::String (line) + " has a number of more than "
                                           + juce::String (maxIntegerDigits) + " digits");
            if (run == Run::exponent && digits > maxExponentDigits)
                return juce::Result::fail ("line " + juce::String (line) + " has an exponent of more than "
                                           + juce::String (maxExponentDigits) + " digits");
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
