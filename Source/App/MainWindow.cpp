#include "App/MainWindow.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MainWindow::MainWindow (AudioDeviceHost& host, std::function<void()> onCloseRequest)
    : DocumentWindow ("PadDeck", Palette::background, DocumentWindow::allButtons)
    , onClose (std::move (onCloseRequest))
{
    setUsingNativeTitleBar (true);
    mainComponent = new MainComponent (host);
    setContentOwned (mainComponent, true);
    setResizable (true, true);
    setResizeLimits (720, 480, 4096, 4096);
    centreWithSize (getWidth(), getHeight());
    setVisible (true);
}

void MainWindow::closeButtonPressed()
{
    if (onClose)
        onClose();
}

} // namespace paddeck
