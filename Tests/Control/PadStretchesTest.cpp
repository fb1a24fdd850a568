#include "Control/Session.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
constexpr double rate = 48000.0;

/** A session whose KeyLock pads get rendered stretches in a temporary cache, and an engine the
    test drives block by block as the audio thread would. */
struct StretchSession
{
    explicit StretchSession (const juce::File& cacheFolder, juce::int64 streamThreshold = 32 * 1024 * 1024)
    {
        engine.prepare (rate, 128);
        loader.setOptions (loadOptions (streamThreshold));
        session.setEngineSampleRate (rate);
        StretchJobs::Options options;
        options.cacheFolder = cacheFolder;
        options.numThreads = 1;
        session.enableStretchRenders (options);
    }

    static LoadOptions loadOptions (juce::int64 streamThreshold)
    {
        LoadOptions o;
        o.engineRate = rate;
        o.streamThresholdBytes = streamThreshold;
        return o;
    }

    void loadKeyLocked (const juce::File& file, int semitones)
    {
        session.loadIntoPad (0, file);
        waitUntil ([this] { return session.isIdle(); });
        auto s = session.getPadSettings (0);
        s.pitchMode = PitchMode::keyLock;
        s.semitones = semitones;
        session.setPadSettings (0, s);
    }

    void waitUntil (const std::function<bool()>& done)
    {
        for (int i = 0; i < 12000 && !done(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (done());
    }

    /** Renders at device pace (the KeyLock workers run ahead in real time). */
    juce::AudioBuffer<float> play (int frames)
    {
        juce::AudioBuffer<float> out (2, frames), block (2, 128);
        juce::MidiBuffer midi;
        for (int pos = 0; pos + 128 <= frames; pos += 128)
        {
            engine.renderBlock (block, midi);
            for (int c = 0; c < 2; ++c)
                out.copyFrom (c, pos, block, c, 0, 128);
            juce::Thread::sleep (2);
        }
        return out;
    }

    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
};
} // namespace

TEST (PadStretches, ASettledPitchIsRenderedAndFoundInTheCacheAfterARestart)
{
    test::TempFolder temp;
    const auto file = test::writeWav (temp / "tone.wav", rate, 2, 96000, test::sine (300.0, rate));
    {
        StretchSession s (temp / "cache");
        s.loadKeyLocked (file, 3);
        s.waitUntil ([&s] { return s.session.getStretches().get (0) != nullptr; });
        EXPECT_EQ (s.session.getStretches().get (0)->pitchRatio, std::pow (2.0, 3.0 / 12.0));
        EXPECT_TRUE (s.session.getStretches().getMessage (0).isEmpty());
        EXPECT_EQ (s.session.getStretches().getJobs()->getRendersMade(), 1);
    }

    // PadDeck started again on the same cache: the pad's render is found, nothing is rendered.
    StretchSession restarted (temp / "cache");
    restarted.loadKeyLocked (file, 3);
    restarted.waitUntil ([&restarted] { return restarted.session.getStretches().get (0) != nullptr; });
    EXPECT_EQ (restarted.session.getStretches().getJobs()->getRendersMade(), 0);
    EXPECT_EQ (restarted.session.getStretches().getJobs()->getCacheHits(), 1);
}

TEST (PadStretches, AnUnwritableCacheIsAMessageOnThePadWhichKeepsPlayingTheRealtimeStretch)
{
    test::TempFolder temp;
    (temp / "not-a-folder").replaceWithText ("x");
    const auto file = test::writeWav (temp / "tone.wav", rate, 2, 96000, test::sine (300.0, rate));

    // Renders too big for RAM (a threshold below the file) have nowhere to go.
    StretchSession s ((temp / "not-a-folder").getChildFile ("cache"), 100000);
    s.loadKeyLocked (file, 3);
    s.waitUntil ([&s] { return s.session.getStretches().getMessage (0).isNotEmpty(); });
    EXPECT_TRUE (s.session.getStretches().getMessage (0).contains ("Stretch cache"))
        << s.session.getStretches().getMessage (0);
    EXPECT_EQ (s.session.getStretches().get (0), nullptr);
    EXPECT_EQ (s.session.getPadStatus (0).state, Session::PadState::loaded) << "the pad is not lost";

    s.session.publishNow();
    s.session.press (0);
    const auto out = s.play (24000);
    const auto target = 300.0 * std::pow (2.0, 3.0 / 12.0);
    EXPECT_NEAR (test::frequencyByZeroCrossings (out.getReadPointer (0), 4800, 24000, rate), target,
                 target * 0.01);
    EXPECT_GT (test::rmsDb (out.getReadPointer (0), 4800, 24000), -12.0);
}

} // namespace paddeck
