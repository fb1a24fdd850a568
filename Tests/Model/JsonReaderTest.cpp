#include "Model/JsonReader.h"
#include "Model/MidiMapping.h"
#include "Model/SetFile.h"

#include <gtest/gtest.h>

namespace paddeck
{

// Found by SetFileFuzzer and MidiMappingFuzzer: JUCE's JSON parser overflowed an int64 (undefined
// behaviour) on "name": 444444444444444444444444444444444444444444444444444.
TEST (JsonReader, ANumberTooLongForAnInt64IsRefusedByTheSetAndMappingReaders)
{
    const juce::String longNumber = "444444444444444444444444444444444444444444444444444";

    juce::ValueTree set;
    const auto setResult = SetFile::parse (
        R"({"format": "PadDeck set", "version": 1, "name": )" + longNumber + R"(, "banks": []})", set);
    EXPECT_TRUE (setResult.failed());
    EXPECT_TRUE (setResult.getErrorMessage().contains ("more than 18 digits")) << setResult.getErrorMessage();
    EXPECT_FALSE (set.isValid()); // left untouched

    MidiMapping mapping;
    const auto mappingResult = MidiMapping::parse (
        R"({"format": "PadDeck MIDI mapping", "version": 1, "bindings": [{"source": "note", "number": -)"
            + longNumber + R"(, "target": "stopAll"}]})",
        mapping);
    EXPECT_TRUE (mappingResult.failed());
    EXPECT_TRUE (mappingResult.getErrorMessage().contains ("more than 18 digits"))
        << mappingResult.getErrorMessage();
}

// Found by SetFileFuzzer: a lead byte promising more bytes than the text has made the reader walk
// past its end. Such text is refused as not UTF-8; real UTF-8 still reads.
TEST (JsonReader, TextThatIsNotUtf8IsRefusedAndRealUtf8Reads)
{
    const char broken[] = {
        '{', '"', 'n', 'a', 'm', 'e', '"', ':', ' ', '"', 'a', '"', ' ', '\xf5', '\xf5', 0
    };
    juce::ValueTree set;
    const auto result = SetFile::parse (juce::String::fromUTF8 (broken), set);
    EXPECT_TRUE (result.failed());
    EXPECT_TRUE (result.getErrorMessage().contains ("UTF-8")) << result.getErrorMessage();

    juce::var parsed;
    ASSERT_TRUE (
        JsonReader::parse (juce::String::fromUTF8 ("{\"name\": \"Caf\xc3\xa9 \xe2\x99\xab 12\"}"), parsed)
            .wasOk());
    EXPECT_EQ (parsed["name"].toString(), juce::String::fromUTF8 ("Caf\xc3\xa9 \xe2\x99\xab 12"));
}

// Found by SetFileFuzzer in CI: JUCE reads an exponent's digits into an int without a bound, so
// "1e5555555555" overflowed it (undefined behaviour). Such an exponent is refused.
TEST (JsonReader, AnExponentTooLongForAnIntIsRefusedByTheSetReader)
{
    for (const juce::String number : { "1e5555555555", "-2.5E-5555555555", "7e+0000000001" })
    {
        juce::ValueTree set;
        const auto result = SetFile::parse (R"({"format": "PadDeck set", "version": 1, "masterGainDb": )"
                                                + number + R"(, "banks": []})",
                                            set);
        EXPECT_TRUE (result.failed()) << number;
        EXPECT_TRUE (result.getErrorMessage().contains ("exponent of more than 6 digits"))
            << result.getErrorMessage();
        EXPECT_FALSE (set.isValid()) << number;
    }
}

// Found by SetFileFuzzer: JUCE takes whatever follows a minus sign as a number's first digit, so
// the digits of "-.35000004000000000000" were read as an integer and overflowed it. JSON wants a
// digit after a minus sign; so does the reader now. A quote of the other kind inside a string does
// not end it: the digits after it are still counted.
TEST (JsonReader, AMinusSignWithoutADigitIsRefused)
{
    for (const juce::String json :
         { R"({"f": -.3500000400000000000})", R"([- x12])", R"([-])", R"([-.5e1234567])" })
    {
        juce::var result;
        const auto r = JsonReader::parse (json, result);
        EXPECT_TRUE (r.failed()) << json;
        EXPECT_TRUE (r.getErrorMessage().contains ("minus sign")) << r.getErrorMessage();
    }

    juce::var result;
    EXPECT_TRUE (JsonReader::parse (R"(['"', 1234567890123456789012, '"'])", result).failed());
    EXPECT_TRUE (JsonReader::parse (R"(["it's", -1.5e-3, - 2, "a-b"])", result).wasOk());
    EXPECT_EQ ((int) result[2], -2);
}

TEST (JsonReader, NumbersJuceReadsSafelyStillParse)
{
    for (const juce::String number :
         { "123456789012345678", "-123456789012345678", "0.12345678901234567890123", "1.5e300", "2E-308",
           "1e+300", "1e999999", "-3e-000400" })
    {
        juce::var result;
        EXPECT_TRUE (JsonReader::parse ("[" + number + "]", result).wasOk()) << number;
        EXPECT_TRUE (result.isArray()) << number;
    }

    juce::var result;
    EXPECT_TRUE (
        JsonReader::parse (R"({"digits in a string": "12345678901234567890123\"45678901234567890"})", result)
            .wasOk());
    EXPECT_TRUE (JsonReader::parse ("[1234567890123456789]", result).failed());
}

} // namespace paddeck
