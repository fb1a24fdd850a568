#include "Model/MidiMapping.h"
#include "Engine/MidiTriggerMap.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

static MidiBinding binding (MidiSource::Type type, int channel, int number, MidiTarget::Type target,
                            int row = 0, int column = 0,
                            MidiSource::Encoding encoding = MidiSource::Encoding::absolute)
{
    MidiBinding b;
    b.source = { type, channel, number, encoding };
    b.target.type = target;
    b.target.row = row;
    b.target.column = column;
    return b;
}

TEST (MidiMapping, EveryKindOfBindingSurvivesAJsonRoundTrip)
{
    MidiMapping m;
    m.name = "My controller";
    m.feedback = { true, 3, 1, 2, 3, 4 };
    using S = MidiSource::Type;
    using T = MidiTarget::Type;
    m.bindings = {
        binding (S::note, 10, 36, T::padTrigger, 3, 0),
        binding (S::controller, 0, 21, T::padEqLow, 1, 2),
        binding (S::controller, 1, 22, T::padPitch, 0, 0, MidiSource::Encoding::relativeTwosComplement),
        binding (S::controller, 1, 23, T::padGain, 0, 1, MidiSource::Encoding::relativeBinaryOffset),
        binding (S::controller, 1, 24, T::masterFader, 0, 0, MidiSource::Encoding::relativeSignMagnitude),
        binding (S::pitchBend, 2, 0, T::padPitch, 7, 7),
        binding (S::note, 0, 40, T::padEqHighKill, 2, 2),
        binding (S::note, 0, 41, T::stopAll),
        binding (S::note, 0, 42, T::bankNext),
        binding (S::controller, 0, 43, T::bankPrevious)
    };
    auto select = binding (S::note, 0, 44, T::bankSelect);
    select.target.bank = 5;
    m.bindings.push_back (select);

    MidiMapping back;
    ASSERT_TRUE (MidiMapping::parse (m.toJson(), back).wasOk());
    EXPECT_EQ (back, m);
    EXPECT_EQ (back.bindings.back().target.bank, 5);

    test::TempFolder temp;
    ASSERT_TRUE (m.save (temp / "mine.json").wasOk());
    MidiMapping fromFile;
    ASSERT_TRUE (MidiMapping::load (temp / "mine.json", fromFile).wasOk());
    EXPECT_EQ (fromFile, m);
}

TEST (MidiMapping, MalformedMappingsAreRefusedWithAMessageThatSaysWhere)
{
    const auto refuse = [] (const juce::String& json)
    {
        MidiMapping m = MidiMapping::standard();
        const auto r = MidiMapping::parse (json, m);
        EXPECT_EQ (m, MidiMapping::standard()) << "a refused mapping changes nothing";
        return r.failed() ? r.getErrorMessage() : juce::String ("(accepted)");
    };
    const juce::String head = R"({"format": "PadDeck MIDI mapping", "version": 1, "bindings": [)";

    EXPECT_TRUE (refuse ("{ not json").contains ("not valid JSON"));
    EXPECT_TRUE (refuse (R"({"format": "something else"})").contains ("not a PadDeck MIDI mapping"));
    EXPECT_TRUE (
        refuse (R"({"format": "PadDeck MIDI mapping", "version": 9, "bindings": []})").contains ("newer"));
    EXPECT_TRUE (refuse (head + R"({"source": "note", "number": 300, "target": "stopAll"}]})")
                     .contains ("Binding 1: \"number\" must be a number from 0 to 127"));
    EXPECT_TRUE (refuse (head + R"({"source": "note", "number": 1, "target": "stopAll"},
                                   {"source": "knob", "number": 1, "target": "stopAll"}]})")
                     .contains ("Binding 2"));
    EXPECT_TRUE (refuse (head + R"({"source": "note", "number": 1, "target": "padTrigger"}]})")
                     .contains ("no \"row\" and \"column\""));
    EXPECT_TRUE (refuse (head + R"({"source": "cc", "number": 1, "target": "launchRocket"}]})")
                     .contains ("unknown \"target\""));
    EXPECT_TRUE (refuse (head + R"({"source": "note", "channel": 17, "number": 1, "target": "stopAll"}]})")
                     .contains ("\"channel\""));
}

