#pragma once

#include "Sync/SyncController.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** Sync in the header: LINK (on or off, with the number of peers in the session), the shared
    transport's start/stop (what Link peers with start/stop sync and MIDI clock receivers follow),
    the MIDI clock in's tempo while it leads, and the sync settings. All of them can be learned.
    [message] */
class SyncBar : public juce::Component, private juce::ChangeListener
{
public:
    explicit SyncBar (SyncController& sync);
    ~SyncBar() override;

    /** Pulls peers, transport and the clock's tempo; the main window calls it at 30 Hz. */
    void refresh();

    juce::Button& getLinkButton() noexcept { return linkButton; }
    juce::Button& getPlayButton() noexcept { return playButton; }
    juce::Button& getSettingsButton() noexcept { return settingsButton; }
    /** "LINK", "LINK · 2", "MIDI CLOCK 121.4", ... as shown. */
    juce::String getLinkText() const { return linkButton.getButtonText(); }
    const juce::String& getClockText() const noexcept { return clockText; }

    void showSettings();
    void resized() override;
    void paint (juce::Graphics&) override;

    static constexpr int minimumWidth = 88 + 4 + 36 + 4 + 50, preferredWidth = minimumWidth + 6 + 84;

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override { refresh(); }

    SyncController& sync;
    juce::TextButton linkButton{ "LINK" }, playButton, settingsButton{ "SYNC" };
    juce::Rectangle<int> clockArea;
    juce::String clockText;
};

} // namespace paddeck
