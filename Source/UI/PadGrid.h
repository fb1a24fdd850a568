#pragma once

#include "Control/Session.h"
#include "UI/PadComponent.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The pad grid of the current bank with its bank buttons. Fires pads from the mouse and the
    computer keyboard, and loads files dropped onto it. [message]

    Keyboard (fixed): the grid's rows are the keyboard's rows, top to bottom —
    `1 2 3 4 …`, `Q W E R …`, `A S D F …`, `Z X C V …` — as many keys per row as the grid has
    columns (up to 8). `[` and `]` change bank; Esc stops everything. */
class PadGrid : public juce::Component, public juce::FileDragAndDropTarget, private juce::ChangeListener
{
public:
    explicit PadGrid (Session& session);
    ~PadGrid() override;

    /** Pulls pad states and meters from the session and engine; the main window calls it at 30 Hz. */
    void refresh();

    /** Whether queued pads are lit now: they flash with the beat heard (see AudibleBeat). */
    void setFlashLit (bool lit) noexcept { flashLit = lit; }

    int getSelectedPad() const noexcept { return selectedPad; }
    void selectPad (int globalIndex);
    std::function<void (int)> onSelectionChanged;
    std::function<void (const juce::String&)> onMessage; // short notices, e.g. skipped files
    std::function<void (int globalIndex)> onLocate;      // "Locate..." on a missing pad's menu

    /** A pad's right-click menu (Locate... for a missing file). */
    juce::PopupMenu createPadMenu (int padInBank);

    PadComponent* getPadComponent (int padInBank) { return pads[padInBank]; }
    juce::Button* getBankButton (int bank) { return bankButtons[bank]; }
    juce::Button& getPreviousBankButton() noexcept { return previousBank; }
    juce::Button& getNextBankButton() noexcept { return nextBank; }

    /** The key that fires a pad of the current bank, or 0. */
    juce::juce_wchar keyForPad (int padInBank) const;

    // Component
    void resized() override;
    void paint (juce::Graphics&) override;
    bool keyPressed (const juce::KeyPress&) override;
    bool keyStateChanged (bool isKeyDown) override;

    // FileDragAndDropTarget
    bool isInterestedInFileDrag (const juce::StringArray&) override { return true; }
    void fileDragEnter (const juce::StringArray&, int x, int y) override { fileDragMove ({}, x, y); }
    void fileDragMove (const juce::StringArray&, int x, int y) override;
    void fileDragExit (const juce::StringArray&) override;
    void filesDropped (const juce::StringArray& files, int x, int y) override;

    /** The same path as a drop: loads files into the current bank from padInBank on. */
    void dropFiles (const juce::StringArray& files, int padInBank);

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override { rebuild(); }
    void rebuild();
    int padAt (juce::Point<int> position) const;
    int padForKey (juce::juce_wchar key) const;
    int globalIndexOf (int padInBank) const
    {
        return session.globalIndex (session.getCurrentBank(), padInBank);
    }

    Session& session;
    juce::OwnedArray<PadComponent> pads;
    juce::OwnedArray<juce::TextButton> bankButtons;
    juce::TextButton previousBank{ "<" }, nextBank{ ">" };
    juce::Array<juce::juce_wchar> keysDown;
    int rows = 0, columns = 0, selectedPad = 0, dragTarget = -1, shownBank = -1;
    bool flashLit = false;
};

} // namespace paddeck
