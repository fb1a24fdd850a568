#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** PadDeck's one dark theme: colours every component uses, readable in a dark room. */
namespace Palette
{
const juce::Colour background{ 0xff121417 };
const juce::Colour panel{ 0xff1b1e23 };
const juce::Colour panelRaised{ 0xff252a31 };
const juce::Colour outline{ 0xff353b44 };
const juce::Colour text{ 0xffe6e8eb };
const juce::Colour textDim{ 0xff8a929c };
const juce::Colour accent{ 0xff25c2a0 };
const juce::Colour warning{ 0xfff2b134 };
const juce::Colour danger{ 0xffe5484d };
const juce::Colour playing{ 0xff3ddc84 };
const juce::Colour queued{ 0xffff8a3d }; // a start or stop waiting for its beat
const juce::Colour cue{ 0xff5ab0ff };    // the cue bus: what the headphones hear
} // namespace Palette

class PadDeckLookAndFeel : public juce::LookAndFeel_V4
{
public:
    PadDeckLookAndFeel();

    static juce::Colour loadColour (double load); // green → amber → red
};

} // namespace paddeck
