#include "Control/Autosaver.h"

#include "Model/DurableFile.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace paddeck
{

Autosaver::Autosaver (Session& s, const juce::File& settingsFolder)
    : session (s)
    , folder (settingsFolder)
{
}

Autosaver::~Autosaver() { stopTimer(); }

juce::String Autosaver::Recovery::question() const
{
    const auto name =
        setFile == juce::File() ? juce::String ("the untitled set") : setFile.getFileNameWithoutExtension();
    return "PadDeck did not close properly. Recover the unsaved changes to " + name + " from "
           + savedAt.formatted ("%H:%M on %d %b") + "?";
}

bool Autosaver::isRunningProcess (int pid) { return pid > 0 && (::kill (pid, 0) == 0 || errno == EPERM); }

std::optional<Autosaver::Recovery> Autosaver::findRecovery()
{
    const auto marker = getMarkerFile();
    const auto autosave = getAutosaveFile();
    if (!marker.existsAsFile() || !autosave.existsAsFile())
        return std::nullopt;

    const int pid = marker.loadFileAsString().getIntValue();
    if (pid != (int) ::getpid() && isRunningProcess (pid))
        return std::nullopt; // not a crash: another PadDeck is running and its autosave is its own

    juce::ValueTree set;
    juce::File setFile;
    if (SetFile::loadAutosave (autosave, set, setFile).failed())
        return std::nullopt;

    recoveryPending = true;
    return Recovery{ autosave, setFile, autosave.getLastModificationTime() };
}

juce::Result Autosaver::recover (const Recovery& recovery)
{
    juce::ValueTree set;
    juce::File setFile;
    if (auto r = SetFile::loadAutosave (recovery.autosave, set, setFile); r.failed())
        return r;

    session.setSet (set, setFile);
    session.markUnsaved();
    recoveryPending = false;
    ownsAutosave = true; // it is this run's unsaved work now, rewritten on the next change
    return juce::Result::ok();
}

void Autosaver::discardRecovery()
{
    recoveryPending = false;
    getAutosaveFile().deleteFile();
}

bool Autosaver::start()
{
    const auto marker = getMarkerFile();
    const int pid = marker.loadFileAsString().getIntValue();
    if (marker.existsAsFile() && pid != (int) ::getpid() && isRunningProcess (pid))
    {
        juce::Logger::writeToLog ("Autosave: another PadDeck (process " + juce::String (pid)
                                  + ") is running with these settings; this one does not autosave.");
        return false;
    }

    folder.createDirectory();
    if (const auto r = DurableFile::replaceWithText (marker, juce::String ((int) ::getpid())); r.failed())
    {
        lastError = r;
        juce::Logger::writeToLog ("Autosave: " + r.getErrorMessage());
        return false;
    }

    running = true;
    seenChangeCount = autosavedChangeCount = session.getChangeCount();
    startTimer (250);
    return true;
}

void Autosaver::stopCleanly()
{
    stopTimer();
    if (!running)
        return;
    running = false;
    if (recoveryPending)
        return;
    getAutosaveFile().deleteFile();
    getMarkerFile().deleteFile();
}

void Autosaver::tick (double nowMs)
{
    if (!running)
        return;

    const auto count = session.getChangeCount();
    if (count != seenChangeCount)
    {
        seenChangeCount = count;
        lastChangeMs = nowMs;
    }

    if (recoveryPending)
        return; // the crash's autosave is kept until the performer answers

    if (!session.isDirty())
    {
        // Saved, or another set opened: the autosave no longer holds anything that isn't on disk.
        if (ownsAutosave)
            getAutosaveFile().deleteFile();
        ownsAutosave = false;
        autosavedChangeCount = count;
        return;
    }

    if (count == autosavedChangeCount || nowMs - lastChangeMs < debounceMs)
        return;

    lastError = SetFile::saveAutosave (session.getSet(), getAutosaveFile(), session.getSetFile());
    autosavedChangeCount = count; // a failure is retried after the next change, not every tick
    if (lastError.failed())
    {
        juce::Logger::writeToLog ("Autosave: " + lastError.getErrorMessage());
        return;
    }
    ownsAutosave = true;
    ++autosavesWritten;
}

} // namespace paddeck
