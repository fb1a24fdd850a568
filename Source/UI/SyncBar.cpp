#include "UI/SyncBar.h"

#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"
#include "UI/SyncSettingsPanel.h"
#include "UI/TempoText.h"

namespace paddeck
{

static const juce::String playSymbol = juce::String::fromUTF8 ("\u25b6"),
                          stopSymbol = juce::String::fromUTF8 ("\u25a0");

SyncBar::SyncBar (SyncController& s)
    : sync (s)
{
    for (auto* b : { &linkButton, &playButton, &settingsButton })
    {
        b->setWantsKeyboardFocus (false);
        addAndMakeVisible (b);
    }
    linkButton.setClickingTogglesState (true);
    linkButton.setColour (juce::TextButton::buttonOnColourId, Palette::accent);
    linkButton.setColour (juce::TextButton::textColourOnId, Palette::background);
    linkButton.setTooltip ("Ableton Link: share the tempo and the bar with other apps and machines on this "
                           "network. The number is how many peers play along.");
    linkButton.onClick = [this] { sync.setLinkOn (linkButton.getToggleState()); };

    playButton.setColour (juce::TextButton::buttonOnColourId, Palette::playing);
    playButton.setColour (juce::TextButton::textColourOnId, Palette::background);
    playButton.setTooltip (
        "Start (on the next bar) or stop the shared transport: MIDI clock receivers and Link "
        "peers with start/stop sync follow; a stop stops the pads");
    playButton.onClick = [this] { sync.setPlaying (!sync.isPlaying()); };

    settingsButton.setTooltip ("Sync settings: clock source, MIDI clock out, Link start/stop");
    settingsButton.onClick = [this] { showSettings(); };

    MidiLearnTag::set (linkButton, { MidiTarget::Type::link });
    MidiLearnTag::set (playButton, { MidiTarget::Type::syncPlay });
    MidiLearnTag::set (settingsButton, { MidiTarget::Type::clockSource });

    sync.addChangeListener (this);
    refresh();
}

SyncBar::~SyncBar() { sync.removeChangeListener (this); }

void SyncBar::refresh()
{
    const bool linked = sync.isLinkOn();
    linkButton.setToggleState (linked, juce::dontSendNotification);
    const auto peers = sync.getLinkPeers();
    const auto linkText =
        linked ? "LINK " + juce::String::fromUTF8 ("\u00b7 ") + juce::String (peers) : juce::String ("LINK");
    if (linkButton.getButtonText() != linkText)
        linkButton.setButtonText (linkText);
    linkButton.setTooltip (
        linked ? "Ableton Link is on: " + juce::String (peers) + (peers == 1 ? " peer plays" : " peers play")
                     + " along. Click to leave."
               : juce::String ("Ableton Link: share the tempo and the bar with other apps and "
                               "machines on this network"));

    const bool playing = sync.isPlaying();
    playButton.setToggleState (playing, juce::dontSendNotification);
    playButton.setButtonText (playing ? stopSymbol : playSymbol);

    juce::String text;
    if (sync.getSource() == ClockSource::midiClock)
    {
        const auto bpm = sync.getClockInBpm();
        text = bpm > 0.0 ? "CLOCK " + TempoText::bpm (bpm) : juce::String ("NO CLOCK");
    }
    if (text != clockText)
    {
        clockText = text;
        repaint (clockArea);
    }
}

void SyncBar::showSettings()
{
    juce::DialogWindow::LaunchOptions options;
    options.content.setOwned (new SyncSettingsPanel (sync));
    options.dialogTitle = "Sync settings";
    options.dialogBackgroundColour = Palette::panel;
    options.escapeKeyTriggersCloseButton = true;
    options.useNativeTitleBar = true;
    options.resizable = false;
    options.launchAsync();
}

void SyncBar::paint (juce::Graphics& g)
{
    if (clockText.isEmpty())
        return;
    g.setColour (sync.getClockInBpm() > 0.0 ? Palette::accent : Palette::warning);
    g.setFont (juce::Font (13.0f, juce::Font::bold));
    g.drawFittedText (clockText, clockArea, juce::Justification::centredLeft, 1, 0.8f);
}

void SyncBar::resized()
{
    auto area = getLocalBounds();
    linkButton.setBounds (area.removeFromLeft (88));
    area.removeFromLeft (4);
    playButton.setBounds (area.removeFromLeft (36));
    area.removeFromLeft (4);
    settingsButton.setBounds (area.removeFromLeft (50));
    area.removeFromLeft (6);
    clockArea = area;
}

} // namespace paddeck
