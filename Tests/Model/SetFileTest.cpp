#include "Model/SetFile.h"
#include "Model/DurableFile.h"
#include "Model/Identifiers.h"
#include "Model/PadSettings.h"
#include "Support/TestAudio.h"
#include "Support/TreeCompare.h"

#include <unistd.h>

#include <gtest/gtest.h>

namespace paddeck
{

static PadSettings everyFieldSet (const juce::String& file)
{
    PadSettings s;
    s.name = "Kick \"deep\"";
    s.file = file;
    s.semitones = -7;
    s.cents = 12.5f;
    s.pitchMode = PitchMode::keyLock;
    s.eqLowDb = 3.0f;
    s.eqMidDb = -12.0f;
    s.eqHighDb = 6.0f;
    s.eqLowKill = true;
    s.eqHighKill = true;
    s.gainDb = -3.5f;
    s.playMode = PlayMode::gateLoop;
    s.chokeGroup = 3;
    s.velocitySensitive = false;
    s.startFrame = 1234;
    s.loopStart = 2000;
    s.loopEnd = 96000;
    s.endFrame = 120001;
    s.reverse = true;
    s.fadeInMs = 12.5f;
    s.fadeOutMs = 250.0f;
    s.bpm = 127.96;
    s.bpmSource = "typed";
    s.downbeat = 480;
    s.sync = true;
    s.quantize = (int) Quantize::twoBars;
    s.inPhase = true;
    s.quantizeStop = false;
    return s;
}

TEST (SetFile, RoundTripsEveryFieldWithPathsRelativeToTheSet)
{
    juce::TemporaryFile folder ("paddeck-set");
    const auto dir = folder.getFile();
    dir.createDirectory();
    const auto setFile = dir.getChildFile ("live.paddeck");
    const auto sampleFile = dir.getChildFile ("samples/kick.wav");

    auto set = SetFile::createEmptySet();
    set.setProperty (IDs::masterGainDb, -4.5, nullptr).setProperty (IDs::currentBank, 2, nullptr);
    set.setProperty (IDs::tempoBpm, 93.25, nullptr)
        .setProperty (IDs::beatsPerBar, 7, nullptr)
        .setProperty (IDs::quantize, "1/8", nullptr)
        .setProperty (IDs::metronome, true, nullptr);
    set.getChild (2).getChild (5).copyPropertiesFrom (
        everyFieldSet (sampleFile.getFullPathName()).toValueTree(), nullptr);

    ASSERT_TRUE (SetFile::save (set, setFile).wasOk());
    EXPECT_TRUE (setFile.loadFileAsString().contains ("\"samples/kick.wav\""));

    juce::ValueTree loaded;
    ASSERT_TRUE (SetFile::load (setFile, loaded).wasOk());
    EXPECT_TRUE (loaded.isEquivalentTo (set)) << loaded.toXmlString() << set.toXmlString();
    EXPECT_EQ (PadSettings::fromValueTree (loaded.getChild (2).getChild (5)),
               everyFieldSet (sampleFile.getFullPathName()));
    dir.deleteRecursively();
}

TEST (SetFile, AVersionOneSetOpensUnchangedWithTheTempoDefaults)
{
    // Written by the PadDeck before tempo: every field it had reads back as it was; the tempo
    // fields are the defaults, and the pad's tempo is left to be found (no bpm key).
    const auto json = juce::String (R"({"format": "PadDeck set", "version": 1, "masterGainDb": -6.0,
        "gridRows": 4, "gridColumns": 4, "currentBank": 1,
        "banks": [ {"name": "A", "pads": [ {"index": 3, "name": "Break", "file": "/x/break.wav", "semitones": 2,
                   "cents": 0.0, "pitchMode": "keyLock", "eqLowDb": 0.0, "eqMidDb": -3.0, "eqHighDb": 0.0,
                   "eqLowKill": false, "eqMidKill": false, "eqHighKill": true, "gainDb": -1.0,
                   "playMode": "loop", "loop": true, "chokeGroup": 2, "velocity": false,
                   "startFrame": 10, "loopStart": 20, "loopEnd": 30000} ]} ]})");
    juce::ValueTree set;
    ASSERT_TRUE (SetFile::parse (json, set).wasOk());
    EXPECT_EQ ((double) set[IDs::masterGainDb], -6.0);
    EXPECT_EQ ((int) set[IDs::currentBank], 1);
    EXPECT_EQ ((double) set[IDs::tempoBpm], SetFile::defaultTempoBpm);
    EXPECT_EQ ((int) set[IDs::beatsPerBar], 4);
    EXPECT_EQ (set[IDs::quantize].toString(), "1bar");
    EXPECT_FALSE ((bool) set[IDs::metronome]);

