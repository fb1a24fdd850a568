#include "Control/MidiControllerFixture.h"
#include "Model/ControlRanges.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST_F (MidiControllerFixture, LearnBindsACcToAKnobAndANoteToAPad)
{
    session.loadIntoPad (5, click); // row 1, column 1 of the 4x4 grid
    waitForLoads();

    controller.setLearning (true);
    controller.setLearnTarget (MidiTarget{ MidiTarget::Type::padEqLow, 0, 0 });
    send (juce::MidiMessage::noteOn (1, 70, 1.0f)); // a note can't drive a knob: still waiting
    EXPECT_TRUE (controller.getLearnTarget().has_value());
    send (cc (21, 64, 3));
    ASSERT_FALSE (controller.getLearnTarget().has_value());
    ASSERT_TRUE (controller.getLastLearned().has_value());
    EXPECT_EQ (controller.getLastLearned()->source.number, 21);
    EXPECT_EQ (controller.getLastLearned()->source.channel, 3);

    controller.setLearnTarget (MidiTarget{ MidiTarget::Type::padTrigger, 1, 1 });
    send (juce::MidiMessage::noteOn (2, 61, 1.0f));
    controller.setLearning (false);

    const auto& mapping = controller.getMapping();
    const auto eq = mapping.indexOf ({ MidiTarget::Type::padEqLow, 0, 0 });
    ASSERT_GE (eq, 0);
    EXPECT_EQ (mapping.bindings[(size_t) eq].source.type, MidiSource::Type::controller);
    ASSERT_GE (mapping.indexOf ({ MidiTarget::Type::padTrigger, 1, 1 }), 0);

    // The CC now moves the low EQ of pad 1 (it sits at 0 dB, where CC 64 is)...
    send (cc (21, 0, 3));
    EXPECT_FLOAT_EQ (eqLowDb(), PadSettings::eqMinDb) << "64 caught it, 0 turns it all the way down";
    send (cc (21, 0, 4));
    EXPECT_FLOAT_EQ (eqLowDb(), PadSettings::eqMinDb) << "another channel does nothing";

    // ...and the note plays pad 6, on the sample it arrives at.
    const auto out = play ({ { 100, juce::MidiMessage::noteOn (2, 61, 1.0f) } });
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, block, 0.1f), 100);
    EXPECT_EQ (engine.getMeters().padVoices[5].load(), 1);
}

TEST_F (MidiControllerFixture, SoftTakeoverIgnoresAFarKnobUntilItCatchesUp)
{
    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 21 }, { MidiTarget::Type::padEqLow, 0, 0 } });
    controller.setMapping (mapping);
    ASSERT_FLOAT_EQ (eqLowDb(), 0.0f);

    send (cc (21, 0));
    send (cc (21, 20));
    EXPECT_FLOAT_EQ (eqLowDb(), 0.0f) << "the knob is far below the control: no jump";
    send (cc (21, 63));
    EXPECT_NEAR (eqLowDb(), 0.0f, 0.6f) << "close enough: caught";
    send (cc (21, 127));
    EXPECT_FLOAT_EQ (eqLowDb(), PadSettings::eqMaxDb) << "now it follows";

    // Moved on screen: the knob must catch up again, and passing the value counts as reaching it.
    auto s = session.getPadSettings (0);
    s.eqLowDb = -10.0f;
    session.setPadSettings (0, s);
    send (cc (21, 120));
    EXPECT_FLOAT_EQ (eqLowDb(), -10.0f);
    const auto below = (int) std::floor (ControlRanges::eqDb().convertTo0to1 (-10.0) * 128.0) - 10;
    send (cc (21, below));
    EXPECT_LT (eqLowDb(), -10.0f) << "swept past -10 dB: caught on the way";
}

