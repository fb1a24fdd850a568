#include "App/MainWindow.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MainWindow::MainWindow (AudioDeviceHost& host, Session& session, MidiController& midi,
                        std::function<void()> onCloseRequest)
    : DocumentWindow ("PadDeck", Palette::background, DocumentWindow::allButtons)
    , onClose (std::move (onCloseRequest))
{
    setUsingNativeTitleBar (true);
    mainComponent = new MainComponent (host, session, midi);
    setContentOwned (mainComponent, true);
    setResizable (true, true);
    setResizeLimits (900, 600, 4096, 4096);
    centreWithSize (getWidth(), getHeight());

    const auto icon =
        juce::ImageFileFormat::loadFrom (juce::File (PADDECK_ASSETS_DIR).getChildFile ("Icon.png"));
    if (icon.isValid())
        setIcon (icon);

    setVisible (true);
    mainComponent->grabKeyboardFocus();
}

void MainWindow::closeButtonPressed()
{
    if (onClose)
        onClose();
}

} // namespace paddeck
