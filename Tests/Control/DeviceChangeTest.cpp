#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Model/Identifiers.h"
#include "Support/FakeAudioDevice.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** The engine's device callback, each block waiting for the KeyLock workers first, as --render
    does: what is heard is then the same on a busy machine (KeyLock's realtime capacity is the
    bench's figure, not this test's). Inside the callback, so never while the engine is prepared. */
struct KeyLockPacedCallback : juce::AudioIODeviceCallback
{
    explicit KeyLockPacedCallback (AudioEngine& e)
        : engine (e)
    {
    }

    void audioDeviceIOCallbackWithContext (const float* const* inputs, int numInputs, float* const* outputs,
                                           int numOutputs, int numFrames,
                                           const juce::AudioIODeviceCallbackContext& context) override
    {
        engine.waitForKeyLock (numFrames);
        engine.getDeviceCallback().audioDeviceIOCallbackWithContext (inputs, numInputs, outputs, numOutputs,
                                                                     numFrames, context);
    }
    void audioDeviceAboutToStart (juce::AudioIODevice* device) override
    {
        engine.getDeviceCallback().audioDeviceAboutToStart (device);
    }
    void audioDeviceStopped() override { engine.getDeviceCallback().audioDeviceStopped(); }

    AudioEngine& engine;
};

/** A session playing on a sound card whose rate and buffer size are changed while it plays, the
    way the Audio dialog (juce::AudioDeviceSelectorComponent) changes them: through the device
    manager's setup. The card is FakeAudioDevice (there is none here); what it played is heard. */
struct DeviceChange : ::testing::Test
{
    void SetUp() override
    {
        host.getDeviceManager().addAudioDeviceType (std::make_unique<test::FakeAudioDeviceType>());
        host.setClient (&paced);
        host.onDeviceStarted = [this] (double rate, int)
        { session.setEngineSampleRate (rate); }; // as the app
        ASSERT_TRUE (host.open ({ test::FakeAudioDeviceType::typeName }));
        ASSERT_EQ (session.getEngineSampleRate(), 48000.0);

        // A RAM pad, a KeyLock pad an octave up (its start is a prime made at the engine's rate),
        // a streamed pad (resampled as it plays), each at 48 kHz; and the metronome at 120 BPM.
        const auto ram =
            test::writeWav (temp / "ram.wav", 48000.0, 1, 2 * 48000, test::sine (1000.0, 48000.0));
        const auto streamed =
            test::writeWav (temp / "streamed.wav", 48000.0, 1, 10 * 48000, test::sine (500.0, 48000.0));
        session.loadIntoPad (0, ram);
        session.loadIntoPad (1, ram);
        session.setPadProperty (1, IDs::pitchMode, "keyLock");
        session.setPadProperty (1, IDs::semitones, 12);
        session.loadIntoPad (2, streamed);
        session.setGlobalQuantize (Quantize::off);
        for (int pad = 0; pad < 3; ++pad)
            session.setPadTempo (pad, 0.0); // one-shots: they play at once, unsynced

        // A keylocked loop of 4 beats at 100 BPM synced to the 120 BPM master: stretched by Rubber
        // Band to 0.5 s beats, its 1 kHz kept. Each beat is 0.3 s of tone, then silence.
        const auto beat = 60.0 * 48000.0 / 100.0;
        const auto synced =
            test::writeWav (temp / "synced.wav", 48000.0, 1, (juce::int64) (4 * beat),
                            [tone = test::sine (1000.0, 48000.0), beat] (juce::int64 i, int c)
                            { return std::fmod ((double) i, beat) < 0.3 * 48000.0 ? tone (i, c) : 0.0f; });
        session.loadIntoPad (3, synced);
        session.setPadProperty (3, IDs::playMode, "loop");
        session.setPadProperty (3, IDs::pitchMode, "keyLock");
        ASSERT_TRUE (session.setPadTempo (3, 100.0).wasOk());
        session.setPadProperty (3, IDs::sync, true);
        ASSERT_TRUE (session.setMasterTempo (120.0).wasOk());
        waitUntilIdle();
        ASSERT_TRUE (session.getPadSettings (3).isSynced());
        ASSERT_TRUE (session.getPadStatus (2).sample->isStreamed());
        ASSERT_FALSE (session.getPadStatus (0).sample->isStreamed());
    }

    void TearDown() override { host.close(); }

    static void pump (int ms) { juce::MessageManager::getInstance()->runDispatchLoopUntil (ms); }

    void waitUntilIdle()
    {
        for (int i = 0; i < 1000 && !session.isIdle(); ++i)
            pump (10);
        ASSERT_TRUE (session.isIdle());
        pump (50); // the last load's snapshot is published
    }

    test::FakeAudioDevice& device()
    {
        return *dynamic_cast<test::FakeAudioDevice*> (host.getDeviceManager().getCurrentAudioDevice());
    }

    /** The device's output from now on, for `seconds`, with the pad hit at the start (-1: none). */
    std::vector<float> listen (int pad, double seconds)
    {
        const auto rate = device().getCurrentSampleRate();
        const auto from = device().getFramesCaptured();
        if (pad >= 0)
            session.press (pad);
        const auto frames = (int) (seconds * rate);
        for (int i = 0; i < 1000 && device().getFramesCaptured() < from + frames; ++i)
            pump (10);
        session.stopAll();
        pump (50);
        return device().getCaptured (from, frames);
    }