    const auto pad = PadSettings::fromValueTree (set.getChild (0).getChild (3));
    EXPECT_EQ (pad.name, "Break");
    EXPECT_EQ (pad.semitones, 2);
    EXPECT_EQ (pad.pitchMode, PitchMode::keyLock);
    EXPECT_EQ (pad.eqMidDb, -3.0f);
    EXPECT_TRUE (pad.eqHighKill);
    EXPECT_EQ (pad.playMode, PlayMode::loop);
    EXPECT_EQ (pad.chokeGroup, 2);
    EXPECT_FALSE (pad.velocitySensitive);
    EXPECT_EQ (pad.loopEnd, 30000);
    EXPECT_EQ (pad.bpm, PadSettings::unknownBpm);
    EXPECT_FALSE (set.getChild (0).getChild (3).hasProperty (IDs::bpm));
    EXPECT_FALSE (pad.sync);
    EXPECT_EQ (pad.quantize, PadSettings::followGlobal);

    // A tempo out of range in a set is refused with a message.
    juce::ValueTree refused;
    const auto r =
        SetFile::parse (R"({"format": "PadDeck set", "version": 2, "tempoBpm": 999, "banks": []})", refused);
    EXPECT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("999")) << r.getErrorMessage();
}

TEST (SetFile, AnOldSetsPadsPlayTheWholeFileForwardsUnfaded)
{
    juce::ValueTree set;
    const auto json = R"({"format": "PadDeck set", "version": 1, "banks": [{"name": "A", "pads": [
        {"index": 0, "name": "kick", "file": "/k.wav", "startFrame": 100, "loopEnd": 2000}]}]})";
    ASSERT_TRUE (SetFile::parse (json, set).wasOk());
    const auto pad = PadSettings::fromValueTree (set.getChild (0).getChild (0));
    EXPECT_EQ (pad.startFrame, 100);
    EXPECT_EQ (pad.endFrame, -1);
    EXPECT_FALSE (pad.reverse);
    EXPECT_EQ (pad.fadeInMs, 0.0f);
    EXPECT_EQ (pad.fadeOutMs, 0.0f);
    EXPECT_FALSE (pad.isShaped());

    // Values out of range (a hand-edited set) are brought back into it.
    juce::ValueTree odd (IDs::PAD);
    odd.setProperty (IDs::endFrame, -50, nullptr)
        .setProperty (IDs::fadeInMs, -3.0, nullptr)
        .setProperty (IDs::fadeOutMs, 1.0e9, nullptr);
    const auto clamped = PadSettings::fromValueTree (odd);
    EXPECT_EQ (clamped.endFrame, -1);
    EXPECT_EQ (clamped.fadeInMs, 0.0f);
    EXPECT_EQ (clamped.fadeOutMs, PadSettings::maxFadeMs);
}

