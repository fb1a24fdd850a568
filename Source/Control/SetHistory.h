#pragma once

#include <juce_data_structures/juce_data_structures.h>

namespace paddeck
{

/** The set's undo history: one juce::UndoManager that every edit of the set goes through, cut into
    the steps a performer thinks in, and the saved point the set's dirty flag is measured from.

    - Every edit asks for a step first (step()); an edit is a step of its own unless it is part of
      a gesture (a knob drag from mouse-down to mouse-up) or continues the same control's moves
      (a MIDI knob turned, a mouse wheel spun: the same key within a second).
    - Each step starts with a marker action that records which step the set is at, so undo and
      redo know it exactly: undoing back to the step the set was saved at makes it clean again.
    [message] only. */
class SetHistory
{
public:
    SetHistory();
    ~SetHistory();

    /** The undo manager for the edit about to be made, having started a new step named `name`
        unless this edit continues the current one (see above). Call it only when the edit changes
        something: a step that changes nothing would still be one to undo. */
    juce::UndoManager* step (const juce::String& name, const juce::String& continuingKey = {});

    /** A gesture's edits (a knob drag) are one step, named by the first edit in it. */
    void beginGesture();
    void endGesture();

    bool canUndo() const { return undoManager.canUndo(); }
    bool canRedo() const { return undoManager.canRedo(); }
    juce::String getUndoDescription() const { return undoManager.getUndoDescription(); }
    juce::String getRedoDescription() const { return undoManager.getRedoDescription(); }
    bool undo();
    bool redo();

    /** A new set: nothing to undo, and the set is as saved. */
    void clear();

    /** The set is saved as it is now. */
    void markSaved() noexcept { savedStep = currentStep; }
    /** The set differs from its file whatever is undone (e.g. an autosave recovered). */
    void markUnsaved() noexcept { savedStep = neverSaved; }
    bool isAtSavedStep() const noexcept { return currentStep == savedStep; }

    /** Lets a test play a knob turned after a pause (the continuing window is wall-clock time). */
    void setClockForTests (std::function<double()> clock) { now = std::move (clock); }

    static constexpr double continuingMs = 1000.0;

private:
    class StepMarker;

    void startStep (const juce::String& name);

    juce::UndoManager undoManager{ 1000000, 100 };
    juce::uint64 currentStep = 0, savedStep = 0, lastStepMade = 0;
    static constexpr juce::uint64 neverSaved = std::numeric_limits<juce::uint64>::max();

    bool inGesture = false, gestureStarted = false;
    juce::String lastKey;
    double lastKeyMs = 0.0;
    std::function<double()> now;
};

} // namespace paddeck
