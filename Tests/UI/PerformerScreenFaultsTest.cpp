#include "Model/Identifiers.h"
#include "Support/TreeCompare.h"
#include "UI/LiveScreen.h"

#include <gtest/gtest.h>

#include <iostream>

namespace paddeck
{

using test::pumpUntil;

/** The performer's screen on a real jackd -d dummy that dies while pads play, and comes back. */
struct PerformerScreenFaults : test::LiveScreen
{
};

TEST_F (PerformerScreenFaults, TheAudioServerDiesWhilePadsPlayAndPadDeckReconnectsByItselfAndPlaysOn)
{
    const auto loop = test::writeWav (temp / "loop.wav", 48000.0, 1, 96000, test::sine (440.0, 48000.0));
    session.loadIntoPad (0, loop);
    session.setPadProperty (0, IDs::playMode, "loop");
    session.loadIntoPad (1, loop);
    session.setPadProperty (1, IDs::pitchMode, "keyLock");
    session.setPadProperty (1, IDs::playMode, "loop");
    session.setGlobalQuantize (Quantize::off);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    ASSERT_TRUE (pumpUntil ([&] { return host.getStatus().callbacks > 50; }, 30000));

    session.press (0);
    session.press (1);
    ASSERT_TRUE (pumpUntil ([&] { return engine.getMeters().activeVoices.load() == 2; }));

    screen->getPadGrid().selectPad (1);
    screen->refresh();
    const auto set = session.getSet().createCopy();
    const bool dirty = session.isDirty();
    const auto& strip = screen->getStatusStrip();

    // jackd dies (SIGKILL) with both pads playing.
    const auto killedAt = juce::Time::getMillisecondCounterHiRes();
    jack.crash();
    ASSERT_TRUE (pumpUntil ([&] { return strip.getText().contains ("AUDIO LOST"); }, 30000))
        << strip.getText().toStdString();
    const auto saidAt = juce::Time::getMillisecondCounterHiRes();
    EXPECT_TRUE (strip.getText().contains ("The JACK server stopped")) << strip.getText();
    EXPECT_TRUE (strip.getDetailsAt ({ 20, 15 }).contains ("opens it again by itself"));

    // While it is gone, the screen works and the set is as it was.
    pumpUntil ([] { return false; }, 1000);
    EXPECT_TRUE (host.getStatus().lost);
    EXPECT_TRUE (test::sameTree (set, session.getSet()));
    EXPECT_EQ (session.isDirty(), dirty);
    EXPECT_EQ (screen->getPadEditor().getPad(), 1);
    EXPECT_EQ (screen->getPadGrid().getPadComponent (0)->getView().name, "loop");

    // A server is back, at another rate and period: PadDeck finds it by itself.
    const auto restartedAt = juce::Time::getMillisecondCounterHiRes();
    ASSERT_TRUE (jack.restart (44100, 256));
    const auto answersAt = juce::Time::getMillisecondCounterHiRes();
    ASSERT_TRUE (pumpUntil ([&] { return host.getStatus().isOpen && host.getStatus().callbacks > 0; }, 30000))
        << strip.getText().toStdString();
    const auto playingAt = juce::Time::getMillisecondCounterHiRes();
    std::cout << "[ figures  ] the strip said AUDIO LOST " << juce::roundToInt (saidAt - killedAt)
              << " ms after jackd was killed; callbacks again " << juce::roundToInt (playingAt - answersAt)
              << " ms after the new jackd answered (" << juce::roundToInt (playingAt - restartedAt)
              << " ms after it was started)" << std::endl;

    ASSERT_TRUE (pumpUntil ([&] { return session.getEngineSampleRate() == 44100.0 && session.isIdle(); }))
        << "the session follows the new rate";
    screen->refresh();
    EXPECT_TRUE (strip.getText().contains ("RATE 44.1 kHz")) << strip.getText();
    EXPECT_TRUE (strip.getText().contains ("BUFFER 256")) << strip.getText();
    EXPECT_TRUE (strip.getText().contains (juce::String::fromUTF8 ("RECONNECTED 1\u00d7")))
        << strip.getText();
    EXPECT_EQ (host.getStatus().reconnects, 1);
    EXPECT_TRUE (test::sameTree (set, session.getSet())) << "a device fault never touches the set";
    EXPECT_EQ (session.isDirty(), dirty);

    // And it plays on: both pads sound when hit, the keylocked one too.
    EngineMeters::takePeak (engine.getMeters().masterPeakLeft);
    session.press (0);
    session.press (1);
    EXPECT_TRUE (pumpUntil (
        [&] {
            return engine.getMeters().activeVoices.load() == 2
                   && engine.getMeters().masterPeakLeft.load() > 0.3f;
        }));
    EXPECT_EQ (session.getPadStatus (0).sample->getSampleRate(), 44100.0);
}

} // namespace paddeck