TEST (MidiMapping, TempoTargetsAndQueuedLedsSurviveAJsonRoundTrip)
{
    using S = MidiSource::Type;
    using T = MidiTarget::Type;
    MidiMapping m;
    m.name = "Tempo";
    m.feedback = { true, 2, 0, 5, 1, 3, 6, false };
    m.bindings = { binding (S::note, 0, 60, T::tapTempo),
                   binding (S::note, 0, 61, T::nudgeSlower),
                   binding (S::controller, 1, 62, T::nudgeFaster),
                   binding (S::controller, 0, 63, T::masterTempo, 0, 0,
                            MidiSource::Encoding::relativeBinaryOffset),
                   binding (S::note, 0, 64, T::padSync, 2, 3),
                   binding (S::controller, 0, 65, T::padQuantize, 7, 0),
                   binding (S::pitchBend, 0, 0, T::globalQuantize),
                   binding (S::note, 16, 66, T::metronome) };
    auto knob = binding (S::controller, 0, 67, T::masterTempo);
    knob.target.minBpm = 160.0;
    knob.target.maxBpm = 185.5;
    m.bindings.push_back (knob);

    MidiMapping back;
    ASSERT_TRUE (MidiMapping::parse (m.toJson(), back).wasOk());
    EXPECT_EQ (back, m);
    EXPECT_EQ (back.feedback.queued, 6);
    EXPECT_FALSE (back.feedback.blink);
    EXPECT_EQ (back.bindings[4].target.row, 2);
    EXPECT_EQ (back.bindings[4].target.column, 3);
    EXPECT_DOUBLE_EQ (back.bindings.back().target.minBpm, 160.0);
    EXPECT_DOUBLE_EQ (back.bindings.back().target.maxBpm, 185.5);
    EXPECT_DOUBLE_EQ (back.bindings[3].target.minBpm, MidiTarget::defaultMinBpm);
    EXPECT_TRUE (m.toJson().contains ("\"padQuantize\"") && m.toJson().contains ("\"queued\""));

    // A knob's range is not part of which control it is: it is the same master tempo.
    EXPECT_EQ (back.indexOf ({ T::masterTempo }), 3);
}

TEST (MidiMapping, AMappingFromBeforeTempoStillReadsAndFlashesItsPlayingColourForQueuedPads)
{
    const auto json = juce::String (R"({"format": "PadDeck MIDI mapping", "version": 1, "name": "Old",
        "feedback": {"enabled": true, "channel": 1, "empty": 0, "loaded": 5, "playing": 1, "missing": 3},
        "bindings": [{"source": "note", "channel": 0, "number": 36, "target": "padTrigger", "row": 3, "column": 0},
                     {"source": "cc", "channel": 0, "number": 7, "encoding": "absolute", "target": "masterFader"}]})");
    MidiMapping m;
    const auto r = MidiMapping::parse (json, m);
    ASSERT_TRUE (r.wasOk()) << r.getErrorMessage();
    EXPECT_EQ (m.bindings.size(), 2u);
    EXPECT_EQ (m.feedback.queued, 1) << "the playing value";
    EXPECT_TRUE (m.feedback.blink) << "flashed, so it differs from playing";
}

TEST (MidiMapping, AMasterTempoKnobRangeOutsideTheTempoRangeIsRefused)
{
    const juce::String head = R"({"format": "PadDeck MIDI mapping", "version": 1, "bindings": [)";
    const auto parse = [&] (const juce::String& binding)
    {
        MidiMapping m;
        const auto r = MidiMapping::parse (head + binding + "]}", m);
        return r.failed() ? r.getErrorMessage() : juce::String ("(accepted)");
    };
    EXPECT_EQ (
        parse (R"({"source": "cc", "number": 1, "target": "masterTempo", "minBpm": 90, "maxBpm": 150})"),
        "(accepted)");
    EXPECT_TRUE (parse (R"({"source": "cc", "number": 1, "target": "masterTempo", "minBpm": 10})")
                     .contains ("Binding 1: \"minBpm\" and \"maxBpm\""));
    EXPECT_TRUE (
        parse (R"({"source": "cc", "number": 1, "target": "masterTempo", "minBpm": 150, "maxBpm": 90})")
            .contains ("the first below the second"));
    EXPECT_TRUE (parse (R"({"source": "cc", "number": 1, "target": "masterTempo", "maxBpm": "fast"})")
                     .contains ("\"maxBpm\""));
    EXPECT_TRUE (parse (R"({"source": "cc", "number": 1, "target": "padSync"})").contains ("\"row\""))
        << "sync is a pad's: it needs the pad";
}

