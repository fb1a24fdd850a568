#include "Support/InstalledTree.h"
#include "Support/TestServers.h"
#include "UI/MainComponent.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>
#include <juce_graphics/juce_graphics.h>

namespace paddeck
{

/** The installed PadDeck, moved away from where it was installed and run from another folder with
    the source and build trees out of sight: it finds its demo bank, presets and icon by itself, and
    writes only into the user's folders (XDG_DATA_HOME and the settings folder, both temporary). */
struct InstalledApp : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE (tree.isReady()) << tree.getLog();
        if (!test::InstalledTree::canHideSourceTree())
            std::cout << "note: no private mount namespace here; the source tree stays visible\n";
        setenv ("XDG_DATA_HOME", dataHome.getFullPathName().toRawUTF8(), 1);
        setenv ("PADDECK_SETTINGS_DIR", settingsDir.getFullPathName().toRawUTF8(), 1);
        before = tree.snapshot();
    }

    void TearDown() override
    {
        unsetenv ("XDG_DATA_HOME");
        unsetenv ("PADDECK_SETTINGS_DIR");
        EXPECT_EQ (tree.snapshot(), before) << "a run wrote under the installed prefix";
    }

    juce::String logText() const { return settingsDir.getChildFile ("PadDeck.log").loadFileAsString(); }

    test::InstalledTree tree;
    juce::File dataHome = tree.getScratch().getChildFile ("data");
    juce::File settingsDir = tree.getScratch().getChildFile ("settings");
    juce::StringArray before;
};

TEST_F (InstalledApp, HoldsTheBinaryDemoBankPresetsAndIcons)
{
    EXPECT_TRUE (tree.getShare().getChildFile ("DemoBank/Demo.paddeck").existsAsFile());
    EXPECT_EQ (tree.getShare()
                   .getChildFile ("DemoBank")
                   .findChildFiles (juce::File::findFiles, false, "*.wav")
                   .size(),
               16);
    EXPECT_EQ (tree.getShare()
                   .getChildFile ("MidiPresets")
                   .findChildFiles (juce::File::findFiles, false, "*.json")
                   .size(),
               3);
    EXPECT_TRUE (tree.getShare().getChildFile ("Icon.png").existsAsFile());
    EXPECT_TRUE (tree.getPrefix()
                     .getChildFile ("share/icons/hicolor/scalable/apps/org.paddeck.PadDeck.svg")
                     .existsAsFile());
    EXPECT_TRUE (tree.getPrefix()
                     .getChildFile ("share/icons/hicolor/48x48/apps/org.paddeck.PadDeck.png")
                     .existsAsFile());
    EXPECT_TRUE (
        tree.getPrefix().getChildFile ("share/applications/org.paddeck.PadDeck.desktop").existsAsFile());
    EXPECT_TRUE (
        tree.getPrefix().getChildFile ("share/metainfo/org.paddeck.PadDeck.metainfo.xml").existsAsFile());
    EXPECT_TRUE (
        tree.getPrefix().getChildFile ("share/mime/packages/org.paddeck.PadDeck.xml").existsAsFile());
    EXPECT_FALSE (tree.getShare().getChildFile ("DemoBank/GenerateDemoBank.cpp").exists());

    // No path into the source or build tree is baked into the program.
    const auto binary = tree.getBinary().loadFileAsString();
    EXPECT_FALSE (binary.contains (PADDECK_SOURCE_DIR "/Assets"));
}

TEST_F (InstalledApp, PrintsItsVersionFromAnotherFolder)
{
    std::string out;
    EXPECT_EQ (tree.run ({ "--version" }, &out), 0) << out;
    EXPECT_NE (out.find (std::string ("PadDeck ") + PADDECK_VERSION), std::string::npos) << out;
}

