#include "UI/BpmField.h"

#include "Model/PadSettings.h"
#include "UI/PadDeckLookAndFeel.h"
#include "UI/TempoText.h"

namespace paddeck
{

BpmField::BpmField()
{
    setEditable (false, true, false);
    setJustificationType (juce::Justification::centred);
    setMouseCursor (juce::MouseCursor::UpDownResizeCursor);
    setColour (juce::Label::backgroundWhenEditingColourId, Palette::background);
    setColour (juce::Label::textWhenEditingColourId, Palette::text);
    setColour (juce::Label::outlineWhenEditingColourId, Palette::accent);
    setColour (juce::TextEditor::highlightColourId, Palette::accent.withAlpha (0.4f));
}

void BpmField::setValue (double bpm, const juce::String& text)
{
    if (isBeingChanged())
        return;
    value = bpm;
    shownText = text;
    showModelValue();
}

void BpmField::showModelValue()
{
    if (getText() != shownText)
        setText (shownText, juce::dontSendNotification);
}

void BpmField::change (double bpm)
{
    if (!onChange)
        return;
    if (const auto r = onChange (bpm); r.failed())
    {
        if (onMessage)
            onMessage (r.getErrorMessage());
    }
    else if (bpm > 0.0)
    {
        value = bpm; // the next wheel notch goes on from here, before the model's value comes back
    }
}

void BpmField::commitTyped (const juce::String& text)
{
    if (const auto bpm = TempoText::parseBpm (text))
        change (*bpm);
    else if (onMessage)
        onMessage ("\"" + text.trim() + "\" is not a tempo: type one like 128 or 127.50.");
    showModelValue(); // the owner's next setValue shows what the model took
}

void BpmField::textWasEdited()
{
    const auto typed = getText();
    setText (shownText, juce::dontSendNotification);
    commitTyped (typed);
}

void BpmField::editorAboutToBeHidden (juce::TextEditor*)
{
    // The computer keyboard plays pads again once typing is done: focus goes back to the screen.
    juce::Component::SafePointer<juce::Component> owner;
    for (auto* c = getParentComponent(); c != nullptr && owner == nullptr; c = c->getParentComponent())
        if (c->getWantsKeyboardFocus())
            owner = c;
    juce::MessageManager::callAsync (
        [owner]
        {
            if (owner != nullptr && owner->isShowing())
                owner->grabKeyboardFocus();
        });
}

void BpmField::mouseDown (const juce::MouseEvent& e)
{
    if (onGestureStart)
        onGestureStart();
    dragStartValue = value;
    juce::Label::mouseDown (e);
}

void BpmField::mouseDrag (const juce::MouseEvent& e)
{
    if (value <= 0.0 || isBeingEdited() || !e.mouseWasDraggedSinceMouseDown())
        return;
    dragging = true;
    const auto perPixel = e.mods.isShiftDown() ? finePerPixel : bpmPerPixel;
    const auto bpm = juce::jlimit (PadSettings::minBpm, PadSettings::maxBpm,
                                   dragStartValue - perPixel * e.getDistanceFromDragStartY());
    if (std::abs (bpm - value) >= 0.005)
    {
        value = bpm;
        change (bpm);
        setText (TempoText::bpm (std::round (bpm * 100.0) / 100.0), juce::dontSendNotification);
    }
}

void BpmField::mouseUp (const juce::MouseEvent& e)
{
    dragging = false;
    if (onGestureEnd)
        onGestureEnd();
    juce::Label::mouseUp (e);
}

void BpmField::mouseWheelMove (const juce::MouseEvent& e, const juce::MouseWheelDetails& wheel)
{
    if (value <= 0.0 || isBeingEdited() || wheel.deltaY == 0.0f)
        return;
    const auto step = (e.mods.isShiftDown() ? 0.01 : 1.0) * (wheel.deltaY > 0.0f ? 1.0 : -1.0);
    change (juce::jlimit (PadSettings::minBpm, PadSettings::maxBpm, value + step));
}

} // namespace paddeck