    /** The pitch of a pad's hit, from 50 ms after it sounds until 0.6 s: its KeyLock prime included. */
    double pitchOf (int pad)
    {
        const auto rate = device().getCurrentSampleRate();
        const auto heard = listen (pad, 0.8);
        const int onset = test::firstAbove (heard.data(), 0, (int) heard.size(), 0.01f);
        if (onset < 0 || onset + (int) (0.6 * rate) > (int) heard.size())
            return 0.0;
        return test::frequencyByZeroCrossings (heard.data(), onset + (int) (0.05 * rate),
                                               onset + (int) (0.6 * rate), rate);
    }

    /** The synced loop's beats as heard: frames from one onset to the next but one (two beats at
        the master tempo), and the pitch inside a beat. */
    std::pair<int, double> syncedBeats()
    {
        const auto rate = device().getCurrentSampleRate();
        const auto heard = listen (3, 2.0);
        // Onsets: sound after at least 50 ms of silence (the gap between two beats).
        std::vector<int> onsets;
        int lastSound = -(int) rate;
        for (int i = 0; i < (int) heard.size(); ++i)
        {
            const auto level = std::abs (heard[(size_t) i]);
            if (level > 0.02f)
            {
                if (i - lastSound > (int) (0.05 * rate))
                    onsets.push_back (i);
                lastSound = i;
            }
        }
        // From the second onset on: Rubber Band's smear makes each heard a little early, alike.
        if (onsets.size() < 4)
            return { -1, 0.0 };
        const int first = onsets[1];
        const int third = onsets[3];
        const auto pitch = test::frequencyByZeroCrossings (heard.data(), first + (int) (0.05 * rate),
                                                           first + (int) (0.2 * rate), rate);
        return { third - first, pitch };
    }

    /** Frames from one metronome click to the next. */
    int clickSpacing()
    {
        const auto rate = device().getCurrentSampleRate();
        const auto heard = listen (-1, 1.3);
        const int first = test::firstAbove (heard.data(), 0, (int) heard.size(), 0.05f);
        if (first < 0)
            return -1;
        const int second =
            test::firstAbove (heard.data(), first + (int) (0.2 * rate), (int) heard.size(), 0.05f);
        return second < 0 ? -1 : second - first;
    }

    test::TempSettings settings;
    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader{ []
                         {
                             LoadOptions options;
                             options.streamThresholdBytes =
                                 1024 * 1024; // the 10 s file streams, the 2 s one is in RAM
                             return options;
                         }() };
    Session session{ engine, loader };
    KeyLockPacedCallback paced{ engine };
    AudioDeviceHost host{ settings.settings };
};

TEST_F (DeviceChange, ARateAndBufferChangeWhilePlayingIsFollowedByEverythingThatDependsOnTheRate)
{
    const std::pair<double, int> setups[] = { { 48000.0, 128 }, { 44100.0, 256 }, { 96000.0, 512 } };
    for (const auto& [rate, block] : setups)
    {
        SCOPED_TRACE (juce::String (rate) + " Hz, " + juce::String (block) + " frames");
        if (device().getCurrentSampleRate() != rate)
        {
            // Changed while pads play (a stream, the synced loop), as the performer would in the dialog.
            session.press (2);
            session.press (3);
            pump (200);
            auto setup = host.getDeviceManager().getAudioDeviceSetup();
            setup.sampleRate = rate;
            setup.bufferSize = block;
            ASSERT_EQ (host.getDeviceManager().setAudioDeviceSetup (setup, true), juce::String());
            for (int i = 0; i < 500 && session.getEngineSampleRate() != rate; ++i)
                pump (10);
            waitUntilIdle();
            session.stopAll();
            pump (50);
        }
        EXPECT_EQ (device().getCurrentSampleRate(), rate);
        EXPECT_EQ (device().getCurrentBufferSizeSamples(), block);
        EXPECT_EQ (host.getStatus().sampleRate, rate);
        EXPECT_EQ (host.getStatus().bufferSize, block);
        EXPECT_EQ (session.getEngineSampleRate(), rate) << "RAM samples are made again at the new rate";
        EXPECT_EQ (session.getPadStatus (0).sample->getSampleRate(), rate);

        EXPECT_NEAR (pitchOf (0), 1000.0, 10.0) << "a RAM pad";
        EXPECT_NEAR (pitchOf (1), 2000.0, 20.0) << "a KeyLock pad an octave up, from its first frames";
        EXPECT_NEAR (pitchOf (2), 500.0, 5.0) << "a streamed pad";

        const auto [twoBeats, syncedPitch] = syncedBeats();
        EXPECT_NEAR (twoBeats, rate, rate * 0.01) << "a synced loop's stretch: two beats at 120 BPM";
        EXPECT_NEAR (syncedPitch, 1000.0, 20.0) << "a synced KeyLock loop keeps its pitch";

        session.setMetronome (true);
        EXPECT_NEAR (clickSpacing(), rate / 2.0, 2.0) << "the beat clock: 120 BPM at the device's rate";
        session.setMetronome (false);
    }
    EXPECT_EQ (host.getStatus().reconnects, 0) << "a change made in the dialog is no device lost";
}

TEST_F (DeviceChange, NoneChosenInTheDialogIsNotADeviceLost)
{
    auto setup = host.getDeviceManager().getAudioDeviceSetup();
    setup.outputDeviceName = {};
    ASSERT_EQ (host.getDeviceManager().setAudioDeviceSetup (setup, true), juce::String());
    pump (1000);
    EXPECT_FALSE (host.getStatus().isOpen);
    EXPECT_FALSE (host.getStatus().lost);
    EXPECT_EQ (host.getDeviceManager().getCurrentAudioDevice(), nullptr)
        << "not opened again behind the performer";
}

} // namespace paddeck
