#pragma once

#include "UI/MainComponent.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The resizable top-level window titled PadDeck. [message] */
class MainWindow : public juce::DocumentWindow
{
public:
    /** `sync` null: no sync in the header. */
    MainWindow (AudioDeviceHost& host, Session& session, MidiController& midi,
                std::function<void()> onCloseRequest, SyncController* sync = nullptr);

    MainComponent& getMainComponent() { return *mainComponent; }

    /** A set handed over by a second PadDeck (or "show yourself" when `set` is File()): the window
        comes to the front, and the set opens after the usual unsaved-changes question. */
    void openHandedOverSet (const juce::File& set);
    void closeButtonPressed() override;

private:
    MainComponent* mainComponent = nullptr;
    std::function<void()> onClose;
};

} // namespace paddeck
