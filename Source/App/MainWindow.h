#pragma once

#include "UI/MainComponent.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The resizable top-level window titled PadDeck. [message] */
class MainWindow : public juce::DocumentWindow
{
public:
    MainWindow (AudioDeviceHost& host, Session& session, MidiController& midi,
                std::function<void()> onCloseRequest);

    MainComponent& getMainComponent() { return *mainComponent; }
    void closeButtonPressed() override;

private:
    MainComponent* mainComponent = nullptr;
    std::function<void()> onClose;
};

} // namespace paddeck
