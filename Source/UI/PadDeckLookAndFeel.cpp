#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

PadDeckLookAndFeel::PadDeckLookAndFeel()
{
    auto scheme = LookAndFeel_V4::getDarkColourScheme();
    scheme.setUIColour (ColourScheme::windowBackground, Palette::background);
    scheme.setUIColour (ColourScheme::widgetBackground, Palette::panelRaised);
    scheme.setUIColour (ColourScheme::menuBackground, Palette::panel);
    scheme.setUIColour (ColourScheme::outline, Palette::outline);
    scheme.setUIColour (ColourScheme::defaultText, Palette::text);
    scheme.setUIColour (ColourScheme::defaultFill, Palette::accent);
    scheme.setUIColour (ColourScheme::highlightedText, Palette::background);
    scheme.setUIColour (ColourScheme::highlightedFill, Palette::accent);
    scheme.setUIColour (ColourScheme::menuText, Palette::text);
    setColourScheme (scheme);

    setColour (juce::ResizableWindow::backgroundColourId, Palette::background);
    setColour (juce::Slider::thumbColourId, Palette::accent);
    setColour (juce::Slider::rotarySliderFillColourId, Palette::accent);
    setColour (juce::Slider::trackColourId, Palette::accent);
    setColour (juce::TextButton::buttonColourId, Palette::panelRaised);
    setColour (juce::TextButton::buttonOnColourId, Palette::accent);
    setColour (juce::Label::textColourId, Palette::text);
}

juce::Colour PadDeckLookAndFeel::loadColour (double load)
{
    if (load < 0.5)
        return Palette::playing;

    if (load < 0.8)
        return Palette::warning;

    return Palette::danger;
}

} // namespace paddeck
