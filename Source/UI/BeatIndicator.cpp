#include "UI/BeatIndicator.h"

#include "UI/PadDeckLookAndFeel.h"
#include "UI/TempoText.h"

namespace paddeck
{

BeatIndicator::BeatIndicator()
{
    setOpaque (false);
    setInterceptsMouseClicks (false, false);
    setTitle ("Bar and beat");
}

void BeatIndicator::setBeat (double beat, int newBeatsPerBar)
{
    newBeatsPerBar = juce::jmax (1, newBeatsPerBar);
    const auto heard = juce::jmax (0.0, beat);
    const auto whole = (juce::int64) std::floor (heard);
    const bool newFlash = heard - (double) whole < flashBeats && beat >= 0.0;
    if (whole == wholeBeat && newBeatsPerBar == beatsPerBar && newFlash == flash)
        return;

    wholeBeat = whole;
    beatsPerBar = newBeatsPerBar;
    litBeat = (int) (whole % beatsPerBar);
    flash = newFlash;
    setDescription (getBarAndBeatText());
    repaint();
}

juce::String BeatIndicator::getBarAndBeatText() const
{
    return TempoText::barAndBeat ((double) wholeBeat, beatsPerBar);
}

void BeatIndicator::paint (juce::Graphics& g)
{
    auto area = getLocalBounds().toFloat();

    // Bar.beat in a fixed-width face, so the digits don't jitter as they count.
    const juce::Font numbers (juce::Font::getDefaultMonospacedFontName(), 24.0f, juce::Font::bold);
    g.setFont (numbers);
    g.setColour (Palette::text);
    const auto textArea = area.removeFromLeft (juce::jmin (area.getWidth() * 0.4f, 96.0f));
    g.drawText (getBarAndBeatText(), textArea, juce::Justification::centredLeft, false);

    // The lights: as many as the bar has beats, as large as fit (up to 16 beats).
    area.removeFromLeft (6.0f);
    const float pitch = juce::jmin (30.0f, area.getWidth() / (float) beatsPerBar);
    const float size = juce::jmin (pitch - 5.0f, area.getHeight() - 6.0f);
    for (int b = 0; b < beatsPerBar; ++b)
    {
        const bool downbeat = b == 0, lit = b == litBeat;
        const float d = downbeat ? size : size * 0.72f;
        const auto centre = juce::Point<float> (area.getX() + pitch * ((float) b + 0.5f), area.getCentreY());
        const auto light = juce::Rectangle<float> (d, d).withCentre (centre);
        const auto colour = downbeat ? Palette::accent : Palette::text;
        if (lit)
        {
            if (flash)
            {
                g.setColour (colour.withAlpha (0.3f));
                g.fillEllipse (light.expanded (4.0f));
            }
            g.setColour (flash ? colour.brighter (0.3f) : colour.withAlpha (0.8f));
            g.fillEllipse (light);
        }
        else
        {
            g.setColour (Palette::panelRaised);
            g.fillEllipse (light);
            g.setColour (downbeat ? Palette::accent.withAlpha (0.6f) : Palette::outline);
            g.drawEllipse (light, 1.2f);
        }
    }
}

} // namespace paddeck