TEST (SetFile, AnOldSetsLoopFlagBecomesTheLoopingPlayModeItSoundedLike)
{
    // Before play modes held looping, a "loop" flag sat beside the mode.
    const std::pair<const char*, PlayMode> ticked[] = { { "oneShot", PlayMode::loop },
                                                        { "loop", PlayMode::loop },
                                                        { "gate", PlayMode::gateLoop },
                                                        { "toggle", PlayMode::loop },
                                                        { "retrigger", PlayMode::loop } };
    for (const auto& [mode, becomes] : ticked)
        for (const bool loop : { true, false })
        {
            SCOPED_TRACE (juce::String (mode) + (loop ? " with loop" : " without loop"));
            const auto json =
                juce::String (R"({"format": "PadDeck set", "version": 2, "banks": [ {"name": "A",
                "pads": [ {"index": 0, "file": "/x/a.wav", "playMode": ")")
                + mode + "\", \"loop\": " + (loop ? "true" : "false") + "} ]} ]}";
            juce::ValueTree set;
            ASSERT_TRUE (SetFile::parse (json, set).wasOk()) << json;
            const auto pad = set.getChild (0).getChild (0);
            PlayMode asWritten = PlayMode::oneShot;
            ASSERT_TRUE (parsePlayMode (mode, asWritten));
            EXPECT_EQ (PadSettings::fromValueTree (pad).playMode, loop ? becomes : asWritten);
            EXPECT_FALSE (pad.hasProperty (IDs::loop)) << "the set in memory, and so every save, has no flag";
            EXPECT_FALSE (SetFile::toJson (set, {}).contains ("\"loop\":")) << SetFile::toJson (set, {});
        }
}

TEST (SetFile, RefusesMalformedAndNewerSetsWithAMessage)
{
    juce::ValueTree set;
    auto r = SetFile::parse ("{ not json", set);
    EXPECT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("JSON"));

    r = SetFile::parse (R"({"format": "PadDeck set", "version": 99, "banks": []})", set);
    EXPECT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("newer PadDeck"));

    r = SetFile::parse (R"({"format": "something else", "version": 1})", set);
    EXPECT_TRUE (r.failed());

    r = SetFile::parse (R"({"format": "PadDeck set", "version": 1, "banks": [{"pads": [{"index": 99}]}]})",
                        set);
    EXPECT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("index 99"));
    EXPECT_FALSE (set.isValid()); // nothing was changed
}

TEST (SetFile, IgnoresUnknownKeysSoNewerMinorAdditionsStillOpen)
{
    juce::ValueTree set;
    const auto r = SetFile::parse (
        R"({"format": "PadDeck set", "version": 1, "futureThing": 3,
            "banks": [{"name": "Drums", "pads": [{"index": 0, "file": "/a.wav", "sparkle": true, "semitones": 5}]}]})",
        set);
    ASSERT_TRUE (r.wasOk()) << r.getErrorMessage();
    EXPECT_EQ (set.getChild (0)[IDs::name].toString(), "Drums");
    EXPECT_EQ ((int) set.getChild (0).getChild (0)[IDs::semitones], 5);
    EXPECT_EQ (set.getNumChildren(), SetFile::defaultBanks);
}

/** A 4x8 set with renamed banks, master, current bank, an unknown SET property and pads in
    several banks, each with every setting away from its default. */
static juce::ValueTree richSet (const juce::File& insideFolder, const juce::File& elsewhere)
{
    auto set = SetFile::createEmptySet (SetFile::defaultBanks, 4, 8);
    set.setProperty (IDs::masterGainDb, -7.25, nullptr)
        .setProperty (IDs::currentBank, 3, nullptr)
        .setProperty ("laterFeature", "kept as is", nullptr);
    for (int b = 0; b < set.getNumChildren(); ++b)
        set.getChild (b).setProperty (IDs::name, "Bank " + juce::String (b) + " \"live\"", nullptr);

    const std::pair<int, int> pads[] = { { 0, 0 }, { 0, 31 }, { 3, 12 }, { 7, 5 } };
    for (int i = 0; i < (int) std::size (pads); ++i)
    {
        auto s = everyFieldSet ((i % 2 == 0 ? insideFolder : elsewhere)
                                    .getChildFile ("s" + juce::String (i) + ".wav")
                                    .getFullPathName());
        s.name << " " << i;
        s.semitones += i;
        s.cents -= (float) i;
        s.pitchMode = i % 2 == 0 ? PitchMode::keyLock : PitchMode::varispeed;
        s.eqMidKill = i % 2 == 1;
        s.gainDb -= (float) i;
        s.playMode = (PlayMode) (i + 1);
        s.chokeGroup = i + 1;
        s.loopEnd += i;
        set.getChild (pads[i].first).getChild (pads[i].second).copyPropertiesFrom (s.toValueTree(), nullptr);
    }
    return set;
}