TEST_F (MidiControllerFixture, RelativeEncodersStepWithoutTakeover)
{
    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 30, MidiSource::Encoding::relativeTwosComplement },
          { MidiTarget::Type::padPitch, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 31, MidiSource::Encoding::relativeBinaryOffset },
          { MidiTarget::Type::padEqMid, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 32, MidiSource::Encoding::relativeSignMagnitude },
          { MidiTarget::Type::masterFader } });
    controller.setMapping (mapping);

    for (int value : { 1, 1, 1, 127 })
        send (cc (30, value));
    EXPECT_EQ (session.getPadSettings (0).semitones, 2);
    for (int i = 0; i < 40; ++i)
        send (cc (30, 1));
    EXPECT_EQ (session.getPadSettings (0).semitones, PadSettings::maxSemitones) << "stops at the end";

    send (cc (31, 63));
    send (cc (31, 63));
    send (cc (31, 65));
    EXPECT_FLOAT_EQ (session.getPadSettings (0).eqMidDb, -1.0f);

    session.setMasterGainDb (0.0);
    send (cc (32, 66)); // sign-magnitude: −2 steps of 0.5 dB
    EXPECT_DOUBLE_EQ (session.getMasterGainDb(), -1.0);
}

TEST_F (MidiControllerFixture, PitchBendAndAbsoluteKnobsMoveTheirControlsThroughTheSameRanges)
{
    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back (
        { { MidiSource::Type::pitchBend, 0, 0 }, { MidiTarget::Type::padPitch, 0, 1 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 7 }, { MidiTarget::Type::masterFader } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 8 }, { MidiTarget::Type::padPitch, 0, 0 } });
    controller.setMapping (mapping);

    send (juce::MidiMessage::pitchWheel (1, 8192)); // centre: caught at 0
    send (juce::MidiMessage::pitchWheel (1, 16383));
    EXPECT_EQ (session.getPadSettings (1).semitones, PadSettings::maxSemitones);
    send (juce::MidiMessage::pitchWheel (1, 8192 + 8191 / 48)); // about half a semitone up: cents
    EXPECT_EQ (session.getPadSettings (1).semitones, 0);
    EXPECT_NEAR (session.getPadSettings (1).cents, 50.0f, 2.0f);

    session.setMasterGainDb (-12.0); // mid travel
    send (cc (7, 64));
    send (cc (7, 0));
    EXPECT_DOUBLE_EQ (session.getMasterGainDb(), ControlRanges::masterOffDb);

    send (cc (8, 64));
    send (cc (8, 70)); // a knob on pitch moves in whole semitones
    EXPECT_EQ (session.getPadSettings (0).semitones, 2);
    EXPECT_FLOAT_EQ (session.getPadSettings (0).cents, 0.0f);
}

TEST_F (MidiControllerFixture, KillsToggleOnEachPress)
{
    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back (
        { { MidiSource::Type::note, 0, 70 }, { MidiTarget::Type::padEqLowKill, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 71 }, { MidiTarget::Type::padEqHighKill, 0, 0 } });
    controller.setMapping (mapping);

    send (juce::MidiMessage::noteOn (1, 70, 1.0f));
    EXPECT_TRUE (session.getPadSettings (0).eqLowKill);
    send (juce::MidiMessage::noteOff (1, 70));
    EXPECT_TRUE (session.getPadSettings (0).eqLowKill) << "release leaves it";
    send (juce::MidiMessage::noteOn (1, 70, 1.0f));
    EXPECT_FALSE (session.getPadSettings (0).eqLowKill);

    send (cc (71, 127));
    send (cc (71, 127)); // a held button repeating its value is one press
    EXPECT_TRUE (session.getPadSettings (0).eqHighKill);
    send (cc (71, 0));
    send (cc (71, 127));
    EXPECT_FALSE (session.getPadSettings (0).eqHighKill);
}

TEST_F (MidiControllerFixture, ABankButtonChangesBankOnItsSampleAndTheScreenFollows)
{
    session.loadIntoPad (session.globalIndex (1, 12), click); // bank B, bottom-left (note 36)
    waitForLoads();
    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back ({ { MidiSource::Type::note, 0, 100 }, { MidiTarget::Type::bankNext } });
    controller.setMapping (mapping);

    const auto out = play ({ { 10, juce::MidiMessage::noteOn (1, 36, 1.0f) }, // bank A's pad: empty
                             { 50, juce::MidiMessage::noteOn (1, 100, 1.0f) },
                             { 60, juce::MidiMessage::noteOn (1, 36, 1.0f) } });
    EXPECT_EQ (test::firstAbove (out.getReadPointer (0), 0, block, 0.1f), 60) << "the new bank plays at once";
    EXPECT_EQ (session.getCurrentBank(), 1) << "the model follows the engine";

    // The engine keeps the model's bank from now on: the screen's bank keys still work.
    session.setCurrentBank (0);
    session.publishNow();
    play ({ { 0, juce::MidiMessage::noteOn (1, 36, 1.0f) } });
    EXPECT_EQ (engine.getMeters().padVoices[(size_t) session.globalIndex (1, 12)].load(), 1)
        << "still the first voice only";
}

