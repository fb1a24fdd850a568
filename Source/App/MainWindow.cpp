#include "App/MainWindow.h"

#include "Model/AppFolders.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MainWindow::MainWindow (AudioDeviceHost& host, Session& session, MidiController& midi,
                        std::function<void()> onCloseRequest, SyncController* sync)
    : DocumentWindow ("PadDeck", Palette::background, DocumentWindow::allButtons)
    , onClose (std::move (onCloseRequest))
{
    setUsingNativeTitleBar (true);
    mainComponent = new MainComponent (host, session, midi, sync);
    setContentOwned (mainComponent, true);
    setResizable (true, true);
    setResizeLimits (900, 600, 4096, 4096);
    centreWithSize (getWidth(), getHeight());

    const auto icon = juce::ImageFileFormat::loadFrom (AppFolders::assets().getChildFile ("Icon.png"));
    if (icon.isValid())
    {
        setIcon (icon);
        mainComponent->setAppIcon (icon);
    }

    setVisible (true);
    mainComponent->grabKeyboardFocus();
}

void MainWindow::openHandedOverSet (const juce::File& set)
{
    setVisible (true);
    setMinimised (false);
    toFront (true);
    if (set == juce::File())
        return;

    juce::Logger::writeToLog ("Set handed over: " + set.getFullPathName());
    auto& actions = mainComponent->getSetActions();
    actions.askToSaveThen ([&actions, set] { actions.openFile (set); });
}

void MainWindow::closeButtonPressed()
{
    if (onClose)
        onClose();
}

} // namespace paddeck
