#include "Model/AppFolders.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST (AppFolders, AssetsAreFoundBesideTheProgramOrOneFolderUp)
{
    test::TempFolder temp;
    // An install: <prefix>/bin/PadDeck and <prefix>/share/paddeck.
    (temp / "prefix/share/paddeck").createDirectory();
    (temp / "prefix/bin").createDirectory();
    EXPECT_EQ (AppFolders::assetsFor (temp / "prefix/bin/PadDeck"), temp / "prefix/share/paddeck");
    // A build tree: the program with share/paddeck beside it.
    (temp / "build/share/paddeck").createDirectory();
    EXPECT_EQ (AppFolders::assetsFor (temp / "build/PadDeck"), temp / "build/share/paddeck");
    // Neither: nothing, rather than a guess.
    (temp / "bare").createDirectory();
    EXPECT_EQ (AppFolders::assetsFor (temp / "bare/PadDeck"), juce::File());

    // This test program (Builds/build/Tests) finds the build tree's copy one folder up.
    EXPECT_TRUE (AppFolders::assets().getChildFile ("DemoBank/Demo.paddeck").existsAsFile());
    EXPECT_TRUE (AppFolders::assets().getChildFile ("MidiPresets").isDirectory());
}

TEST (AppFolders, UserDataFollowsXdgDataHome)
{
    setenv ("XDG_DATA_HOME", "/tmp/somewhere", 1);
    EXPECT_EQ (AppFolders::userData(), juce::File ("/tmp/somewhere/PadDeck"));
    setenv ("XDG_DATA_HOME", "relative/is/invalid", 1);
    EXPECT_EQ (AppFolders::userData(), juce::File ("~/.local/share/PadDeck"));
    unsetenv ("XDG_DATA_HOME");
    EXPECT_EQ (AppFolders::userData(), juce::File ("~/.local/share/PadDeck"));
}

TEST (AppFolders, TheDemoIsCopiedOnceAndTheUsersCopyIsNeverOverwritten)
{
    test::TempFolder temp;
    setenv ("XDG_DATA_HOME", temp.folder.getFullPathName().toRawUTF8(), 1);

    juce::File demo;
    ASSERT_TRUE (AppFolders::copyDemoForUser (demo).wasOk());
    EXPECT_EQ (demo, temp / "PadDeck/Demo/Demo.paddeck");
    EXPECT_TRUE (demo.existsAsFile());
    EXPECT_EQ (demo.getParentDirectory().findChildFiles (juce::File::findFiles, false, "*.wav").size(), 16);
    EXPECT_FALSE ((temp / "PadDeck/.Demo-copying").exists());

    // The user's edits stay.
    demo.replaceWithText ("mine");
    ASSERT_TRUE (AppFolders::copyDemoForUser (demo).wasOk());
    EXPECT_EQ (demo.loadFileAsString(), "mine");

    // A folder left without its set (an interrupted copy of an older build, or by hand) is kept
    // aside, and a whole new copy is made.
    demo.deleteFile();
    ASSERT_TRUE (AppFolders::copyDemoForUser (demo).wasOk());
    EXPECT_TRUE (demo.loadFileAsString().contains ("PadDeck set"));
    EXPECT_EQ ((temp / "PadDeck").findChildFiles (juce::File::findDirectories, false, "Demo*").size(), 2)
        << "the old folder, kept aside, and the new copy";
    unsetenv ("XDG_DATA_HOME");
}

} // namespace paddeck
