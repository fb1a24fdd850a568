#include "Control/MidiControllerFixture.h"

namespace paddeck
{

/** The tempo controls a controller can drive: tap, the nudges, the master tempo, a pad's sync and
    quantize, the global quantize and the metronome; and the LEDs of pads that wait for their beat.
    MIDI goes through the engine and the controller, as in the app. */
struct MidiTempoControls : MidiControllerFixture
{
    void bind (MidiSource source, MidiTarget target)
    {
        auto mapping = controller.getMapping();
        mapping.bindings.push_back ({ source, target });
        controller.setMapping (mapping);
    }

    static MidiSource note (int number) { return { MidiSource::Type::note, 0, number }; }
    static MidiSource controllerNumber (int number,
                                        MidiSource::Encoding encoding = MidiSource::Encoding::absolute)
    {
        return { MidiSource::Type::controller, 0, number, encoding };
    }

    void press (int number) { send (juce::MidiMessage::noteOn (1, number, 1.0f)); }
    void letGo (int number) { send (juce::MidiMessage::noteOff (1, number)); }

    double clockBpm() { return engine.getMeters().bpm.load(); }
    Quantize padQuantize (int pad = 0) const { return (Quantize) session.getPadSettings (pad).quantize; }
};

TEST_F (MidiTempoControls, TapsOnANoteSetTheMasterTempo)
{
    bind (note (84), { MidiTarget::Type::tapTempo });
    ASSERT_EQ (session.getMasterTempo(), 120.0);

    press (84);
    letGo (84);
    EXPECT_EQ (session.getMasterTempo(), 120.0) << "one tap is no tempo yet";
    press (84); // a moment later: far faster than 300 BPM, so the top of the range
    EXPECT_EQ (session.getMasterTempo(), PadSettings::maxBpm);
}

TEST_F (MidiTempoControls, ACcButtonTapsOnItsPressOnly)
{
    bind (controllerNumber (61), { MidiTarget::Type::tapTempo });

    send (cc (61, 127));
    send (cc (61, 127)); // held: the same press repeated
    send (cc (61, 0));
    EXPECT_EQ (session.getMasterTempo(), 120.0) << "one press so far";
    send (cc (61, 127));
    EXPECT_EQ (session.getMasterTempo(), PadSettings::maxBpm);
}

TEST_F (MidiTempoControls, NudgesHoldTheClockOffTempoExactlyWhileHeld)
{
    bind (note (85), { MidiTarget::Type::nudgeFaster });
    bind (controllerNumber (70), { MidiTarget::Type::nudgeSlower });
    bind (controllerNumber (71, MidiSource::Encoding::relativeTwosComplement),
          { MidiTarget::Type::nudgeSlower });
    play();
    ASSERT_DOUBLE_EQ (clockBpm(), 120.0);

    press (85);
    play(); // the nudge reaches the engine with the next block
    EXPECT_DOUBLE_EQ (clockBpm(), 120.0 * (1.0 + PadEngine::nudgeAmount));
    play();
    EXPECT_DOUBLE_EQ (clockBpm(), 120.0 * (1.0 + PadEngine::nudgeAmount)) << "held: still nudged";
    letGo (85);
    play();
    EXPECT_DOUBLE_EQ (clockBpm(), 120.0);

    send (cc (70, 127));
    play();
    EXPECT_DOUBLE_EQ (clockBpm(), 120.0 * (1.0 - PadEngine::nudgeAmount));
    send (cc (70, 0));
    play();
    EXPECT_DOUBLE_EQ (clockBpm(), 120.0);

    send (cc (71, 1)); // an encoder can't be held: it doesn't nudge
    play();
    EXPECT_DOUBLE_EQ (clockBpm(), 120.0);
    EXPECT_EQ (session.getMasterTempo(), 120.0) << "a nudge never changes the set's tempo";
}

TEST_F (MidiTempoControls, AMasterTempoKnobTakesOverAcross60To180)
{
    bind (controllerNumber (20), { MidiTarget::Type::masterTempo });

    send (cc (20, 0));
    EXPECT_EQ (session.getMasterTempo(), 120.0) << "the knob is at 60, the tempo at 120: no jump";
    send (cc (20, 64)); // 120 sits at mid travel: caught
    send (cc (20, 127));
    EXPECT_EQ (session.getMasterTempo(), 180.0);

    ASSERT_TRUE (session.setMasterTempo (90.0).wasOk()); // typed on screen: the knob must catch up again
    send (cc (20, 120));
    EXPECT_EQ (session.getMasterTempo(), 90.0);
    send (cc (20, 20)); // swept past 90: caught on the way
    EXPECT_NEAR (session.getMasterTempo(), 60.0 + 120.0 * 20.0 / 128.0, 0.005);

    ASSERT_TRUE (session.setMasterTempo (200.0).wasOk());
    for (int value : { 0, 64, 127 })
        send (cc (20, value));
    EXPECT_EQ (session.getMasterTempo(), 200.0) << "a tempo beyond the knob's range is left alone";
}

TEST_F (MidiTempoControls, AMasterTempoKnobCanBeGivenItsOwnRange)
{
    MidiTarget narrow{ MidiTarget::Type::masterTempo };
    narrow.minBpm = 160.0;
    narrow.maxBpm = 180.0;
    bind (controllerNumber (20), narrow);
    ASSERT_TRUE (session.setMasterTempo (170.0).wasOk());

    send (cc (20, 64));
    send (cc (20, 0));
    EXPECT_EQ (session.getMasterTempo(), 160.0);
    send (cc (20, 96)); // a CC step is a sixth of a BPM here
    EXPECT_NEAR (session.getMasterTempo(), 160.0 + 20.0 * (0.5 + 32.0 / 126.0), 0.005);
}

TEST_F (MidiTempoControls, AnEncoderStepsTheTempoByATenthAndPitchBendSweepsItFinely)
{
    bind (controllerNumber (21, MidiSource::Encoding::relativeTwosComplement),
          { MidiTarget::Type::masterTempo });
    for (int value : { 1, 1, 1, 127 })
        send (cc (21, value));
    EXPECT_NEAR (session.getMasterTempo(), 120.2, 1.0e-9);
    send (cc (21, 5)); // an accelerated turn: five steps
    EXPECT_NEAR (session.getMasterTempo(), 120.7, 1.0e-9);

    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back ({ { MidiSource::Type::pitchBend, 0, 0 }, { MidiTarget::Type::masterTempo } });
    controller.setMapping (mapping);
    ASSERT_TRUE (session.setMasterTempo (120.0).wasOk());
    send (juce::MidiMessage::pitchWheel (1, 8192)); // centre = 120: caught
    send (juce::MidiMessage::pitchWheel (1, 8192 + 82));
    EXPECT_NEAR (session.getMasterTempo(), 60.0 + 120.0 * (0.5 + 82.0 / 16382.0), 0.005)
        << "14 bits: a step is less than a hundredth of a BPM";
}

TEST_F (MidiTempoControls, PadSyncTogglesOnlyForAPadWithATempo)
{
    bind (note (80), { MidiTarget::Type::padSync, 0, 0 });

    press (80);
    EXPECT_FALSE (session.getPadSettings (0).sync) << "no tempo: nothing to sync";
    ASSERT_TRUE (session.setPadTempo (0, 128.0).wasOk());
    press (80);
    EXPECT_TRUE (session.getPadSettings (0).sync);
    letGo (80);
    EXPECT_TRUE (session.getPadSettings (0).sync) << "release leaves it";
    press (80);
    EXPECT_FALSE (session.getPadSettings (0).sync);
}

TEST_F (MidiTempoControls, APadQuantizeButtonGoesRoundItsChoicesAndAKnobPointsAtThem)
{
    bind (note (81), { MidiTarget::Type::padQuantize, 0, 0 });
    bind (controllerNumber (22), { MidiTarget::Type::padQuantize, 0, 1 });
    ASSERT_EQ (session.getPadSettings (0).quantize, PadSettings::followGlobal);

    press (81);
    EXPECT_EQ (padQuantize(), Quantize::off);
    press (81);
    EXPECT_EQ (padQuantize(), Quantize::sixteenth);
    for (int i = 0; i < 5; ++i)
        press (81);
    EXPECT_EQ (padQuantize(), Quantize::fourBars);
    press (81);
    EXPECT_EQ (session.getPadSettings (0).quantize, PadSettings::followGlobal) << "round to Global again";

    send (cc (22, 127));
    EXPECT_EQ (padQuantize (1), Quantize::fourBars);
    send (cc (22, 64)); // the middle of eight choices: Global, Off, 1/16, 1/8, [1/4], ...
    EXPECT_EQ (padQuantize (1), Quantize::beat);
    send (cc (22, 0));
    EXPECT_EQ (session.getPadSettings (1).quantize, PadSettings::followGlobal);
}

TEST_F (MidiTempoControls, TheGlobalQuantizeFollowsAnEncoderAButtonAndTheBendWheel)
{
    bind (controllerNumber (23, MidiSource::Encoding::relativeTwosComplement),
          { MidiTarget::Type::globalQuantize });
    bind (note (82), { MidiTarget::Type::globalQuantize });
    ASSERT_EQ (session.getGlobalQuantize(), Quantize::bar);

    send (cc (23, 1));
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::twoBars);
    send (cc (23, 5));
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::fourBars) << "an encoder stops at the end";
    press (82);
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::off) << "a button goes round";
    send (cc (23, 127));
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::off);

    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back (
        { { MidiSource::Type::pitchBend, 0, 0 }, { MidiTarget::Type::globalQuantize } });
    controller.setMapping (mapping);
    send (juce::MidiMessage::pitchWheel (1, 16383));
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::fourBars);
    send (juce::MidiMessage::pitchWheel (1, 8192)); // the middle of seven choices: a beat
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::beat);
}

