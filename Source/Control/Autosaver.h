#pragma once

#include "Control/Session.h"

#include <juce_events/juce_events.h>

#include <optional>

namespace paddeck
{

/** Keeps unsaved work safe from a crash. While PadDeck runs, a marker file in the settings folder
    says so; a clean exit removes it. Some seconds after the last change to an unsaved set
    (debounced), the set is written durably to Autosave.paddeck beside it, with absolute sample
    paths and the set file it belongs to. A start that finds the marker (the last run did not exit
    cleanly) and an autosave offers the autosave back. A save, or opening another set, makes the
    autosave obsolete and it is removed.

    Another PadDeck running with the same settings folder owns the marker and the autosave; this
    one then autosaves nothing. [message] */
class Autosaver : private juce::Timer
{
public:
    static constexpr double debounceMs = 2000.0;

    Autosaver (Session& session, const juce::File& settingsFolder);
    ~Autosaver() override;

    juce::File getAutosaveFile() const { return folder.getChildFile ("Autosave.paddeck"); }
    juce::File getMarkerFile() const { return folder.getChildFile ("PadDeck.running"); }

    struct Recovery
    {
        juce::File autosave;
        juce::File setFile; // what the autosaved set belongs to; File() for an untitled set
        juce::Time savedAt;

        /** "PadDeck did not close properly. Recover the unsaved changes to Live from 14:32?" */
        juce::String question() const;
    };

    /** Call before start(): the autosave left by a run that did not exit cleanly, if any. Until it
        is recovered or discarded, it is kept, not overwritten. */
    std::optional<Recovery> findRecovery();

    /** Opens the autosave in the session; it keeps its original file as its save target and is
        marked unsaved. */
    juce::Result recover (const Recovery&);
    void discardRecovery();

    /** Writes the marker and starts watching the session. False if another running PadDeck owns
        the marker (this one then autosaves nothing). */
    bool start();

    /** A clean exit: stops, removes the marker and the autosave (the performer saved or chose not
        to). A recovery never answered is kept, marker and all, to be offered next time. */
    void stopCleanly();

    /** The timer's work, with the clock given: notes changes, writes the autosave once the set has
        been unchanged for debounceMs, and removes it when the set is saved. */
    void tick (double nowMs);

    int getNumAutosavesWritten() const noexcept { return autosavesWritten; }
    const juce::Result& getLastError() const noexcept { return lastError; }

private:
    void timerCallback() override { tick (juce::Time::getMillisecondCounterHiRes()); }
    static bool isRunningProcess (int pid);

    Session& session;
    juce::File folder;
    bool running = false, recoveryPending = false, ownsAutosave = false;
    juce::uint64 seenChangeCount = 0, autosavedChangeCount = 0;
    double lastChangeMs = 0.0;
    int autosavesWritten = 0;
    juce::Result lastError = juce::Result::ok();
};

} // namespace paddeck
