#include "Control/SetHistory.h"

namespace paddeck
{

/** The first action of every step: undoing it (last, as actions undo in reverse) and doing it
    again (first) tell the history which step the set is at. It changes nothing else. */
class SetHistory::StepMarker : public juce::UndoableAction
{
public:
    StepMarker (SetHistory& h, juce::uint64 s, juce::uint64 before)
        : history (h)
        , step (s)
        , previous (before)
    {
    }

    bool perform() override
    {
        history.currentStep = step;
        return true;
    }

    bool undo() override
    {
        history.currentStep = previous;
        return true;
    }

    int getSizeInUnits() override { return 1; }

private:
    SetHistory& history;
    const juce::uint64 step, previous;
};

SetHistory::SetHistory()
    : now ([] { return juce::Time::getMillisecondCounterHiRes(); })
{
}

SetHistory::~SetHistory() { undoManager.clearUndoHistory(); } // the markers refer to this

void SetHistory::startStep (const juce::String& name)
{
    undoManager.beginNewTransaction (name);
    undoManager.perform (new StepMarker (*this, ++lastStepMade, currentStep));
}

juce::UndoManager* SetHistory::step (const juce::String& name, const juce::String& continuingKey)
{
    // An edit joins the step before only while that step is the last thing done: after an undo,
    // the undo manager would file it under no marker.
    const bool stepIsLatest = currentStep == lastStepMade && currentStep != 0;

    if (inGesture)
    {
        if (!gestureStarted || !stepIsLatest)
            startStep (name);
        gestureStarted = true;
        return &undoManager;
    }

    const auto time = now();
    const bool continuing = continuingKey.isNotEmpty() && continuingKey == lastKey && stepIsLatest
                            && time - lastKeyMs < continuingMs;
    if (!continuing)
        startStep (name);
    lastKey = continuingKey;
    lastKeyMs = time;
    return &undoManager;
}

void SetHistory::beginGesture()
{
    inGesture = true;
    gestureStarted = false;
    lastKey = {};
}

void SetHistory::endGesture()
{
    inGesture = false;
    gestureStarted = false;
}

bool SetHistory::undo()
{
    gestureStarted = false;
    lastKey = {};
    return undoManager.undo();
}

bool SetHistory::redo()
{
    gestureStarted = false;
    lastKey = {};
    return undoManager.redo();
}

void SetHistory::clear()
{
    undoManager.clearUndoHistory();
    currentStep = savedStep = 0;
    gestureStarted = false;
    lastKey = {};
}

} // namespace paddeck