TEST_F (MidiTempoControls, TheMetronomeTogglesOnEachPress)
{
    bind (note (83), { MidiTarget::Type::metronome });
    bind (controllerNumber (24), { MidiTarget::Type::metronome });

    press (83);
    EXPECT_TRUE (session.isMetronomeOn());
    letGo (83);
    EXPECT_TRUE (session.isMetronomeOn());
    press (83);
    EXPECT_FALSE (session.isMetronomeOn());

    send (cc (24, 127));
    send (cc (24, 127));
    EXPECT_TRUE (session.isMetronomeOn());
    send (cc (24, 0));
    send (cc (24, 127));
    EXPECT_FALSE (session.isMetronomeOn());
}

TEST_F (MidiTempoControls, LearnBindsEachTempoControlToWhatCanDriveIt)
{
    controller.setLearning (true);
    const auto learnsFrom = [this] (MidiTarget target, const juce::MidiMessage& message)
    {
        controller.setLearnTarget (target);
        send (message);
        const bool learned = !controller.getLearnTarget().has_value();
        return learned && controller.getMapping().indexOf (target) >= 0;
    };

    EXPECT_FALSE (learnsFrom ({ MidiTarget::Type::masterTempo }, juce::MidiMessage::noteOn (1, 70, 1.0f)))
        << "a note can't turn a tempo knob";
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::masterTempo }, juce::MidiMessage::pitchWheel (1, 8192)));
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::tapTempo }, juce::MidiMessage::noteOn (1, 71, 1.0f)));
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::nudgeSlower }, juce::MidiMessage::noteOn (1, 72, 1.0f)));
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::nudgeFaster }, cc (53, 127)));
    EXPECT_FALSE (learnsFrom ({ MidiTarget::Type::metronome }, juce::MidiMessage::pitchWheel (1, 0)))
        << "the bend wheel is a knob, not a button";
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::metronome }, juce::MidiMessage::noteOn (1, 74, 1.0f)));
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::padSync, 1, 2 }, juce::MidiMessage::noteOn (1, 75, 1.0f)));
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::padQuantize, 1, 2 }, juce::MidiMessage::pitchWheel (1, 0)));
    EXPECT_TRUE (learnsFrom ({ MidiTarget::Type::globalQuantize }, juce::MidiMessage::noteOn (1, 76, 1.0f)));
    controller.setLearning (false);
    EXPECT_EQ (session.getMasterTempo(), 120.0) << "learning moved nothing";

    // What was learned plays: note 76 steps the global quantize on.
    press (76);
    EXPECT_EQ (session.getGlobalQuantize(), Quantize::twoBars);
}

