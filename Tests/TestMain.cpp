#include "Support/TestServers.h"

#include <gtest/gtest.h>
#include <juce_events/juce_events.h>

int main (int argc, char** argv)
{
    testing::InitGoogleTest (&argc, argv);

    // JUCE connects to the X display when it initialises, so a test that opens a window needs the
    // display before that: every test process gets its own Xvfb (stopped when it exits).
    const auto filter = testing::GTEST_FLAG (filter);
    const bool listingOnly = testing::GTEST_FLAG (list_tests);
    if (! listingOnly && (filter == "*" || filter.find ("PerformerScreen") != std::string::npos))
        paddeck::test::VirtualDisplay::ensureRunning();

    // The test thread is JUCE's message thread: change broadcasters and timers need one.
    juce::ScopedJuceInitialiser_GUI juce;
    return RUN_ALL_TESTS();
}