TEST (SetFile, EverySettingOfEveryPadInEveryBankSavesAndReloadsIdentically)
{
    test::TempFolder temp;
    const auto setFile = temp / "sets/live.paddeck";
    setFile.getParentDirectory().createDirectory();
    const auto set = richSet (temp / "sets/samples", temp / "elsewhere");

    ASSERT_TRUE (SetFile::save (set, setFile).wasOk());
    const auto json = setFile.loadFileAsString();
    EXPECT_TRUE (json.contains ("\"samples/s0.wav\"")) << "inside the set's folder: relative";
    EXPECT_TRUE (json.contains ((temp / "elsewhere/s1.wav").getFullPathName())) << "outside: absolute";

    juce::ValueTree loaded;
    ASSERT_TRUE (SetFile::load (setFile, loaded).wasOk());
    EXPECT_TRUE (test::sameTree (set, loaded));
    EXPECT_EQ ((int) loaded[IDs::gridColumns], 8);
    EXPECT_EQ (loaded["laterFeature"].toString(), "kept as is") << "unknown SET properties round-trip";

    // And a second round changes nothing either.
    ASSERT_TRUE (SetFile::save (loaded, setFile).wasOk());
    EXPECT_EQ (setFile.loadFileAsString(), json);
}

TEST (SetFile, AnInterruptedSaveLeavesTheOldFileByteIdenticalAndNoTemporaryFile)
{
    test::TempFolder temp;
    const auto setFile = temp / "live.paddeck";
    auto set = richSet (temp.folder, temp.folder);
    ASSERT_TRUE (SetFile::save (set, setFile).wasOk());
    const auto before = test::bytesOf (setFile);

    set.setProperty (IDs::masterGainDb, 3.0, nullptr);
    for (const juce::int64 failAfter :
         { (juce::int64) 0, (juce::int64) 1, (juce::int64) 100, (juce::int64) before.getSize() / 2 })
    {
        const DurableFile::ScopedWriteFailure failure (failAfter);
        const auto r = SetFile::save (set, setFile);
        ASSERT_TRUE (r.failed()) << "failing after " << failAfter << " bytes";
        EXPECT_TRUE (r.getErrorMessage().contains ("live.paddeck")) << r.getErrorMessage();
        EXPECT_TRUE (r.getErrorMessage().contains ("untouched")) << r.getErrorMessage();
        EXPECT_EQ (test::bytesOf (setFile), before);
        const auto left = temp.folder.findChildFiles (juce::File::findFilesAndDirectories, false);
        ASSERT_EQ (left.size(), 1) << left[1].getFullPathName();
        EXPECT_EQ (left[0], setFile);
    }

    ASSERT_TRUE (SetFile::save (set, setFile).wasOk()) << "with the disk working again, it saves";
    juce::ValueTree loaded;
    ASSERT_TRUE (SetFile::load (setFile, loaded).wasOk());
    EXPECT_EQ ((double) loaded[IDs::masterGainDb], 3.0);
}

TEST (SetFile, SavingWhereItCannotWriteGivesAClearMessageAndKeepsTheOldFile)
{
    test::TempFolder temp;
    const auto set = SetFile::createEmptySet();

    (temp / "a file").replaceWithText ("not a folder");
    auto r = SetFile::save (set, temp / "a file/live.paddeck");
    ASSERT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("does not exist")) << r.getErrorMessage();

    (temp / "folder.paddeck").createDirectory();
    r = SetFile::save (set, temp / "folder.paddeck");
    ASSERT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("is a folder")) << r.getErrorMessage();

    const auto locked = temp / "locked";
    locked.createDirectory();
    ASSERT_TRUE (SetFile::save (set, locked.getChildFile ("live.paddeck")).wasOk());
    const auto before = test::bytesOf (locked.getChildFile ("live.paddeck"));
    locked.setReadOnly (true, false);
    if (::access (locked.getFullPathName().toRawUTF8(), W_OK) == 0)
    {
        locked.setReadOnly (false, false);
        GTEST_SKIP() << "running as root: a read-only folder is still writable";
    }
    r = SetFile::save (SetFile::createEmptySet (2), locked.getChildFile ("live.paddeck"));
    locked.setReadOnly (false, false);
    ASSERT_TRUE (r.failed());
    EXPECT_TRUE (r.getErrorMessage().contains ("not writable")) << r.getErrorMessage();
    EXPECT_EQ (test::bytesOf (locked.getChildFile ("live.paddeck")), before);
}

