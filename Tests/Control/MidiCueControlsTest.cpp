#include "Control/CueControls.h"
#include "Control/MidiControllerFixture.h"
#include "Model/ControlRanges.h"

namespace paddeck
{

/** The cue's controls on a MIDI controller: the level and blend knobs (soft takeover, encoders),
    a pad's CUE and the click-to-cue as toggles; each binding round-trips through the mapping's JSON. */
TEST_F (MidiControllerFixture, TheCueLevelBlendPadCueAndClickAreMappable)
{
    CueControls cue (session);
    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back ({ { MidiSource::Type::controller, 0, 20 }, { MidiTarget::Type::cueLevel } });
    mapping.bindings.push_back ({ { MidiSource::Type::controller, 0, 21 }, { MidiTarget::Type::cueBlend } });
    mapping.bindings.push_back ({ { MidiSource::Type::note, 0, 90 }, { MidiTarget::Type::padCue, 0, 2 } });
    mapping.bindings.push_back ({ { MidiSource::Type::note, 0, 91 }, { MidiTarget::Type::metronomeToCue } });
    MidiMapping reread;
    ASSERT_TRUE (MidiMapping::fromVar (juce::JSON::parse (mapping.toJson()), reread).wasOk());
    controller.setMapping (reread);

    // The level's knob takes over at 0 dB (its position now) and then follows: its bottom is off.
    send (cc (20, juce::roundToInt (127 * ControlRanges::cueDb().convertTo0to1 (0.0))));
    send (cc (20, 127));
    EXPECT_DOUBLE_EQ (cue.getLevelDb(), 6.0);
    send (cc (20, 0));
    EXPECT_DOUBLE_EQ (cue.getLevelDb(), ControlRanges::masterOffDb);

    send (cc (21, 0)); // the blend is at 0: caught
    send (cc (21, 127));
    EXPECT_DOUBLE_EQ (cue.getBlend(), 1.0);
    send (cc (21, 64));
    EXPECT_NEAR (cue.getBlend(), 0.5, 0.01); // the middle of the knob: half of each

    send (juce::MidiMessage::noteOn (1, 90, 1.0f));
    send (juce::MidiMessage::noteOff (1, 90));
    EXPECT_TRUE (cue.isPadCued (2));
    send (juce::MidiMessage::noteOn (1, 90, 1.0f));
    EXPECT_FALSE (cue.isPadCued (2));

    send (juce::MidiMessage::noteOn (1, 91, 1.0f));
    EXPECT_TRUE (cue.isMetronomeOnCue());
    EXPECT_EQ (session.getUndoDescription(), "Click to cue");
}

/** A mapped button held down turns the controller's pads into previews: heard in the cue only. */
TEST_F (MidiControllerFixture, AHeldCuePreviewButtonMakesMappedPadsPreview)
{
    session.loadIntoPad (0, tone);
    waitForLoads();
    auto mapping = MidiMapping::standard();
    int padNote = -1;
    for (const auto& b : mapping.bindings)
        if (b.target.type == MidiTarget::Type::padTrigger && b.target.row == 0 && b.target.column == 0)
            padNote = b.source.number;
    ASSERT_GE (padNote, 0);
    mapping.bindings.push_back ({ { MidiSource::Type::note, 0, 92 }, { MidiTarget::Type::cuePreview } });
    controller.setMapping (mapping);

    // Four channels: a device with the cue on outputs 3/4.
    auto render = [this] (std::vector<juce::MidiMessage> messages)
    {
        juce::AudioBuffer<float> out (4, block);
        juce::MidiBuffer midiBlock;
        for (auto& m : messages)
            midiBlock.addEvent (m, 0);
        engine.renderBlock (out, midiBlock);
        controller.processPending();
        return out;
    };

    render ({ juce::MidiMessage::noteOn (1, 92, 1.0f) }); // the button goes down
    render ({});                                          // its hold reaches the engine
    render ({ juce::MidiMessage::noteOn (1, padNote, 1.0f) });
    auto out = render ({});
    EXPECT_EQ (out.getMagnitude (0, 0, block), 0.0f) << "not in the master";
    EXPECT_GT (out.getMagnitude (2, 0, block), 0.2f) << "in the cue";

    render ({ juce::MidiMessage::noteOff (1, 92) }); // let go: the pad hits again
    render ({});
    render ({ juce::MidiMessage::noteOn (1, padNote, 1.0f) });
    out = render ({});
    EXPECT_GT (out.getMagnitude (0, 0, block), 0.2f);
}

} // namespace paddeck
