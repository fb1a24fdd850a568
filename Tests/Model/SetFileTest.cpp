#include "Model/SetFile.h"
#include "Model/Identifiers.h"
#include "Model/PadSettings.h"

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
    s.playMode = PlayMode::gate;
    s.loop = true;
    s.chokeGroup = 3;
    s.velocitySensitive = false;
    s.startFrame = 1234;
    s.loopStart = 2000;
    s.loopEnd = 96000;
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

} // namespace paddeck
