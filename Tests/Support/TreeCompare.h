#pragma once

#include <gtest/gtest.h>
#include <juce_data_structures/juce_data_structures.h>

namespace paddeck::test
{

/** Compares two ValueTrees property by property and child by child; a failure names the first
    node and property that differ. */
inline ::testing::AssertionResult sameTree (const juce::ValueTree& expected, const juce::ValueTree& actual,
                                            const juce::String& path = "SET")
{
    if (expected.getType() != actual.getType())
        return ::testing::AssertionFailure()
               << path << ": type " << expected.getType().toString() << " != " << actual.getType().toString();
    if (expected.getNumProperties() != actual.getNumProperties())
        return ::testing::AssertionFailure() << path << ": " << expected.getNumProperties()
                                             << " properties, got " << actual.getNumProperties() << "\n"
                                             << actual.toXmlString();
    for (int i = 0; i < expected.getNumProperties(); ++i)
    {
        const auto name = expected.getPropertyName (i);
        if (!actual.hasProperty (name) || expected[name] != actual[name])
            return ::testing::AssertionFailure()
                   << path << "." << name.toString() << ": expected \"" << expected[name].toString()
                   << "\", got \"" << actual[name].toString() << "\"";
    }
    if (expected.getNumChildren() != actual.getNumChildren())
        return ::testing::AssertionFailure()
               << path << ": " << expected.getNumChildren() << " children, got " << actual.getNumChildren();
    for (int c = 0; c < expected.getNumChildren(); ++c)
        if (auto r = sameTree (expected.getChild (c), actual.getChild (c), path + "/" + juce::String (c)); !r)
            return r;
    return ::testing::AssertionSuccess();
}

inline juce::MemoryBlock bytesOf (const juce::File& file)
{
    juce::MemoryBlock block;
    file.loadFileAsData (block);
    return block;
}

} // namespace paddeck::test
