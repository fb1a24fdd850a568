#include "UI/PadComponent.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

bool PadComponent::View::operator== (const View& o) const
{
    return name == o.name && message == o.message && keyLabel == o.keyLabel && modeLabel == o.modeLabel
           && state == o.state && sample == o.sample && playhead == o.playhead && level == o.level
           && voices == o.voices && selected == o.selected && streamed == o.streamed && bpmLabel == o.bpmLabel
           && synced == o.synced && queued == o.queued && quantizeLabel == o.quantizeLabel
           && flashLit == o.flashLit && dropFile == o.dropFile && dropReplaces == o.dropReplaces
           && stretchProgress == o.stretchProgress && stretchMessage == o.stretchMessage && cued == o.cued;
}

PadComponent::PadComponent()
{
    setOpaque (false);
    setWantsKeyboardFocus (false);
}

void PadComponent::setView (const View& newView)
{
    // Meters fall back smoothly (about 20 dB a second at 30 Hz) rather than flickering.
    const float decayed = shownLevel * 0.85f;
    View next = newView;
    next.level = juce::jmax (newView.level, decayed < 0.001f ? 0.0f : decayed);
    if (next == view)
        return;
    view = next;
    shownLevel = view.level;
    setTitle (view.name + ", " + getStateText());
    repaint();
}

juce::String PadComponent::getStateText() const
{
    switch (view.state)
    {
        case Session::PadState::empty:
            return "Empty";
        case Session::PadState::loading:
            return "Loading";
        case Session::PadState::missing:
            return "Missing";
        case Session::PadState::error:
            return "Error";
        case Session::PadState::loaded:
            break;
    }
    if (view.queued == 1)
        return "Queued";
    if (view.queued == 2)
        return "Stopping";
    if (view.isPlaying())
        return view.streamed ? "Streaming" : "Playing";
    return "Loaded";
}

void PadComponent::paintWaveform (juce::Graphics& g, juce::Rectangle<float> area, juce::Colour colour) const
{
    if (view.sample == nullptr || !view.sample->getOverview().isReady())
        return;

    const auto& overview = view.sample->getOverview();
    const int columns = juce::jmax (1, (int) area.getWidth());
    const float mid = area.getCentreY(), half = area.getHeight() * 0.5f;
    juce::RectangleList<float> bars;

    for (int x = 0; x < columns; ++x)
    {
        const int bucket = x * WaveformOverview::numBuckets / columns;
        const float lo = juce::jlimit (-1.0f, 1.0f, overview.getMin (bucket));
        const float hi = juce::jlimit (-1.0f, 1.0f, overview.getMax (bucket));
        bars.addWithoutMerging (
            { area.getX() + (float) x, mid - hi * half, 1.0f, juce::jmax (1.0f, (hi - lo) * half) });
    }

    g.setColour (colour);
    g.fillRectList (bars);
}

void PadComponent::paintTempo (juce::Graphics& g, juce::Rectangle<float>& area, bool compact) const
{
    // The pad's tempo, and SYNC when it plays at the master tempo: on a row of its own under the
    // name; on a small pad (8x8) over the waveform's corner, teal when synced.
    if (view.bpmLabel.isEmpty() || view.state != Session::PadState::loaded)
        return;
    const juce::Font font (compact ? 10.5f : 12.0f, juce::Font::bold);
    g.setFont (font);
    const auto bpmWidth = (float) font.getStringWidth (view.bpmLabel) + 2.0f;
    if (compact)
    {
        const auto tag = area.removeFromTop (13.0f).removeFromRight (bpmWidth + 6.0f);
        g.setColour (Palette::panel.withAlpha (0.8f));
        g.fillRoundedRectangle (tag, 3.0f);
        g.setColour (view.synced ? Palette::accent : Palette::textDim);
        g.drawText (view.bpmLabel, tag, juce::Justification::centred, false);
        return;
    }

    auto row = area.removeFromTop (15.0f);
    g.setColour (Palette::textDim);
    g.drawText (view.bpmLabel, row.removeFromLeft (bpmWidth), juce::Justification::centredLeft, false);
    if (view.synced)
    {
        const juce::Font badgeFont (9.5f, juce::Font::bold);
        const auto width = (float) badgeFont.getStringWidth ("SYNC") + 8.0f;
        row.removeFromLeft (5.0f);
        const auto badge = row.removeFromLeft (width).withSizeKeepingCentre (width, 13.0f);
        g.setColour (Palette::accent);
        g.fillRoundedRectangle (badge, 3.0f);
        g.setColour (Palette::background);
        g.setFont (badgeFont);
        g.drawText ("SYNC", badge, juce::Justification::centred, false);
    }
}

