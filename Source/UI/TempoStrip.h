#pragma once

#include "Control/Session.h"
#include "UI/BeatIndicator.h"
#include "UI/BpmField.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The master tempo under the header, in one row: the BPM (big; type, drag or wheel it), the bar
    and beat with its lights, nudge − / + (held), TAP, "take the selected pad's tempo", beats per
    bar, global quantize, the metronome, and how many pads wait for their beat. [message] */
class TempoStrip : public juce::Component
{
public:
    explicit TempoStrip (Session& session);
    ~TempoStrip() override;

    /** Pulls the tempo from the set and the beat heard now; the main window calls it at 30 Hz. */
    void refresh (double audibleBeat);

    /** The pad "take its tempo" takes from. */
    void setSelectedPad (int globalIndex);

    std::function<void (const juce::String&)> onMessage;

    BpmField& getBpmField() noexcept { return bpm; }
    BeatIndicator& getBeatIndicator() noexcept { return beat; }
    juce::Button& getSlowerButton() noexcept { return slower; }
    juce::Button& getFasterButton() noexcept { return faster; }
    juce::Button& getTapButton() noexcept { return tap; }
    juce::Button& getTakePadTempoButton() noexcept { return takePad; }
    juce::Button& getMetronomeButton() noexcept { return metronome; }
    juce::ComboBox& getBeatsPerBarBox() noexcept { return beatsPerBar; }
    juce::ComboBox& getQuantizeBox() noexcept { return quantize; }
    /** "2 queued · 1 stop", or empty when nothing waits. */
    const juce::String& getQueuedText() const noexcept { return queuedText; }

    void paint (juce::Graphics&) override;
    void resized() override;

    static constexpr int preferredHeight = 54;

private:
    void refreshControls();
    void holdNudge (juce::Button& button, int direction);
    void countQueued();
    void showMessage (const juce::String& text);

    Session& session;
    BpmField bpm;
    BeatIndicator beat;
    juce::TextButton slower{ juce::String::fromUTF8 ("\u2212") }, faster{ "+" }, tap{ "TAP" },
        takePad{ "FROM PAD" }, metronome{ "METRONOME" };
    juce::ComboBox beatsPerBar, quantize;
    juce::Rectangle<int> unitArea, quantizeCaption, queuedArea;
    juce::String queuedText;
    int selectedPad = 0, nudging = 0, launchesDropped = 0;
    bool nudged = false;
};

} // namespace paddeck
