#pragma once

#include "Control/MidiController.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "UI/CueStrip.h"
#include "UI/MasterStrip.h"
#include "UI/MidiLearnOverlay.h"
#include "UI/PadEditor.h"
#include "UI/PadGrid.h"
#include "UI/SetActions.h"
#include "UI/StatusStrip.h"
#include "UI/SyncBar.h"
#include "UI/TempoStrip.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <vector>

namespace paddeck
{

/** The performer's screen: header, tempo strip, pad grid with banks, pad editor, master strip and
    the status strip. Polls the engine at 30 Hz. [message] */
class MainComponent : public juce::Component, private juce::Timer
{
public:
    /** `sync` null: no sync in the header (the app always has it). */
    MainComponent (AudioDeviceHost& host, Session& session, MidiController& midi,
                   SyncController* sync = nullptr);
    ~MainComponent() override;

    void paint (juce::Graphics&) override;
    void resized() override;
    bool keyPressed (const juce::KeyPress& key) override;
    bool keyStateChanged (bool isKeyDown) override { return grid.keyStateChanged (isKeyDown); }

    StatusStrip& getStatusStrip() noexcept { return statusStrip; }
    PadGrid& getPadGrid() noexcept { return grid; }
    PadEditor& getPadEditor() noexcept { return editor; }
    MasterStrip& getMasterStrip() noexcept { return master; }
    CueStrip& getCueStrip() noexcept { return cueStrip; }
    TempoStrip& getTempoStrip() noexcept { return tempo; }
    SetActions& getSetActions() noexcept { return setActions; }
    juce::Button& getSetButton() noexcept { return setButton; }
    juce::Button& getSaveButton() noexcept { return saveButton; }
    juce::Button& getUndoButton() noexcept { return undoButton; }
    juce::Button& getRedoButton() noexcept { return redoButton; }
    /** The set's name as shown in the header, "Live •" while unsaved. */
    const juce::String& getShownTitle() const noexcept { return shownTitle; }
    MidiLearnOverlay& getLearnOverlay() noexcept { return learnOverlay; }
    juce::Button& getLearnButton() noexcept { return learnButton; }
    /** Link, the transport and the sync settings; null without sync. */
    SyncBar* getSyncBar() noexcept { return syncBar.get(); }

    /** Pulls fresh figures from the engine now (the timer does this 30 times a second). */
    void refresh();

    /** The app's icon, drawn in the header beside the name. */
    void setAppIcon (const juce::Image& icon);

    /** Where the audio settings remember the stretch cache's limit (the app's; null: for this run only). */
    void setSettings (Settings* settingsToUse) noexcept { settings = settingsToUse; }
    void showAudioSettings();
    void showMidiSettings();
    void showMessage (const juce::String& text);
    juce::String getMessage() const { return message.getText(); }

    static constexpr int defaultWidth = 1180, defaultHeight = 760;

private:
    void timerCallback() override { refresh(); }
    void undo();
    void redo();
    void refreshUndoButtons();
    void openDialog (juce::DialogWindow::LaunchOptions& options);

    AudioDeviceHost& deviceHost;
    Session& session;
    MidiController& midi;
    Settings* settings = nullptr;
    PadGrid grid;
    PadEditor editor;
    MasterStrip master;
    CueStrip cueStrip;
    TempoStrip tempo;
    StatusStrip statusStrip;
    SetActions setActions;
    juce::TextButton audioButton{ "Audio / MIDI" }, setButton{ "Set" }, saveButton{ "Save" };
    juce::TextButton undoButton{ "Undo" }, redoButton{ "Redo" };
    juce::TooltipWindow tooltips{ this, 500 }; // the status strip's details, and every control's hint
    juce::Label message;
    juce::ComboBox gridSize;
    juce::String shownTitle;
    juce::TextButton midiButton{ "MIDI" }, learnButton{ "Learn" };
    MidiLearnOverlay learnOverlay;
    std::unique_ptr<SyncBar> syncBar;
    juce::uint32 messageUntil = 0;
    juce::Image appIcon;
    // The settings dialogs listen to the device manager and the MIDI controller, which the app
    // destroys after this component: they are closed with it (JUCE's modal manager would otherwise
    // delete them at shutdown, after what they listen to is gone).
    std::vector<juce::Component::SafePointer<juce::DialogWindow>> dialogs;
};

} // namespace paddeck
