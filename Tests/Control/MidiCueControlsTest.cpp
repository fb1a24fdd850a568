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

} // namespace paddeck