void PadComponent::paint (juce::Graphics& g)
{
    paintContent (g);
    if (view.dropFile.isNotEmpty())
        paintDropTarget (g);
}

void PadComponent::paintDropTarget (juce::Graphics& g) const
{
    // Where a dragged file would land: lit, named, and a replacement in the warning colour.
    const auto bounds = getLocalBounds().toFloat().reduced (3.0f);
    const auto colour = view.dropReplaces ? Palette::warning : Palette::accent;
    g.setColour (colour.withAlpha (0.3f));
    g.fillRoundedRectangle (bounds, 8.0f);
    g.setColour (colour);
    g.drawRoundedRectangle (bounds, 8.0f, 3.0f);
    g.setColour (Palette::text);
    g.setFont (juce::Font (13.0f, juce::Font::bold));
    g.drawFittedText ((view.dropReplaces ? "REPLACE WITH\n" : juce::String::fromUTF8 ("\u2192 "))
                          + view.dropFile,
                      bounds.reduced (8.0f).toNearestInt(), juce::Justification::centred, 3);
}

void PadComponent::paintContent (juce::Graphics& g)
{
    const auto bounds = getLocalBounds().toFloat().reduced (3.0f);
    const bool playing = view.isPlaying() && view.state == Session::PadState::loaded;

    juce::Colour base = Palette::panelRaised, edge = Palette::outline, text = Palette::text;
    switch (view.state)
    {
        case Session::PadState::empty:
            base = Palette::panel;
            text = Palette::textDim;
            break;
        case Session::PadState::loading:
            edge = Palette::accent.withAlpha (0.5f);
            break;
        case Session::PadState::missing:
            edge = Palette::warning;
            break;
        case Session::PadState::error:
            edge = Palette::danger;
            break;
        case Session::PadState::loaded:
            edge = Palette::accent.withAlpha (0.45f);
            break;
    }

    if (playing)
    {
        base = Palette::playing.withAlpha (0.22f + 0.5f * juce::jmin (1.0f, view.level))
                   .overlaidWith (Palette::panelRaised.withAlpha (0.35f));
        edge = Palette::playing;
    }

    // Waiting for the beat: a start flashes the whole pad, a stop flashes the playing pad's rim.
    const bool queued = view.queued != 0 && view.state == Session::PadState::loaded;
    if (queued && view.flashLit)
    {
        if (view.queued == 1)
            base = Palette::queued.withAlpha (0.35f).overlaidWith (Palette::panelRaised.withAlpha (0.4f));
        edge = Palette::queued;
    }
    else if (queued && view.queued == 1)
    {
        edge = Palette::queued.withAlpha (0.6f);
    }

    g.setColour (base);
    g.fillRoundedRectangle (bounds, 8.0f);
    g.setColour (view.selected && !queued ? Palette::text : edge);
    g.drawRoundedRectangle (bounds, 8.0f, queued ? 3.0f : (view.selected ? 2.5f : 1.5f));

    auto inner = bounds.reduced (9.0f, 7.0f);
    auto top = inner.removeFromTop (18.0f);
    if (view.cued)
    {
        const auto badge = top.removeFromRight (32.0f).reduced (0.0f, 1.0f);
        g.setColour (Palette::cue);
        g.fillRoundedRectangle (badge, 3.0f);
        g.setColour (Palette::background);
        g.setFont (juce::Font (10.5f, juce::Font::bold));
        g.drawText ("CUE", badge, juce::Justification::centred, false);
        top.removeFromRight (4.0f);
    }
    g.setFont (juce::Font (15.0f, juce::Font::bold));
    g.setColour (text);
    g.drawFittedText (view.name, top.toNearestInt(), juce::Justification::centredLeft, 1);
    const bool compactTempo = inner.getHeight() < 90.0f; // small pads keep their waveform
    if (!compactTempo)
        paintTempo (g, inner, false);

    auto bottom = inner.removeFromBottom (15.0f);
    const juce::Font footerFont (11.5f);
    g.setFont (footerFont);
    g.setColour (Palette::textDim);
    if (view.keyLabel.isNotEmpty())
    {
        // The key keeps its corner; the state text gives way to it on a narrow pad.
        const auto keyWidth = footerFont.getStringWidthFloat (view.keyLabel) + 5.0f;
        g.drawText (view.keyLabel, bottom.removeFromRight (keyWidth), juce::Justification::centredRight,
                    false);
    }

    juce::Colour stateColour = Palette::textDim;
    if (view.state == Session::PadState::error)
        stateColour = Palette::danger;
    else if (view.state == Session::PadState::missing)
        stateColour = Palette::warning;
    else if (queued)
        stateColour = Palette::queued;
    else if (playing)
        stateColour = Palette::playing;
    g.setColour (stateColour);
    const auto stateText = getStateText().toUpperCase();
    juce::String detail;
    if (queued && view.quantizeLabel.isNotEmpty())
        detail = view.quantizeLabel.toUpperCase();
    else if (view.modeLabel.isNotEmpty() && view.state == Session::PadState::loaded)
        detail = view.modeLabel;
    // Widest first: "STATE  ·  DETAIL", then tighter spacing, then the detail alone when the
    // state is the plain "loaded" (the mode says more), else the state alone.
    juce::StringArray choices;
    if (detail.isNotEmpty())
    {
        const auto dot = juce::String::fromUTF8 ("\u00b7");
        choices.add (stateText + "  " + dot + "  " + detail);
        choices.add (stateText + " " + dot + " " + detail);
        if (view.state == Session::PadState::loaded && !queued && !playing)
            choices.add (detail);
    }
    choices.add (stateText);
    auto footer = choices[choices.size() - 1];
    for (const auto& choice : choices)
        if (footerFont.getStringWidthFloat (choice) <= bottom.getWidth())
        {
            footer = choice;
            break;
        }
    g.drawText (footer, bottom, juce::Justification::centredLeft, true);

    const auto waveArea = inner.reduced (0.0f, 4.0f);
    if (view.state == Session::PadState::empty)
    {
        g.setFont (juce::Font (12.0f));
        g.setColour (Palette::textDim.withAlpha (0.6f));
        g.drawFittedText ("Drop a sample here", waveArea.toNearestInt(), juce::Justification::centred, 2);
        return;
    }
    if (view.state == Session::PadState::error || view.state == Session::PadState::missing)
    {
        g.setFont (juce::Font (11.5f));
        g.setColour (stateColour);
        g.drawFittedText (view.message, waveArea.toNearestInt(), juce::Justification::centredLeft, 3);
        return;
    }

    paintWaveform (g, waveArea, playing ? Palette::text.withAlpha (0.7f) : Palette::accent.withAlpha (0.55f));
    if (compactTempo)
    {
        auto corner = waveArea;
        paintTempo (g, corner, true);
    }

    // The rendered stretch: how far its render is (a thin bar under the waveform), or what went wrong.
    if (view.stretchProgress >= 0.0f)
    {
        const auto bar = waveArea.withTop (waveArea.getBottom() - 3.0f);
        g.setColour (Palette::outline);
        g.fillRect (bar);
        g.setColour (Palette::accent);
        g.fillRect (bar.withWidth (bar.getWidth() * juce::jlimit (0.0f, 1.0f, view.stretchProgress)));
    }
    if (view.stretchMessage.isNotEmpty())
    {
        g.setFont (juce::Font (11.0f));
        g.setColour (Palette::warning);
        g.drawFittedText (view.stretchMessage, waveArea.toNearestInt(), juce::Justification::topLeft, 2);
    }

    if (playing && view.playhead >= 0.0f)
    {
        const float x = waveArea.getX() + waveArea.getWidth() * juce::jlimit (0.0f, 1.0f, view.playhead);
        g.setColour (Palette::text);
        g.fillRect (x - 1.0f, waveArea.getY(), 2.0f, waveArea.getHeight());
    }

    if (playing) // level bar along the left edge
    {
        const float h = bounds.getHeight() * juce::jmin (1.0f, view.level);
        g.setColour (view.level >= 1.0f ? Palette::danger : Palette::playing);
        g.fillRoundedRectangle (bounds.getX() + 2.0f, bounds.getBottom() - h, 4.0f, h, 2.0f);
    }
}

void PadComponent::mouseDown (const juce::MouseEvent& e)
{
    if (e.mods.isPopupMenu())
    {
        if (onContextMenu)
            onContextMenu();
    }
    else if (e.mods.isShiftDown() && onPreview)
    {
        previewing = true;
        onPreview();
    }
    else if (onPress)
    {
        onPress();
    }
}

void PadComponent::mouseUp (const juce::MouseEvent& e)
{
    if (previewing)
    {
        previewing = false;
        if (onPreviewRelease)
            onPreviewRelease();
    }
    else if (!e.mods.isPopupMenu() && onRelease)
    {
        onRelease();
    }
}

} // namespace paddeck