TEST_F (InstalledApp, FirstStartCopiesTheDemoToTheUsersDataAndShowsItWithTheIcon)
{
    ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
    const auto png = tree.getScratch().getChildFile ("installed.png");
    std::string out;
    ASSERT_EQ (tree.run ({ "--screenshot", png.getFullPathName().toStdString() }, &out, 90), 0) << out;

    // The user's copy of the demo, opened from there.
    const auto demo = dataHome.getChildFile ("PadDeck/Demo/Demo.paddeck");
    ASSERT_TRUE (demo.existsAsFile());
    EXPECT_EQ (demo.getParentDirectory().findChildFiles (juce::File::findFiles, false, "*.wav").size(), 16);
    const auto log = logText();
    EXPECT_TRUE (log.contains ("Set: " + demo.getFullPathName())) << log;
    EXPECT_TRUE (log.contains ("Assets: " + tree.getShare().getFullPathName() + "; MIDI presets: 3")) << log;

    const auto image = juce::ImageFileFormat::loadFrom (png);
    ASSERT_TRUE (image.isValid()) << out;
    EXPECT_EQ (image.getWidth(), MainComponent::defaultWidth);

    // The icon in the header: its lit-pad green (#3ddc84) is there, drawn from the installed PNG.
    int green = 0;
    for (int y = 8; y < 40; ++y)
        for (int x = 14; x < 54; ++x)
        {
            const auto c = image.getPixelAt (x, y);
            green += (std::abs (c.getRed() - 0x3d) < 24 && std::abs (c.getGreen() - 0xdc) < 24
                      && std::abs (c.getBlue() - 0x84) < 24)
                         ? 1
                         : 0;
        }
    EXPECT_GT (green, 12) << "no icon in the header";

    // A second start opens the user's copy again and copies nothing over it.
    demo.replaceWithText (demo.loadFileAsString().replace ("\"Demo\"", "\"Mine\""));
    ASSERT_EQ (tree.run ({ "--screenshot", png.getFullPathName().toStdString() }, &out, 90), 0) << out;
    EXPECT_TRUE (demo.loadFileAsString().contains ("\"Mine\""));
}

TEST_F (InstalledApp, RendersTheInstalledDemoSet)
{
    // Note 48 plays the top-left pad (the demo's kick) through the standard mapping, at 0.25 s.
    juce::MidiMessageSequence track;
    track.addEvent (juce::MidiMessage::tempoMetaEvent (500000), 0);
    track.addEvent (juce::MidiMessage::noteOn (1, 48, (juce::uint8) 127), 480);
    track.addEvent (juce::MidiMessage::noteOff (1, 48), 960);
    track.updateMatchedPairs();
    juce::MidiFile midi;
    midi.setTicksPerQuarterNote (960);
    midi.addTrack (track);
    const auto midiFile = tree.getWorkingFolder().getChildFile ("kick.mid");
    {
        juce::FileOutputStream out (midiFile);
        midi.writeTo (out);
    }

    std::string out;
    ASSERT_EQ (
        tree.run ({ "--render",
                    tree.getShare().getChildFile ("DemoBank/Demo.paddeck").getFullPathName().toStdString(),
                    "--midi", "kick.mid", "--out", "kick.wav" },
                  &out),
        0)
        << out;

    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader (wav.createReaderFor (
        new juce::FileInputStream (tree.getWorkingFolder().getChildFile ("kick.wav")), true));
    ASSERT_NE (reader, nullptr) << out;
    juce::AudioBuffer<float> audio (2, (int) reader->lengthInSamples);
    reader->read (&audio, 0, audio.getNumSamples(), 0, true, true);

    // Silence until the hit's exact sample (0.25 s at 48 kHz), then the kick.
    const int hit = 12000;
    EXPECT_EQ (test::firstAbove (audio.getReadPointer (0), 0, audio.getNumSamples(), 0.001f), hit);
    EXPECT_GT (test::rmsDb (audio.getReadPointer (0), hit, hit + 4800), -30.0);
}

TEST_F (InstalledApp, MidiSettingsListTheInstalledPresets)
{
    ASSERT_TRUE (test::VirtualDisplay::ensureRunning());
    const auto png = tree.getScratch().getChildFile ("midi-settings.png");
    std::string out;
    ASSERT_EQ (
        tree.run ({ "--screenshot", png.getFullPathName().toStdString(), "--midi-settings" }, &out, 90), 0)
        << out;
    EXPECT_TRUE (juce::ImageFileFormat::loadFrom (png).isValid());
    EXPECT_NE (out.find ("the MIDI settings list the presets Akai APC mini, Generic 4x4 pads, "
                         "Novation Launchpad (programmer mode)"),
               std::string::npos)
        << out;
}

} // namespace paddeck
