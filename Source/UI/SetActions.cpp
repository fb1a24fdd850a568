#include "UI/SetActions.h"

#include "Model/Identifiers.h"
#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

SetActions::SetActions (Session& s, juce::Component& o, std::function<void (const juce::String&)> show)
    : session (s)
    , owner (o)
    , showMessage (std::move (show))
{
}

juce::String SetActions::getTitle() const
{
    const auto name = session.getSetFile() == juce::File()
                          ? juce::String ("Untitled set")
                          : session.getSetFile().getFileNameWithoutExtension();
    return session.isDirty() ? name + juce::String (juce::CharPointer_UTF8 (" \xe2\x80\xa2")) : name;
}

juce::PopupMenu SetActions::createMenu()
{
    juce::PopupMenu menu;
    menu.addItem ("New set", [this] { newSet(); });
    menu.addItem ("Open...", !sessionManaged, false, [this] { open(); });
    menu.addSeparator();
    menu.addItem ("Save", [this] { save(); });
    menu.addItem ("Save As...", !sessionManaged, false, [this] { saveAs (false); });
    if (sessionManaged)
        menu.addItem ("Collect samples into the session", [this] { saveAs (true); });
    else
        menu.addItem ("Collect samples and save as...", [this] { saveAs (true); });
    const auto missing = session.getMissingPads();
    if (!missing.isEmpty())
    {
        menu.addSeparator();
        menu.addItem ("Locate missing files (" + juce::String (missing.size()) + ")...",
                      [this, first = missing.getFirst()] { locate (first); });
    }
    return menu;
}

void SetActions::choose (const juce::String& title, const juce::File& start, const juce::String& patterns,
                         int flags, std::function<void (const juce::File&)> chosen)
{
    chooser = std::make_unique<juce::FileChooser> (title, start, patterns);
    chooser->launchAsync (
        flags,
        [self = juce::WeakReference<SetActions> (this), chosen] (const juce::FileChooser& fc)
        {
            if (self != nullptr && fc.getResult() != juce::File())
                chosen (fc.getResult());
        });
}

void SetActions::showError (const juce::String& title, const juce::String& message)
{
    juce::AlertWindow::showAsync (juce::MessageBoxOptions()
                                      .withIconType (juce::MessageBoxIconType::WarningIcon)
                                      .withTitle (title)
                                      .withMessage (message)
                                      .withButton ("OK")
                                      .withAssociatedComponent (&owner),
                                  nullptr);
}

void SetActions::askToSaveThen (std::function<void()> proceed)
{
    if (!session.isDirty())
    {
        proceed();
        return;
    }

    const auto name = session.getSetFile() == juce::File()
                          ? juce::String ("the untitled set")
                          : session.getSetFile().getFileNameWithoutExtension();
    juce::AlertWindow::showAsync (juce::MessageBoxOptions()
                                      .withIconType (juce::MessageBoxIconType::QuestionIcon)
                                      .withTitle ("Unsaved changes")
                                      .withMessage ("Save the changes to " + name + "?")
                                      .withButton ("Save")
                                      .withButton ("Don't save")
                                      .withButton ("Cancel")
                                      .withAssociatedComponent (&owner),
                                  [self = juce::WeakReference<SetActions> (this), proceed] (int choice)
                                  {
                                      if (self == nullptr)
                                          return;
                                      if (choice == 1)
                                          self->save (
                                              [proceed] (bool saved)
                                              {
                                                  if (saved)
                                                      proceed();
                                              });
                                      else if (choice == 2)
                                          proceed();
                                  });
}

void SetActions::offerRecovery (Autosaver& autosaver, const Autosaver::Recovery& recovery)
{
    juce::Logger::writeToLog ("Autosave: found " + recovery.autosave.getFullPathName() + " after a crash");
    juce::AlertWindow::showAsync (
        juce::MessageBoxOptions()
            .withIconType (juce::MessageBoxIconType::WarningIcon)
            .withTitle ("Recover unsaved changes?")
            .withMessage (recovery.question())
            .withButton ("Recover")
            .withButton ("Discard")
            .withAssociatedComponent (&owner),
        [self = juce::WeakReference<SetActions> (this), &autosaver, recovery] (int choice)
        {
            if (self == nullptr)
                return;
            if (choice != 1)
                autosaver.discardRecovery();
            else if (const auto r = autosaver.recover (recovery); r.failed())
                self->showError ("The autosave could not be recovered", r.getErrorMessage());
            else
                self->showMessage ("Recovered the unsaved changes: save them to keep them");
        });
}