TEST_F (MidiTempoControls, AQueuedPadsLedFlashesItsQueuedValueOnTheBeatUntilItStarts)
{
    session.loadIntoPad (0, tone); // top-left: note 48 on the standard mapping
    waitForLoads();
    ASSERT_TRUE (session.setPadTempo (0, 120.0).wasOk()); // a pad with a tempo waits for the bar
    std::vector<juce::MidiMessage> sent;
    controller.setFeedbackSink ([&] (const juce::MidiMessage& m) { sent.push_back (m); });
    const auto fb = controller.getMapping().feedback;
    ASSERT_TRUE (fb.blink);

    play ({ { 10, juce::MidiMessage::noteOn (1, 48, 1.0f) } });
    auto& meters = engine.getMeters();
    ASSERT_EQ (meters.padQueued[0].load(), 1) << "the hit waits for the next bar";

    // No device: the beat heard is the engine's. Lit for the first half of each beat.
    const auto valueAt = [&] (double beat)
    {
        meters.beat = beat;
        return controller.feedbackValueFor (0);
    };
    EXPECT_EQ (valueAt (1.1), fb.queued);
    EXPECT_EQ (valueAt (1.6), fb.empty);
    EXPECT_EQ (valueAt (2.0), fb.queued);

    meters.beat = 1.1;
    controller.updateFeedback();
    ASSERT_FALSE (sent.empty());
    EXPECT_EQ (sent.back().getNoteNumber(), 48);
    EXPECT_EQ (sent.back().getVelocity(), fb.queued);

    // A controller that flashes by itself gets its flashing colour all the time.
    auto apc = controller.getMapping();
    apc.feedback.queued = 6;
    apc.feedback.blink = false;
    controller.setMapping (apc);
    EXPECT_EQ (valueAt (1.6), 6);

    // The bar comes (4 beats at 120 BPM: 96000 frames): the pad plays and its LED says so.
    while (engine.getPadEngine().getNextBlockSample() < 96000 + block)
        play();
    EXPECT_EQ (meters.padQueued[0].load(), 0);
    EXPECT_EQ (meters.padVoices[0].load(), 1);
    EXPECT_EQ (controller.feedbackValueFor (0), apc.feedback.playing);
}