TEST_F (MidiControllerFixture, LedFeedbackFollowsPadStateAndSendsOnlyChanges)
{
    std::vector<juce::MidiMessage> sent;
    controller.setFeedbackSink ([&] (const juce::MidiMessage& m) { sent.push_back (m); });
    const auto& fb = controller.getMapping().feedback; // the standard mapping: notes 36–51
    ASSERT_EQ (sent.size(), 16u) << "every mapped pad lit once";
    for (auto& m : sent)
        EXPECT_EQ (m.getVelocity(), fb.empty);

    const auto lastFor = [&] (int note)
    {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it)
            if (it->getNoteNumber() == note)
                return (int) it->getVelocity();
        return -1;
    };

    sent.clear();
    session.loadIntoPad (0, tone);              // top-left: note 48
    session.loadIntoPad (1, temp / "gone.wav"); // missing
    waitForLoads();
    controller.updateFeedback();
    EXPECT_EQ (sent.size(), fb.missing == fb.empty ? 1u : 2u);
    EXPECT_EQ (lastFor (48), fb.loaded);
    EXPECT_EQ (lastFor (49), fb.missing == fb.empty ? -1 : fb.missing);

    sent.clear();
    play ({ { 0, juce::MidiMessage::noteOn (1, 48, 1.0f) } });
    controller.updateFeedback();
    EXPECT_EQ (lastFor (48), fb.playing);
    controller.updateFeedback();
    EXPECT_EQ (sent.size(), 1u) << "nothing changed, nothing sent";

    session.stopAll();
    for (int i = 0; i < 20; ++i)
        play();
    controller.updateFeedback();
    EXPECT_EQ (lastFor (48), fb.loaded);

    // A new mapping darkens the old notes and lights the new ones.
    sent.clear();
    controller.setMapping (MidiMapping::noteGrid ("Chromatic", 0, 4, 4));
    EXPECT_EQ (lastFor (48), 0);
    EXPECT_EQ (lastFor (12), controller.getMapping().feedback.loaded); // top-left of a grid from 0
}

TEST_F (MidiControllerFixture, ALearnedBindingIsOneUndoStepAndUndoingItRelightsTheController)
{
    session.loadIntoPad (0, tone); // lit, so its LED shows where it is bound
    waitForLoads();
    std::vector<juce::MidiMessage> sent;
    controller.setFeedbackSink ([&] (const juce::MidiMessage& m) { sent.push_back (m); });
    const auto before = controller.getMapping().toJson();
    const auto loaded = controller.getMapping().feedback.loaded;
    ASSERT_GT (loaded, 0);

    controller.setLearning (true);
    controller.setLearnTarget (MidiTarget{ MidiTarget::Type::padTrigger, 0, 0 });
    send (juce::MidiMessage::noteOn (1, 12, 1.0f));
    controller.setLearning (false);
    ASSERT_GE (controller.getMapping().indexOf ({ MidiTarget::Type::padTrigger, 0, 0 }), 0);
    EXPECT_TRUE (session.getUndoDescription().startsWith ("MIDI learn")) << session.getUndoDescription();

    sent.clear();
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (controller.getMapping().toJson(), before) << "the binding it replaced is back";
    const auto lastFor = [&] (int note)
    {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it)
            if (it->isNoteOnOrOff() && it->getNoteNumber() == note)
                return (int) it->getVelocity();
        return -1;
    };
    EXPECT_EQ (lastFor (12), 0) << "the undone binding's LED goes dark";
    EXPECT_EQ (lastFor (48), loaded) << "the pad's own note lights again";

    ASSERT_TRUE (session.redo());
    EXPECT_GE (controller.getMapping().indexOf ({ MidiTarget::Type::padTrigger, 0, 0 }), 0);
}

