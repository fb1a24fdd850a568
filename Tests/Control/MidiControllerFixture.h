#pragma once

#include "Control/MidiController.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** A session on an engine rendered by hand: MIDI goes through the engine (which plays the
    triggers and passes the rest on), then the controller takes it, as in the app. */
struct MidiControllerFixture : ::testing::Test
{
    void SetUp() override
    {
        engine.prepare (48000.0, block);
        tone = test::writeWav (temp / "tone.wav", 48000.0, 1, 48000, test::sine (440.0, 48000.0));
        click = test::writeWav (temp / "click.wav", 48000.0, 1, 4800,
                                [] (juce::int64 i, int) { return i < 48 ? 0.5f : 0.0f; });
    }

    void waitForLoads()
    {
        for (int i = 0; i < 500 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (5);
        ASSERT_TRUE (session.isIdle());
        session.publishNow();
    }

    /** One block with these messages at these offsets, then the controller's turn. */
    juce::AudioBuffer<float> play (std::vector<std::pair<int, juce::MidiMessage>> messages = {})
    {
        juce::AudioBuffer<float> out (2, block);
        juce::MidiBuffer midiBlock;
        session.publishNow(); // what the model says now, as the message loop would have published
        for (auto& [offset, m] : messages)
            midiBlock.addEvent (m, offset);
        engine.renderBlock (out, midiBlock);
        controller.processPending();
        session.publishNow();
        return out;
    }

    void send (const juce::MidiMessage& m) { play ({ { 0, m } }); }

    float eqLowDb (int pad = 0) const { return session.getPadSettings (pad).eqLowDb; }

    static juce::MidiMessage cc (int number, int value, int channel = 1)
    {
        return juce::MidiMessage::controllerEvent (channel, number, value);
    }

    const int block = 256;
    test::TempFolder temp;
    juce::File tone, click;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    MidiController controller{ session };
};

} // namespace paddeck
