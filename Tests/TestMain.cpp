#include <gtest/gtest.h>
#include <juce_events/juce_events.h>

int main (int argc, char** argv)
{
    testing::InitGoogleTest (&argc, argv);
    // The test thread is JUCE's message thread: change broadcasters and timers need one.
    juce::ScopedJuceInitialiser_GUI juce;
    return RUN_ALL_TESTS();
}
