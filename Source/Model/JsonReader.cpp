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

    // Counts the digits of each run outside strings (JUCE quotes them with " or '). JUCE
    // accumulates an integer's digits in an int64 and an exponent's digits in an int, both without
    // a bound; the digits after a decimal point are capped by JUCE itself. It also takes whatever
    // follows a minus sign as a number's first digit ("-.5" reads ".5" as an integer), so a minus
    // sign must be followed by a digit, as JSON requires. Byte by byte: everything JSON's syntax
    // uses is ASCII, and no byte of a multi-byte UTF-8 character is.
    enum class Run
    {
        integer,
        fraction,
        exponent
    };
    const auto isDigit = [] (char c) { return c >= '0' && c <= '9'; };
    const auto isExponentMark = [&] (char mark, char before)
    { return (mark == 'e' || mark == 'E') && (isDigit (before) || before == '.'); };
    const auto failOnLine = [] (int line, const juce::String& what)
    { return juce::Result::fail ("line " + juce::String (line) + " has " + what); };

    char quote = 0, previous = 0, beforePrevious = 0, thirdPrevious = 0;
    bool escaped = false;
    Run run = Run::integer;
    int digits = 0, line = 1;

    for (auto* p = text; *p != 0; ++p)
    {
        const auto c = *p;
        if (c == '\n')
            ++line;

        if (quote != 0)
        {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == quote)
                quote = 0;
        }
        else if (c == '"' || c == '\'')
        {
            quote = c;
            digits = 0;
        }
        else if (isDigit (c))
        {
            if (digits++ == 0)
            {
                const bool exponent = isExponentMark (previous, beforePrevious)
                                      || ((previous == '+' || previous == '-')
                                          && isExponentMark (beforePrevious, thirdPrevious));
                run = exponent                                      ? Run::exponent
                      : previous == '.' && isDigit (beforePrevious) ? Run::fraction
                                                                    : Run::integer;
            }
            if (run == Run::integer && digits > maxIntegerDigits)
                return failOnLine (line,
                                   "a number of more than " + juce::String (maxIntegerDigits) + " digits");
            if (run == Run::exponent && digits > maxExponentDigits)
                return failOnLine (line, "an exponent of more than " + juce::String (maxExponentDigits)
                                             + " digits");
        }
        else
        {
            digits = 0;
            if (c == '-' && !isExponentMark (previous, beforePrevious))
            {
                auto* next = p + 1;
                while (*next == ' ' || *next == '\t' || *next == '\n' || *next == '\r')
                    ++next;
                if (!isDigit (*next))
                    return failOnLine (line, "a minus sign that no digit follows");
            }
        }

        thirdPrevious = beforePrevious;
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
