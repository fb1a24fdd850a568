#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** A tempo on screen that the performer changes in place: double-click to type it (two decimals;
    Enter or a click elsewhere takes it, Esc leaves it), drag up or down (Shift: by hundredths), or
    turn the mouse wheel (a BPM a notch; Shift: a hundredth). What it shows comes from the model
    (setValue); what the performer does goes to onChange, which may refuse it with a message, and
    the field then shows the model's value again. [message] */
class BpmField : public juce::Label
{
public:
    BpmField();

    /** The tempo the model has (≤ 0: none, drag and wheel do nothing) and the text that says so.
        Ignored while the performer types or drags. */
    void setValue (double bpm, const juce::String& text);
    double getValue() const noexcept { return value; }

    /** A change the performer made; a failed result is shown through onMessage. */
    std::function<juce::Result (double bpm)> onChange;
    std::function<void (const juce::String&)> onMessage;
    /** Mouse down and up: what a drag changes in between is one undo step. */
    std::function<void()> onGestureStart, onGestureEnd;

    /** What typing `text` does, as Enter would (tests, and the editor's own path). */
    void commitTyped (const juce::String& text);

    bool isBeingChanged() const { return isBeingEdited() || dragging; }

    void mouseDown (const juce::MouseEvent&) override;
    void mouseDrag (const juce::MouseEvent&) override;
    void mouseUp (const juce::MouseEvent&) override;
    void mouseWheelMove (const juce::MouseEvent&, const juce::MouseWheelDetails&) override;

    static constexpr double bpmPerPixel = 0.1, finePerPixel = 0.01;

private:
    void textWasEdited() override;
    void editorAboutToBeHidden (juce::TextEditor*) override;
    void change (double bpm);
    void showModelValue();

    double value = 0.0, dragStartValue = 0.0;
    juce::String shownText;
    bool dragging = false;
};

} // namespace paddeck