TEST (MidiMapping, TempoTargetsSayWhatTheyAre)
{
    using T = MidiTarget::Type;
    EXPECT_EQ (MidiTarget{ T::tapTempo }.describe(), "Tap tempo");
    EXPECT_EQ ((MidiTarget{ T::padQuantize, 1, 2 }.describe()), "Pad row 2 col 3 quantize");
    EXPECT_EQ ((MidiTarget{ T::padSync, 0, 0 }.toString()), "padSync:0:0");
    EXPECT_EQ (MidiTarget::fromString ("padQuantize:3:4").value_or (MidiTarget{}),
               (MidiTarget{ T::padQuantize, 3, 4 }));
    EXPECT_TRUE (MidiTarget{ T::masterTempo }.isContinuous());
    EXPECT_TRUE (MidiTarget{ T::metronome }.isToggle());
    EXPECT_TRUE (MidiTarget{ T::nudgeFaster }.isMomentary());
    EXPECT_TRUE (MidiTarget{ T::globalQuantize }.isSelector());
    EXPECT_EQ (MidiTarget{ T::globalQuantize }.numChoices(), 7);
    EXPECT_EQ (MidiTarget{ T::padQuantize }.numChoices(), 8) << "Global, then Off ... 4 bars";
    for (auto type : { T::tapTempo, T::nudgeSlower, T::nudgeFaster, T::masterTempo, T::padSync,
                       T::padQuantize, T::globalQuantize, T::metronome })
        EXPECT_FALSE (MidiTarget{ type }.firesInEngine()) << toString (type);
}

TEST (MidiMapping, RelativeEncodingsStepBothWays)
{
    MidiSource twos{ MidiSource::Type::controller, 0, 1, MidiSource::Encoding::relativeTwosComplement };
    MidiSource offset{ MidiSource::Type::controller, 0, 1, MidiSource::Encoding::relativeBinaryOffset };
    MidiSource sign{ MidiSource::Type::controller, 0, 1, MidiSource::Encoding::relativeSignMagnitude };

    EXPECT_EQ (twos.relativeStep (1), 1);
    EXPECT_EQ (twos.relativeStep (127), -1);
    EXPECT_EQ (twos.relativeStep (3), 3);
    EXPECT_EQ (twos.relativeStep (125), -3);
    EXPECT_EQ (offset.relativeStep (65), 1);
    EXPECT_EQ (offset.relativeStep (63), -1);
    EXPECT_EQ (offset.relativeStep (64), 0);
    EXPECT_EQ (sign.relativeStep (1), 1);
    EXPECT_EQ (sign.relativeStep (65), -1);
    EXPECT_EQ (sign.relativeStep (67), -3);
}

TEST (MidiMapping, LearningReplacesBindingsThatShareTheSourceOrTheTarget)
{
    using S = MidiSource::Type;
    using T = MidiTarget::Type;
    MidiMapping m;
    m.learn (binding (S::controller, 1, 21, T::padEqLow, 0, 0));
    m.learn (binding (S::controller, 1, 22, T::padEqMid, 0, 0));
    m.learn (binding (S::controller, 1, 21, T::padGain, 0, 0)); // CC 21 now drives gain instead
    ASSERT_EQ (m.bindings.size(), 2u);
    EXPECT_EQ (m.indexOf ({ T::padEqLow, 0, 0 }), -1);
    EXPECT_EQ (m.indexOf ({ T::padGain, 0, 0 }), 1);

    m.learn (binding (S::controller, 1, 30, T::padEqMid, 0, 0)); // the mid knob moves to CC 30
    ASSERT_EQ (m.bindings.size(), 2u);
    EXPECT_EQ (m.bindings[(size_t) m.indexOf ({ T::padEqMid, 0, 0 })].source.number, 30);

    m.remove (0);
    EXPECT_EQ (m.bindings.size(), 1u);
}

/** Which slot (row × columns + column) each note plays in a grid, per the compiled trigger table. */
static std::map<int, int> notesToSlots (const MidiMapping& mapping, int rows, int columns)
{
    const auto map = MidiTriggerMap::compile (mapping, rows, columns);
    std::map<int, int> slots;
    for (int note = 0; note < 128; ++note)
        if (const auto& a = map.forNote (1, note); a.kind == MidiTriggerMap::Action::Kind::pad)
            slots[note] = a.value;
    return slots;
}

static MidiMapping preset (const juce::String& name)
{
    MidiMapping m;
    const auto r = MidiMapping::load (MidiPresets::folder().getChildFile (name + ".json"), m);
    EXPECT_TRUE (r.wasOk()) << r.getErrorMessage();
    return m;
}

TEST (MidiPresets, EveryShippedPresetLoads)
{
    const auto files = MidiPresets::list();
    ASSERT_GE (files.size(), 3);
    for (auto& f : files)
    {
        MidiMapping m;
        const auto r = MidiMapping::load (f, m);
        EXPECT_TRUE (r.wasOk()) << r.getErrorMessage();
        EXPECT_TRUE (m.name.isNotEmpty() && m.description.isNotEmpty()) << f.getFileName();
    }
}