TEST_F (MidiTempoControls, AToggleButtonsLedIsLitWhileItsToggleIsOnHoweverItWasSwitched)
{
    bind (note (83), { MidiTarget::Type::metronome });
    bind (note (84), { MidiTarget::Type::padCue, 0, 0 });
    bind (controllerNumber (25), { MidiTarget::Type::padEqLowKill, 0, 0 });
    bind (note (85), { MidiTarget::Type::padSync, 0, 0 });
    std::map<int, int> lit; // note or CC number → the value last sent
    controller.setFeedbackSink (
        [&] (const juce::MidiMessage& m)
        {
            lit[m.isNoteOn() ? m.getNoteNumber() : m.getControllerNumber()] =
                m.isNoteOn() ? m.getVelocity() : m.getControllerValue();
        });
    const auto fb = controller.getMapping().feedback;
    controller.updateFeedback();
    EXPECT_EQ (lit[83], fb.empty);
    EXPECT_EQ (lit[84], fb.empty);
    EXPECT_EQ (lit[25], fb.empty);

    // From the controller: its own LED lights.
    press (83);
    send (cc (25, 127));
    controller.updateFeedback();
    EXPECT_EQ (lit[83], fb.playing);
    EXPECT_EQ (lit[25], fb.playing);
    EXPECT_EQ (lit[84], fb.empty);

    // From the screen (or an undo): the LED follows the model, not the last press.
    session.setMetronome (false);
    session.setPadProperty (0, IDs::cue, true);
    controller.updateFeedback();
    EXPECT_EQ (lit[83], fb.empty);
    EXPECT_EQ (lit[84], fb.playing);
    EXPECT_EQ (lit[25], fb.playing);

    // SYNC is lit only while the pad really follows the tempo: on, and with a tempo.
    session.setPadProperty (0, IDs::sync, true);
    controller.updateFeedback();
    EXPECT_EQ (lit[85], fb.empty) << "no tempo: not synced";
    ASSERT_TRUE (session.setPadTempo (0, 128.0).wasOk());
    controller.updateFeedback();
    EXPECT_EQ (lit[85], fb.playing);
    press (85);
    controller.updateFeedback();
    EXPECT_EQ (lit[85], fb.empty);
}

} // namespace paddeck