void SetActions::newSet()
{
    askToSaveThen (
        [this]
        {
            const auto& set = session.getSet();
            const auto file = sessionManaged ? session.getSetFile() : juce::File();
            session.setSet (
                SetFile::createEmptySet (session.getNumBanks(), set[IDs::gridRows], set[IDs::gridColumns]),
                file);
            if (sessionManaged)
                session.markUnsaved(); // the session's file still holds the old set until saved
            showMessage ("New set");
        });
}

void SetActions::open()
{
    if (sessionManaged)
        return showMessage ("In a session, the session manager opens sets");
    askToSaveThen (
        [this]
        {
            choose ("Open a PadDeck set", session.getSetFile(), "*.paddeck",
                    juce::FileBrowserComponent::openMode | juce::FileBrowserComponent::canSelectFiles,
                    [this] (const juce::File& file) { openFile (file); });
        });
}

void SetActions::openFile (const juce::File& file)
{
    if (const auto r = session.openSet (file); r.failed())
    {
        showError ("This set can't be opened", r.getErrorMessage() + "\n\nThe set that was open stays open.");
        return;
    }

    const auto missing = session.getMissingPads().size();
    showMessage ("Opened " + file.getFileNameWithoutExtension()
                 + (missing > 0
                        ? ": " + juce::String (missing) + " missing files (right-click a pad to locate)"
                        : juce::String()));
}

void SetActions::save (std::function<void (bool)> then)
{
    if (session.getSetFile() == juce::File())
        saveAs (false, std::move (then));
    else
        saveTo (session.getSetFile(), false, std::move (then));
}

void SetActions::saveAs (bool collectSamples, std::function<void (bool)> then)
{
    if (sessionManaged)
        return saveTo (session.getSetFile(), collectSamples, std::move (then));
    const auto start = session.getSetFile() != juce::File()
                           ? session.getSetFile()
                           : juce::File::getSpecialLocation (juce::File::userDocumentsDirectory)
                                 .getChildFile ("Untitled.paddeck");
    choose (collectSamples ? "Collect the samples and save the set as" : "Save the set as", start,
            "*.paddeck",
            juce::FileBrowserComponent::saveMode | juce::FileBrowserComponent::warnAboutOverwriting,
            [this, collectSamples, then] (const juce::File& file)
            { saveTo (file.withFileExtension ("paddeck"), collectSamples, then); });
}

void SetActions::saveTo (const juce::File& file, bool collectSamples, std::function<void (bool)> then)
{
    auto result = juce::Result::ok();
    juce::String done = "Saved " + file.getFileNameWithoutExtension();

    if (collectSamples)
    {
        const auto collected = session.saveSetCollectingSamples (file);
        result = collected.result;
        const auto& report = collected.report;
        done << ", " << report.copied << " samples copied to \"" << collected.folder.getFileName() << "\"";
        if (!report.missing.isEmpty())
            done << "; " << report.missing.size() << " missing left as they were";
        if (!report.failed.isEmpty())
            showError ("Some samples were not collected",
                       "These files could not be copied; their pads still play the originals:\n\n"
                           + report.failed.joinIntoString ("\n"));
    }
    else
    {
        result = session.saveSet (file);
    }

    if (result.failed())
        showError ("The set was not saved", result.getErrorMessage());
    else
        showMessage (done);

    if (then)
        then (result.wasOk());
}

void SetActions::locate (int padIndex)
{
    if (session.getPadStatus (padIndex).state != Session::PadState::missing)
        return;

    const juce::File missing (session.getPadSettings (padIndex).file);
    auto start = missing.getParentDirectory();
    while (!start.isDirectory() && start.getParentDirectory() != start)
        start = start.getParentDirectory();

    choose ("Where is " + missing.getFileName() + "?", start,
            AudioFileOpener::formats().getWildcardForAllFormats(),
            juce::FileBrowserComponent::openMode | juce::FileBrowserComponent::canSelectFiles,
            [this, padIndex] (const juce::File& file)
            {
                const int relinked = session.relinkMissing (padIndex, file);
                const int stillMissing = session.getMissingPads().size();
                showMessage ("Relinked " + juce::String (relinked) + (relinked == 1 ? " pad" : " pads")
                             + (stillMissing > 0 ? ", " + juce::String (stillMissing) + " still missing"
                                                 : juce::String()));
            });
}

} // namespace paddeck