TEST_F (MidiControllerFixture, AKnobTurnedOnTheControllerIsOneUndoStep)
{
    auto mapping = controller.getMapping();
    mapping.learn ({ { MidiSource::Type::controller, 1, 21 }, { MidiTarget::Type::padEqLow, 0, 0 } });
    controller.setMapping (mapping);
    const auto steps = session.getUndoDescription();

    for (int value = 64; value >= 10; value -= 2) // caught at the centre, turned down
        send (cc (21, value));
    EXPECT_LT (eqLowDb(), -10.0f);
    EXPECT_EQ (session.getUndoDescription(), "Edit pad A1");
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (eqLowDb(), 0.0f) << "the whole turn, in one step";
    EXPECT_EQ (session.getUndoDescription(), steps);
}

/** Just enough of a device for GraphDeviceCallback to start on: 48 kHz, 256-frame blocks. */
struct BlockDevice : juce::AudioIODevice
{
    BlockDevice()
        : AudioIODevice ("test", "test")
    {
    }
    juce::StringArray getOutputChannelNames() override { return { "L", "R" }; }
    juce::StringArray getInputChannelNames() override { return {}; }
    juce::Array<double> getAvailableSampleRates() override { return { 48000.0 }; }
    juce::Array<int> getAvailableBufferSizes() override { return { 256 }; }
    int getDefaultBufferSize() override { return 256; }
    juce::String open (const juce::BigInteger&, const juce::BigInteger&, double, int) override { return {}; }
    void close() override {}
    bool isOpen() override { return true; }
    void start (juce::AudioIODeviceCallback*) override {}
    void stop() override {}
    bool isPlaying() override { return true; }
    juce::String getLastError() override { return {}; }
    int getCurrentBufferSizeSamples() override { return 256; }
    double getCurrentSampleRate() override { return 48000.0; }
    int getCurrentBitDepth() override { return 32; }
    juce::BigInteger getActiveOutputChannels() const override { return 3; }
    juce::BigInteger getActiveInputChannels() const override { return 0; }
    int getOutputLatencyInSamples() override { return 0; }
    int getInputLatencyInSamples() override { return 0; }
};

TEST_F (MidiControllerFixture, AFloodOfMalformedMidiIsSurvivedAndTheHitStillLands)
{
    session.loadIntoPad (0, tone);
    waitForLoads();
    auto& device = engine.getDeviceCallback();
    juce::AudioBuffer<float> out (2, block);
    float* outputs[] = { out.getWritePointer (0), out.getWritePointer (1) };
    BlockDevice blockDevice;
    device.audioDeviceAboutToStart (&blockDevice);

    // Running status (note-ons without their status byte), stray data bytes, sysex up to 64 KB.
    const juce::uint8 runningStatus[] = { 60, 100 };
    const juce::uint8 stray[] = { 0x45 };
    std::vector<juce::uint8> sysex (65536, 0x11);
    sysex.front() = 0xf0;
    sysex.back() = 0xf7;
    for (int i = 0; i < 10000; ++i)
    {
        int used = 0;
        switch (i % 4)
        {
            case 0:
                device.handleIncomingMidiMessage (nullptr,
                                                  juce::MidiMessage (runningStatus, 2, used, 0x90, 0.0));
                break;
            case 1:
                device.handleIncomingMidiMessage (nullptr, juce::MidiMessage (stray, 1));
                break;
            case 2:
                device.handleIncomingMidiMessage (nullptr,
                                                  juce::MidiMessage (sysex.data(), (int) sysex.size()));
                break;
            default:
                device.handleIncomingMidiMessage (nullptr, cc (i % 120, i % 128, 1 + i % 16));
        }
        if (i % 500 == 0)
        {
            device.audioDeviceIOCallbackWithContext (nullptr, 0, outputs, 2, block, {});
            controller.processPending();
        }
    }
    device.handleIncomingMidiMessage (nullptr, juce::MidiMessage::noteOn (1, 48, 1.0f));
    for (int i = 0; i < 40; ++i)
    {
        device.audioDeviceIOCallbackWithContext (nullptr, 0, outputs, 2, block, {});
        controller.processPending();
    }
    device.audioDeviceStopped();
    EXPECT_EQ (engine.getMeters().padVoices[0].load(), 1) << "the hit after the flood played";
    EXPECT_GT (controller.getMessagesHandled(), 2000);
}

} // namespace paddeck
