#pragma once

#include "Control/PadDrop.h"
#include "Control/Session.h"
#include "UI/PadComponent.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <optional>

namespace paddeck
{

/** The pad grid of the current bank with its bank buttons. Fires pads from the mouse and the
    computer keyboard, and loads files dropped onto it: while files are dragged over it, the pads
    they will fill are lit, each with the file it will get (see PadDrop). [message]

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
    void fileDragEnter (const juce::StringArray& files, int x, int y) override { fileDragMove (files, x, y); }
    void fileDragMove (const juce::StringArray& files, int x, int y) override;
    void fileDragExit (const juce::StringArray&) override;
    void filesDropped (const juce::StringArray& files, int x, int y) override;

    /** The same path as a drop onto pad padInBank of the current bank (-1: onto no pad). */
    void dropFiles (const juce::StringArray& files, int padInBank);

    /** The same path as dragging files over pad padInBank (-1: over no pad); lights the pads. */
    void dragFilesOver (const juce::StringArray& files, int padInBank);
    void endDrag();

    /** The pad under a point of the grid, or -1 (a gap, the bank row). */
    int padAt (juce::Point<int> position) const;

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override { rebuild(); }
    void rebuild();
    int padForKey (juce::juce_wchar key) const;
    static juce::juce_wchar unshifted (juce::juce_wchar typed);
    int globalIndexOf (int padInBank) const
    {
        return session.globalIndex (session.getCurrentBank(), padInBank);
    }

    Session& session;
    juce::OwnedArray<PadComponent> pads;
    juce::OwnedArray<juce::TextButton> bankButtons;
    juce::TextButton previousBank{ "<" }, nextBank{ ">" };
    juce::Array<juce::juce_wchar> keysDown;
    juce::Array<juce::juce_wchar> previewKeys; // the held keys that went down with Shift
    int rows = 0, columns = 0, selectedPad = 0, shownBank = -1;

    // A file drag in progress: its files (opened once) and where they would go from the pad under it.
    juce::StringArray draggedPaths;
    PadDrop::Files draggedFiles;
    std::optional<PadDrop::Plan> dropPlan;
    int dragPad = -2;
    bool flashLit = false;
};

} // namespace paddeck
