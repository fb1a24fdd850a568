#pragma once

#include "Control/Session.h"
#include "UI/BpmField.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The pad editor's TEMPO section: the pad's BPM (typed, dragged, ×2, ÷2, TAP, NONE for a
    one-shot), where it came from and the loop's length in bars and beats, what the file's analysis
    found (a tag that disagrees with what was heard is shown beside it), SYNC (only for a pad with a
    tempo), IN PHASE, QUANTIZED STOP, and the pad's QUANTIZE (the set's, or its own). [message] */
class PadTempoSection : public juce::Component
{
public:
    explicit PadTempoSection (Session& session);

    void setPad (int globalIndex);

    /** The pad's settings changed: shows them. */
    void pullFromModel();

    /** Analysis results, the set's quantize and bar length, which change without the pad changing;
        the editor calls it at 30 Hz. */
    void refreshStatus();

    std::function<void (const juce::String&)> onMessage;

    void resized() override;
    static constexpr int preferredHeight = 152;

    BpmField& getBpmField() noexcept { return bpm; }
    juce::Button& getDoubleButton() noexcept { return twice; }
    juce::Button& getHalveButton() noexcept { return half; }
    juce::Button& getTapButton() noexcept { return tap; }
    juce::Button& getNoTempoButton() noexcept { return none; }
    juce::Button& getSyncToggle() noexcept { return sync; }
    juce::Button& getInPhaseToggle() noexcept { return inPhase; }
    juce::Button& getQuantizeStopToggle() noexcept { return quantizeStop; }
    juce::ComboBox& getQuantizeBox() noexcept { return quantize; }
    juce::String getInfoText() const { return info.getText(); }
    juce::String getAnalysisText() const { return analysis.getText(); }

private:
    juce::Result scaleTempo (double factor);
    void setText (juce::Label& label, const juce::String& text, juce::Colour colour);
    void showMessage (const juce::String& text);

    Session& session;
    int padIndex = -1;
    juce::Label heading{ {}, "TEMPO" }, info, analysis, quantizeCaption{ {}, "Quantize" };
    BpmField bpm;
    juce::TextButton twice{ juce::String::fromUTF8 ("\u00d72") }, half{ "/2" }, tap{ "TAP" }, none{ "NONE" };
    juce::ToggleButton sync{ "Sync" }, inPhase{ "In phase" }, quantizeStop{ "Quantized stop" };
    juce::ComboBox quantize;
    bool isPulling = false;
};

} // namespace paddeck
