#include "Control/MidiControllerFixture.h"
#include "Model/ControlRanges.h"

namespace paddeck
{

/** A pad's shape on a MIDI controller: START and END knobs over its file (END's top is the file's
    end), the fades like the editor's knobs (soft takeover, or an encoder), REVERSE as a toggle;
    each binding round-trips through the mapping's JSON. */
TEST_F (MidiControllerFixture, APadsStartEndFadesAndReverseAreMappable)
{
    session.loadIntoPad (0, tone); // 48,000 frames at 48 kHz
    waitForLoads();

    auto mapping = MidiMapping::standard();
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 30 }, { MidiTarget::Type::padStart, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 31 }, { MidiTarget::Type::padEnd, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 32 }, { MidiTarget::Type::padFadeIn, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 33, MidiSource::Encoding::relativeBinaryOffset },
          { MidiTarget::Type::padFadeOut, 0, 0 } });
    mapping.bindings.push_back (
        { { MidiSource::Type::note, 0, 93 }, { MidiTarget::Type::padReverse, 0, 0 } });
    MidiMapping reread;
    ASSERT_TRUE (MidiMapping::fromVar (juce::JSON::parse (mapping.toJson()), reread).wasOk());
    ASSERT_EQ (reread.bindings.size(), mapping.bindings.size());
    EXPECT_EQ (reread.bindings.back().target.describe(), "Pad row 1 col 1 reverse");
    controller.setMapping (reread);

    // START is at the file's start: the knob catches it at 0, and its middle is the file's middle.
    send (cc (30, 0));
    send (cc (30, 64));
    EXPECT_EQ (session.getPadSettings (0).startFrame, 24000);
    EXPECT_EQ (session.getUndoDescription(), "Edit pad A1");

    // END is at the file's end (-1): caught at the top; a quarter of the way is frame 12,000.
    send (cc (31, 127));
    EXPECT_EQ (session.getPadSettings (0).endFrame, -1);
    send (cc (31, 32));
    EXPECT_EQ (session.getPadSettings (0).endFrame, 12000);
    send (cc (31, 127));
    EXPECT_EQ (session.getPadSettings (0).endFrame, -1) << "the top is the file's end, wherever it ends";

    // A knob far from the fade (0 ms) does nothing until it comes back to it.
    send (cc (32, 100));
    EXPECT_EQ (session.getPadSettings (0).fadeInMs, 0.0f) << "soft takeover";
    send (cc (32, 0));
    send (cc (32, 64));
    EXPECT_NEAR (session.getPadSettings (0).fadeInMs, 100.0f, 1.0e-3f)
        << "100 ms at mid travel, like the editor";

    // An encoder: each detent is 1/200 of the fade's travel.
    send (cc (33, 65));
    send (cc (33, 65));
    EXPECT_FLOAT_EQ (session.getPadSettings (0).fadeOutMs,
                     (float) ControlRanges::fadeMs().convertFrom0to1 (0.01));
    send (cc (33, 60));
    EXPECT_EQ (session.getPadSettings (0).fadeOutMs, 0.0f) << "never below 0";

    send (juce::MidiMessage::noteOn (1, 93, 1.0f));
    send (juce::MidiMessage::noteOff (1, 93));
    EXPECT_TRUE (session.getPadSettings (0).reverse);
    send (juce::MidiMessage::noteOn (1, 93, 1.0f));
    EXPECT_FALSE (session.getPadSettings (0).reverse);

    // An empty pad's START and END have nothing to span: they wait.
    mapping.bindings.push_back (
        { { MidiSource::Type::controller, 0, 34 }, { MidiTarget::Type::padStart, 0, 1 } });
    controller.setMapping (mapping);
    send (cc (34, 0));
    send (cc (34, 64));
    EXPECT_EQ (session.getPadSettings (1).startFrame, 0);
}

} // namespace paddeck
