#pragma once

#include "Control/Autosaver.h"
#include "Control/Session.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The set's file actions as the performer meets them: New, Open, Save, Save As, Save As with the
    samples collected, Locate for a missing pad, and the "Save the changes?" question before
    anything would drop unsaved work. Every dialog is asynchronous. [message] */
class SetActions
{
public:
    SetActions (Session& session, juce::Component& owner,
                std::function<void (const juce::String&)> showMessage);

    /** Under a session manager (NSM) the set lives in the session's folder: Open and Save As are
        off, Save never asks where, New empties the set in place and collecting copies the samples
        into the session. */
    void setSessionManaged (bool managed) { sessionManaged = managed; }

    void newSet();
    void open();
    /** Opens a set; a refused one (malformed, newer) is explained in an alert and nothing changes. */
    void openFile (const juce::File& file);
    /** Saves to the set's file, or asks for one when the set is untitled. `then` gets whether it saved. */
    void save (std::function<void (bool saved)> then = {});
    void saveAs (bool collectSamples, std::function<void (bool saved)> then = {});
    /** Asks for a missing pad's file, then relinks it and the other missing pads found near it. */
    void locate (int padIndex);

    /** Runs `proceed` at once when nothing is unsaved; otherwise asks Save / Don't save / Cancel and
        runs it after a successful save or Don't save. Cancel (or a failed save) runs nothing. */
    void askToSaveThen (std::function<void()> proceed);

    /** After a crash: "Recover the unsaved changes from <time>?" Recover / Discard. The autosaver
        must outlive the question. */
    void offerRecovery (Autosaver& autosaver, const Autosaver::Recovery& recovery);

    /** The header's Set menu. */
    juce::PopupMenu createMenu();

    /** The set's name as the header shows it, with " •" while it has unsaved changes. */
    juce::String getTitle() const;

private:
    void saveTo (const juce::File& file, bool collectSamples, std::function<void (bool)> then);
    void showError (const juce::String& title, const juce::String& message);
    void choose (const juce::String& title, const juce::File& start, const juce::String& patterns, int flags,
                 std::function<void (const juce::File&)> chosen);

    Session& session;
    juce::Component& owner;
    std::function<void (const juce::String&)> showMessage;
    std::unique_ptr<juce::FileChooser> chooser;
    bool sessionManaged = false;

    JUCE_DECLARE_WEAK_REFERENCEABLE (SetActions)
};

} // namespace paddeck