TEST (MidiPresets, Generic4x4PadsPlayNotes36To51FromTheBottomLeft)
{
    const auto m = preset ("Generic 4x4 pads");
    auto standard = MidiMapping::standard();
    standard.description = m.description;
    EXPECT_EQ (m, standard) << "a set without a mapping plays the generic pads";

    const auto slots = notesToSlots (m, 4, 4);
    ASSERT_EQ (slots.size(), 16u);
    EXPECT_EQ (slots.begin()->first, 36);
    EXPECT_EQ (slots.rbegin()->first, 51);
    EXPECT_EQ (slots.at (36), 12); // bottom-left
    EXPECT_EQ (slots.at (39), 15); // bottom-right
    EXPECT_EQ (slots.at (48), 0);  // top-left
    EXPECT_EQ (slots.at (51), 3);  // top-right
}

TEST (MidiPresets, ApcMiniGridIsNotes0To63FromTheBottomLeftWithLeds)
{
    const auto m = preset ("Akai APC mini");
    const auto slots = notesToSlots (m, 8, 8);
    ASSERT_EQ (slots.size(), 64u);
    for (int note = 0; note < 64; ++note)
        EXPECT_EQ (slots.at (note), (7 - note / 8) * 8 + note % 8) << "note " << note;

    const auto map = MidiTriggerMap::compile (m, 8, 8);
    EXPECT_EQ (map.forNote (1, 66).kind, MidiTriggerMap::Action::Kind::bankPrevious);
    EXPECT_EQ (map.forNote (1, 67).kind, MidiTriggerMap::Action::Kind::bankNext);
    EXPECT_EQ (map.forNote (1, 89).kind, MidiTriggerMap::Action::Kind::stopAll);
    EXPECT_EQ (m.bindings[(size_t) m.indexOf ({ MidiTarget::Type::masterFader })].source.number, 56);
    EXPECT_EQ (m.feedback.playing, 1); // green
    EXPECT_EQ (m.feedback.loaded, 5);  // yellow
    EXPECT_EQ (m.feedback.queued, 6);  // yellow, flashed by the APC itself
    EXPECT_FALSE (m.feedback.blink);

    // On a 4x4 grid the APC's top-left quarter plays it.
    const auto small = notesToSlots (m, 4, 4);
    ASSERT_EQ (small.size(), 16u);
    EXPECT_EQ (small.at (56), 0);
    EXPECT_EQ (small.at (35), 15);
}

TEST (MidiPresets, LaunchpadProgrammerModeGridIsNotes11To88)
{
    const auto m = preset ("Novation Launchpad (programmer mode)");
    const auto slots = notesToSlots (m, 8, 8);
    ASSERT_EQ (slots.size(), 64u);
    for (int row = 0; row < 8; ++row)
        for (int column = 0; column < 8; ++column)
            EXPECT_EQ (slots.at ((8 - row) * 10 + column + 1), row * 8 + column);
    EXPECT_EQ (slots.begin()->first, 11);
    EXPECT_EQ (slots.rbegin()->first, 88);

    // Programmer mode flashes an LED only on channel 2; the mapping lights on one channel, so
    // PadDeck flashes the orange itself.
    EXPECT_EQ (m.feedback.queued, 9);
    EXPECT_TRUE (m.feedback.blink);

    const auto map = MidiTriggerMap::compile (m, 8, 8);
    EXPECT_EQ (map.forController (1, 93).kind, MidiTriggerMap::Action::Kind::bankPrevious);
    EXPECT_EQ (map.forController (1, 94).kind, MidiTriggerMap::Action::Kind::bankNext);
}

TEST (MidiTriggerMap, AChannelBindingWinsOverAnOmniOneAndOmniCoversEveryChannel)
{
    MidiMapping m;
    m.bindings = { binding (MidiSource::Type::note, 0, 60, MidiTarget::Type::padTrigger, 0, 0),
                   binding (MidiSource::Type::note, 10, 60, MidiTarget::Type::padTrigger, 0, 1) };
    const auto map = MidiTriggerMap::compile (m, 4, 4);
    EXPECT_EQ (map.forNote (1, 60).value, 0);
    EXPECT_EQ (map.forNote (16, 60).value, 0);
    EXPECT_EQ (map.forNote (10, 60).value, 1);
    EXPECT_EQ (map.forNote (10, 61).kind, MidiTriggerMap::Action::Kind::none);
}

} // namespace paddeck