TEST (SetFile, MalformedForeignAndFutureFilesAreRefusedWithAMessageAndLeftByteIdentical)
{
    test::TempFolder temp;
    const std::pair<const char*, const char*> cases[] = {
        { "{ \"format\": \"PadDeck set\", \"version\": 1, \"banks\": [", "not valid JSON" },
        { R"({"format": "Other app", "version": 1, "banks": []})", "not a PadDeck set" },
        { R"({"format": "PadDeck set", "version": 3, "banks": []})", "newer PadDeck" },
        { R"({"format": "PadDeck set", "version": 1})", "no \"banks\"" },
        { "", "empty" },
    };

    for (const auto& [text, expected] : cases)
    {
        const auto file = temp / "bad.paddeck";
        file.replaceWithText (text);
        const auto before = test::bytesOf (file);
        auto set = SetFile::createEmptySet();
        const auto untouched = set.createCopy();

        const auto r = SetFile::load (file, set);
        ASSERT_TRUE (r.failed()) << text;
        EXPECT_TRUE (r.getErrorMessage().contains (expected)) << r.getErrorMessage();
        EXPECT_TRUE (r.getErrorMessage().contains ("bad.paddeck")) << r.getErrorMessage();
        EXPECT_TRUE (test::sameTree (untouched, set));
        EXPECT_EQ (test::bytesOf (file), before);
    }
}

TEST (SetFile, TheAutosaveHoldsAbsolutePathsAndTheSetItBelongsTo)
{
    test::TempFolder temp;
    const auto set = richSet (temp / "sets/samples", temp / "elsewhere");
    const auto autosave = temp / "settings/Autosave.paddeck";
    autosave.getParentDirectory().createDirectory();

    ASSERT_TRUE (SetFile::saveAutosave (set, autosave, temp / "sets/live.paddeck").wasOk());
    EXPECT_TRUE (autosave.loadFileAsString().contains ((temp / "sets/samples/s0.wav").getFullPathName()));

    juce::ValueTree loaded;
    juce::File of;
    ASSERT_TRUE (SetFile::loadAutosave (autosave, loaded, of).wasOk());
    EXPECT_EQ (of, temp / "sets/live.paddeck");
    EXPECT_TRUE (test::sameTree (set, loaded));
    EXPECT_FALSE (loaded.hasProperty ("autosaveOf"));

    ASSERT_TRUE (SetFile::saveAutosave (set, autosave, {}).wasOk());
    ASSERT_TRUE (SetFile::loadAutosave (autosave, loaded, of).wasOk());
    EXPECT_EQ (of, juce::File()) << "an untitled set";
}

TEST (SetFile, ASampleNamedWithALeadingTildeIsBesideTheSetNotInSomeonesHome)
{
    // JUCE reads "~name/..." as a user's home; a sample called "~16 Hat.wav" once made a path with
    // no root, and saving the set recursed until the stack overflowed (found by SetFileFuzzer).
    const juce::File setFile ("/tmp/sets/Live.paddeck");
    const auto sample = SetFile::resolve ("~16 Hat Loop.wav", setFile);
    EXPECT_EQ (sample.getFullPathName(), "/tmp/sets/~16 Hat Loop.wav");
    EXPECT_EQ (SetFile::makeStoredPath (sample, setFile), "~16 Hat Loop.wav");
    EXPECT_EQ (SetFile::resolve ("/abs/kick.wav", setFile).getFullPathName(), "/abs/kick.wav");
    EXPECT_EQ (SetFile::resolve ("~/kick.wav", setFile), juce::File ("~/kick.wav"));
}

} // namespace paddeck
