#include "UI/WaveformEditor.h"

#include "Model/Identifiers.h"
#include "Tempo/ShapeSnap.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

namespace
{
constexpr float labelHeight = 14.0f, labelWidth = 14.0f, grabPixels = 6.0f;
// The fades' corners: just under the S and E labels, where a ramp reaches full level.
constexpr float fadeTop = labelHeight + 4.0f;
constexpr int buttonColumn = 24;

const juce::Identifier& propertyOf (WaveformEditor::Handle handle)
{
    static const juce::Identifier none;
    switch (handle)
    {
        case WaveformEditor::Handle::start:
            return IDs::startFrame;
        case WaveformEditor::Handle::end:
            return IDs::endFrame;
        case WaveformEditor::Handle::loopStart:
            return IDs::loopStart;
        case WaveformEditor::Handle::loopEnd:
            return IDs::loopEnd;
        case WaveformEditor::Handle::fadeIn:
            return IDs::fadeInMs;
        case WaveformEditor::Handle::fadeOut:
            return IDs::fadeOutMs;
        case WaveformEditor::Handle::none:
            break;
    }
    return none;
}
} // namespace

WaveformEditor::WaveformEditor (Session& s)
    : session (s)
{
    setRepaintsOnMouseActivity (false);
    zoomInButton.setTooltip ("Zoom in (or the mouse wheel, around the mouse)");
    zoomOutButton.setTooltip ("Zoom out");
    fitButton.setTooltip ("Show the whole file");
    zoomInButton.onClick = [this] { zoom (0.5, waveArea.getCentreX()); };
    zoomOutButton.onClick = [this] { zoom (2.0, waveArea.getCentreX()); };
    fitButton.onClick = [this] { showAll(); };
    for (auto* b : { &zoomInButton, &zoomOutButton, &fitButton })
    {
        b->setWantsKeyboardFocus (false);
        addAndMakeVisible (b);
    }
}

WaveformEditor::~WaveformEditor()
{
    if (dragging != Handle::none)
        session.endGesture(); // closed mid-drag: the step it made stays one step
}

void WaveformEditor::setPad (int globalIndex)
{
    if (dragging != Handle::none)
        session.endGesture();
    dragging = Handle::none;
    padIndex = globalIndex;
    refresh();
    showAll();
}

void WaveformEditor::refresh()
{
    const auto sample = session.getPadStatus (padIndex).sample;
    // A streamed pad reloads when its start or loop moves (its RAM part follows them): the same
    // file, so the same peaks and the same view, and a drag carries on.
    if (sample != nullptr)
        shownSample = sample;
    else if (session.getPadStatus (padIndex).state != Session::PadState::loading)
        shownSample = nullptr;
    updatePeaks();
    // The file's exact length comes with its reader, after the sample's estimate (a resampled
    // RAM sample's length may round to a frame more or less): the whole file stays in view.
    if (const auto length = getFileLength(); length != lengthShown)
    {
        const bool wasWhole = viewLength >= (double) lengthShown;
        lengthShown = length;
        wasWhole ? showAll() : clampView();
    }
    // The newest voice's place in the sample, as a fraction of it (the engine's meter): the same
    // fraction of the file.
    const auto& meters = session.getEngine().getMeters();
    const float nowPlaying = juce::isPositiveAndBelow (padIndex, EngineMeters::maxPads)
                                 ? meters.padPlayhead[(size_t) padIndex].load (std::memory_order_relaxed)
                                 : -1.0f;
    if ((peaks != nullptr && peaks->getNumBucketsReady() != peaksShown) || nowPlaying != playhead)
        repaint();
    playhead = nowPlaying;
}

juce::int64 WaveformEditor::getPlayheadFrame() const noexcept
{
    return playhead < 0.0f ? -1 : (juce::int64) std::llround ((double) playhead * (double) getFileLength());
}

void WaveformEditor::updatePeaks()
{
    const auto file = shownSample != nullptr ? shownSample->getFile() : juce::File();
    if (peaks != nullptr && peaks->getFile() == file)
        return;
    peaks = file == juce::File() ? nullptr : std::make_unique<WaveformPeaks> (file);
    peaksShown = -1;
    showAll();
}

juce::int64 WaveformEditor::getFileLength() const noexcept
{
    if (peaks != nullptr && peaks->getLengthInFrames() > 0)
        return peaks->getLengthInFrames();
    if (shownSample == nullptr || shownSample->getSampleRate() <= 0.0)
        return 0;
    return (juce::int64) std::llround ((double) shownSample->getLengthInFrames() * getFileRate()
                                       / shownSample->getSampleRate());
}

double WaveformEditor::getFileRate() const noexcept
{
    if (peaks != nullptr && peaks->getSampleRate() > 0.0)
        return peaks->getSampleRate();
    return shownSample != nullptr ? shownSample->getFileSampleRate() : 0.0;
}

void WaveformEditor::showAll()
{
    viewStart = 0.0;
    viewLength = (double) juce::jmax ((juce::int64) 1, getFileLength());
    repaint();
}

void WaveformEditor::zoom (double factor, float x)
{
    const auto length = (double) juce::jmax ((juce::int64) 1, getFileLength());
    const auto anchor = frameForX (x);
    // Closest: 8 pixels a frame, enough to place a point on one.
    const auto closest = juce::jmin (length, (double) juce::jmax (1.0f, waveArea.getWidth()) / 8.0);
    viewLength = juce::jlimit (closest, length, viewLength * factor);
    viewStart = anchor - (x - waveArea.getX()) / juce::jmax (1.0f, waveArea.getWidth()) * viewLength;
    clampView();
    repaint();
}

void WaveformEditor::clampView()
{
    const auto length = (double) juce::jmax ((juce::int64) 1, getFileLength());
    viewLength = juce::jlimit (1.0, length, viewLength);
    viewStart = juce::jlimit (0.0, length - viewLength, viewStart);
}

float WaveformEditor::xForFrame (double frame) const noexcept
{
    return waveArea.getX()
           + (float) ((frame - viewStart) / juce::jmax (1.0, viewLength) * waveArea.getWidth());
}

double WaveformEditor::frameForX (float x) const noexcept
{
    return viewStart + (double) (x - waveArea.getX()) / juce::jmax (1.0f, waveArea.getWidth()) * viewLength;
}

WaveformEditor::Shape WaveformEditor::readShape() const
{
    const auto settings = session.getPadSettings (padIndex);
    const auto length = getFileLength();
    const auto rate = getFileRate();
    Shape shape;
    shape.start = juce::jlimit ((juce::int64) 0, length, settings.startFrame);
    shape.end = settings.endFrame < 0 ? length : juce::jlimit ((juce::int64) 0, length, settings.endFrame);
    shape.loopStart = juce::jlimit ((juce::int64) 0, length, settings.loopStart);
    shape.loopEnd = settings.loopEnd < 0 ? length : juce::jlimit ((juce::int64) 0, length, settings.loopEnd);
    shape.fadeInFrames = settings.fadeInMs / 1000.0 * rate;
    shape.fadeOutFrames = settings.fadeOutMs / 1000.0 * rate;
    shape.reverse = settings.reverse;
    shape.loops = settings.shouldLoop();
    shape.bpm = settings.hasTempo() ? settings.bpm : 0.0;
    shape.downbeat = settings.downbeat;
    return shape;
}

juce::int64 WaveformEditor::Shape::frameOf (Handle handle) const noexcept
{
    // Fades run from the first frame a hit plays, and into the last: reversed, from the end point.
    const double inward = reverse ? -1.0 : 1.0;
    switch (handle)
    {
        case Handle::start:
            return start;
        case Handle::end:
            return end;
        case Handle::loopStart:
            return loopStart;
        case Handle::loopEnd:
            return loopEnd;
        case Handle::fadeIn:
            return (juce::int64) std::llround ((double) (reverse ? end : start) + inward * fadeInFrames);
        case Handle::fadeOut:
            return (juce::int64) std::llround ((double) (reverse ? start : end) - inward * fadeOutFrames);
        case Handle::none:
            break;
    }
    return 0;
}

juce::int64 WaveformEditor::getHandleFrame (Handle handle) const { return readShape().frameOf (handle); }

juce::Point<int> WaveformEditor::getHandlePosition (Handle handle) const
{
    return positionOf (handle, readShape());
}

juce::Point<int> WaveformEditor::positionOf (Handle handle, const Shape& shape) const
{
    const float x = xForFrame ((double) shape.frameOf (handle));
    // The labels sit beside their line, inside the region they bound.
    const bool isFade = handle == Handle::fadeIn || handle == Handle::fadeOut;
    const bool opensRight = handle == Handle::start || handle == Handle::loopStart;
    const float labelX = isFade ? x : opensRight ? x + labelWidth * 0.5f : x - labelWidth * 0.5f;
    const float y = handle == Handle::loopStart || handle == Handle::loopEnd
                        ? waveArea.getBottom() - labelHeight * 0.5f
                    : isFade ? waveArea.getY() + fadeTop
                             : waveArea.getY() + labelHeight * 0.5f;
    return juce::Point<float> (labelX, y).roundToInt();
}

WaveformEditor::Handle WaveformEditor::handleAt (juce::Point<float> p) const
{
    if (shownSample == nullptr || getFileLength() <= 0)
        return Handle::none;
    // A handle scrolled out of view is not there to grab.
    const auto shape = readShape();
    const auto lineX = [&] (Handle h) { return xForFrame ((double) shape.frameOf (h)); };
    const auto near = [&] (Handle h, float reach)
    {
        return lineX (h) >= waveArea.getX() - 1.0f && lineX (h) <= waveArea.getRight() + 1.0f
               && positionOf (h, shape).toFloat().getDistanceFrom (p) <= reach;
    };
    // The labels first (the fades' corners sit on top of the sound); then the lines themselves.
    for (const auto h : { Handle::fadeIn, Handle::fadeOut })
        if (near (h, grabPixels + 1.0f))
            return h;
    for (const auto h : { Handle::start, Handle::end, Handle::loopStart, Handle::loopEnd })
        if (near (h, labelWidth * 0.6f))
            return h;
    auto best = Handle::none;
    float bestDistance = grabPixels;
    for (const auto h : { Handle::start, Handle::end, Handle::loopStart, Handle::loopEnd })
    {
        const float distance = std::abs (lineX (h) - p.x);
        if (distance <= bestDistance && waveArea.contains (p))
        {
            best = h;
            bestDistance = distance;
        }
    }
    return best;
}

juce::int64 WaveformEditor::snap (juce::int64 frame, bool exact)
{
    const auto length = getFileLength();
    if (exact || frame <= 0 || frame >= length)
        return juce::jlimit ((juce::int64) 0, length, frame);
    const auto shape = readShape();
    if (shape.bpm > 0.0)
        return juce::jlimit (
            (juce::int64) 0, length,
            (juce::int64) ShapeSnap::toBeat (frame, shape.bpm, shape.downbeat, getFileRate()));
    constexpr int reach = ShapeSnap::zeroCrossingReach;
    snapFrames.resize ((size_t) (2 * reach + 1));
    if (peaks == nullptr || !peaks->readMono (frame - reach, 2 * reach + 1, snapFrames.data()))
        return frame;
    return juce::jlimit (
        (juce::int64) 0, length,
        (juce::int64) ShapeSnap::toZeroCrossing (snapFrames.data(), 2 * reach + 1, frame - reach, frame));
}

void WaveformEditor::dragHandleTo (Handle handle, float x, bool exact)
{
    const auto length = getFileLength();
    const auto rate = getFileRate();
    if (length <= 0 || rate <= 0.0)
        return;
    const auto shape = readShape();
    const auto mouse = (juce::int64) std::llround (juce::jlimit (0.0, (double) length, frameForX (x)));
    const auto toEnd = [length] (juce::int64 f) { return f >= length ? (juce::int64) -1 : f; };
    juce::var value;
    switch (handle)
    {
        // A point never passes its partner: the region keeps at least one frame.
        case Handle::start:
            value = juce::jlimit ((juce::int64) 0, shape.end - 1, snap (mouse, exact));
            break;
        case Handle::end:
            value = toEnd (juce::jlimit (shape.start + 1, length, snap (mouse, exact)));
            break;
        case Handle::loopStart:
            value = juce::jlimit ((juce::int64) 0, shape.loopEnd - 1, snap (mouse, exact));
            break;
        case Handle::loopEnd:
            value = toEnd (juce::jlimit (shape.loopStart + 1, length, snap (mouse, exact)));
            break;
        case Handle::fadeIn:
        case Handle::fadeOut:
        {
            // A fade is at most the region it fades, and the model's longest; in tenths of a ms, as the knob.
            const bool in = handle == Handle::fadeIn;
            const auto from = (double) (in != shape.reverse ? shape.start : shape.end);
            const double inward = in != shape.reverse ? 1.0 : -1.0;
            const auto frames = juce::jmax (0.0, ((double) mouse - from) * inward);
            const auto ms = juce::jmin (frames, (double) (shape.end - shape.start)) * 1000.0 / rate;
            value = std::round (juce::jmin (ms, (double) PadSettings::maxFadeMs) * 10.0) / 10.0;
            break;
        }
        case Handle::none:
            return;
    }
    session.setPadProperty (padIndex, propertyOf (handle), value);
}

void WaveformEditor::resetHandle (Handle handle)
{
    const bool isEnd = handle == Handle::end || handle == Handle::loopEnd;
    const bool isFade = handle == Handle::fadeIn || handle == Handle::fadeOut;
    session.setPadProperty (padIndex, propertyOf (handle),
                            isFade ? juce::var (0.0) : juce::var ((juce::int64) (isEnd ? -1 : 0)));
}

void WaveformEditor::mouseMove (const juce::MouseEvent& e)
{
    const auto h = handleAt (e.position);
    if (h != hovered)
    {
        hovered = h;
        setMouseCursor (h == Handle::none ? juce::MouseCursor::NormalCursor
                                          : juce::MouseCursor::LeftRightResizeCursor);
        repaint();
    }
}

void WaveformEditor::mouseExit (const juce::MouseEvent&)
{
    hovered = Handle::none;
    repaint();
}

void WaveformEditor::mouseDown (const juce::MouseEvent& e)
{
    dragging = handleAt (e.position);
    scrolling = dragging == Handle::none;
    scrollFrom = viewStart;
    if (dragging != Handle::none)
        session.beginGesture(); // the whole drag, one undo step
}

void WaveformEditor::mouseDrag (const juce::MouseEvent& e)
{
    if (dragging != Handle::none)
    {
        dragHandleTo (dragging, e.position.x, e.mods.isAltDown() || e.mods.isShiftDown());
    }
    else if (scrolling)
    {
        viewStart =
            scrollFrom
            - (double) e.getDistanceFromDragStartX() / juce::jmax (1.0f, waveArea.getWidth()) * viewLength;
        clampView();
        repaint();
    }
}

void WaveformEditor::mouseUp (const juce::MouseEvent&)
{
    if (dragging != Handle::none)
        session.endGesture();
    dragging = Handle::none;
    scrolling = false;
}

void WaveformEditor::mouseDoubleClick (const juce::MouseEvent& e)
{
    const auto h = handleAt (e.position);
    if (h != Handle::none)
        resetHandle (h);
    else
        showAll();
}

void WaveformEditor::mouseWheelMove (const juce::MouseEvent& e, const juce::MouseWheelDetails& wheel)
{
    if (wheel.deltaX != 0.0f && std::abs (wheel.deltaX) > std::abs (wheel.deltaY))
    {
        viewStart -= (double) wheel.deltaX * viewLength * 0.5;
        clampView();
        repaint();
        return;
    }
    zoom (std::exp (-(double) wheel.deltaY * (wheel.isReversed ? -2.0 : 2.0)), e.position.x);
}

juce::String WaveformEditor::getTooltip()
{
    switch (hovered)
    {
        case Handle::start:
            return "Start point: where a hit starts. Drag (snaps; Alt: exact), double-click: the file's "
                   "start";
        case Handle::end:
            return "End point: where a one-shot stops. Drag (snaps; Alt: exact), double-click: the file's "
                   "end";
        case Handle::loopStart:
            return "Loop start: where a loop wraps to. Drag (snaps; Alt: exact), double-click: reset";
        case Handle::loopEnd:
            return "Loop end: where a loop wraps. Drag (snaps; Alt: exact), double-click: reset";
        case Handle::fadeIn:
            return "Fade in: drag along the ramp; double-click: none";
        case Handle::fadeOut:
            return "Fade out: drag along the ramp; double-click: none";
        case Handle::none:
            break;
    }
    return shownSample != nullptr ? "Wheel: zoom around the mouse; drag: scroll; double-click: show all" : "";
}

void WaveformEditor::resized()
{
    auto area = getLocalBounds();
    auto buttons = area.removeFromRight (buttonColumn).reduced (1, 2);
    const int buttonHeight = juce::jmin (24, buttons.getHeight() / 3);
    for (auto* b : { &zoomInButton, &zoomOutButton, &fitButton })
        b->setBounds (buttons.removeFromTop (buttonHeight).reduced (0, 1));
    area.removeFromRight (4);
    waveArea = area.toFloat(); // the labels sit over its top and bottom edges, as on a DJ's deck
    clampView();
}

void WaveformEditor::paintShape (juce::Graphics& g, juce::Rectangle<float> area, const Shape& shape)
{
    const auto clampX = [&] (juce::int64 frame)
    { return juce::jlimit (area.getX(), area.getRight(), xForFrame ((double) frame)); };
    const float startX = clampX (shape.start), endX = clampX (shape.end);
    const float loopStartX = clampX (shape.loopStart), loopEndX = clampX (shape.loopEnd);

    // Outside the start..end region: shaded, as it is not played.
    g.setColour (Palette::background.withAlpha (0.6f));
    g.fillRect (area.withRight (startX));
    g.fillRect (area.withLeft (endX));

    // The loop: a band along the bottom, and the region tinted while the pad loops.
    const auto loopColour = shape.loops ? Palette::playing : Palette::textDim;
    g.setColour (loopColour.withAlpha (shape.loops ? 0.10f : 0.05f));
    g.fillRect (juce::Rectangle<float> (loopStartX, area.getY(), loopEndX - loopStartX, area.getHeight()));
    g.setColour (loopColour.withAlpha (0.7f));
    g.fillRect (juce::Rectangle<float> (loopStartX, area.getBottom() - 3.0f, loopEndX - loopStartX, 3.0f));

    // The fades: ramps from silence at the hit's first frame up to full level, and back down into
    // the last.
    const auto ramp = [&] (Handle h, juce::int64 silentAt)
    {
        const juce::Point<float> silent (xForFrame ((double) silentAt), area.getBottom());
        const juce::Point<float> full (xForFrame ((double) shape.frameOf (h)), area.getY() + fadeTop);
        juce::Path p;
        p.startNewSubPath (silent.x, area.getY());
        p.lineTo (full);
        p.lineTo (silent);
        p.closeSubPath();
        g.setColour (Palette::background.withAlpha (0.45f));
        g.fillPath (p);
        g.setColour (Palette::warning);
        g.drawLine ({ silent, full }, 1.5f);
        g.fillEllipse (juce::Rectangle<float> (hovered == h ? 10.0f : 8.0f, hovered == h ? 10.0f : 8.0f)
                           .withCentre (full));
    };
    g.saveState();
    g.reduceClipRegion (area.toNearestInt());
    ramp (Handle::fadeIn, shape.reverse ? shape.end : shape.start);
    ramp (Handle::fadeOut, shape.reverse ? shape.start : shape.end);
    g.restoreState();

    // The handles: a line over the sound and a labelled tab beside it (S and E above, L and L below).
    const auto handle = [&] (Handle h, const juce::String& label, juce::Colour colour)
    {
        const bool isLoop = h == Handle::loopStart || h == Handle::loopEnd;
        const float lineX = xForFrame ((double) shape.frameOf (h));
        if (lineX < area.getX() - 1.0f || lineX > area.getRight() + 1.0f)
            return;
        g.setColour (colour.withAlpha (hovered == h || dragging == h ? 1.0f : 0.85f));
        if (isLoop)
        {
            const float dashes[] = { 4.0f, 3.0f };
            g.drawDashedLine ({ lineX, area.getY(), lineX, area.getBottom() }, dashes, 2, 1.2f);
        }
        else
        {
            g.drawLine (lineX, area.getY(), lineX, area.getBottom(), 1.5f);
        }
        const auto tab =
            juce::Rectangle<float> (labelWidth, labelHeight).withCentre (positionOf (h, shape).toFloat());
        g.fillRoundedRectangle (tab, 2.0f);
        g.setColour (Palette::background);
        g.setFont (juce::Font (11.0f, juce::Font::bold));
        g.drawText (label, tab, juce::Justification::centred, false);
    };
    handle (Handle::loopStart, "L", loopColour);
    handle (Handle::loopEnd, "L", loopColour);
    handle (Handle::start, "S", Palette::accent);
    handle (Handle::end, "E", Palette::accent);
}

void WaveformEditor::paint (juce::Graphics& g)
{
    g.setColour (Palette::background);
    g.fillRoundedRectangle (waveArea, 4.0f);
    if (shownSample == nullptr || getFileLength() <= 0)
    {
        g.setColour (Palette::textDim);
        g.setFont (juce::Font (12.0f));
        g.drawText (session.getPadStatus (padIndex).state == Session::PadState::loading ? "Loading..."
                                                                                        : "No sample",
                    waveArea, juce::Justification::centred, false);
        return;
    }
    const auto shape = readShape();
    peaksShown = peaks != nullptr ? peaks->getNumBucketsReady() : -1;

    {
        // The beats of a pad with a tempo: what its handles snap to. Drawn only while they stay apart.
        const double beatFrames = shape.bpm > 0.0 ? 60.0 / shape.bpm * getFileRate() : 0.0;
        if (beatFrames > 0.0 && beatFrames / viewLength * waveArea.getWidth() >= 4.0)
        {
            const auto first = (juce::int64) std::floor ((viewStart - (double) shape.downbeat) / beatFrames);
            for (auto k = first;; ++k)
            {
                const auto frame = ShapeSnap::beatFrame (k, shape.bpm, shape.downbeat, getFileRate());
                if ((double) frame > viewStart + viewLength)
                    break;
                const bool bar = k % 4 == 0;
                g.setColour (Palette::textDim.withAlpha (bar ? 0.5f : 0.25f));
                g.fillRect (juce::Rectangle<float> (xForFrame ((double) frame), waveArea.getY(),
                                                    bar ? 1.5f : 1.0f, waveArea.getHeight()));
            }
        }
    }

    g.setColour (Palette::accent.withAlpha (0.8f));
    if (peaks != nullptr)
        peaks->paint (g, waveArea, getVisibleFrames(), getFileLength(),
                      shownSample->getOverview().isReady() ? &shownSample->getOverview() : nullptr);
    paintShape (g, waveArea, shape);

    if (playhead >= 0.0f)
    {
        g.setColour (Palette::text);
        const float x = xForFrame ((double) getPlayheadFrame());
        if (waveArea.getHorizontalRange().contains (x))
            g.fillRect (juce::Rectangle<float> (x - 0.75f, waveArea.getY(), 1.5f, waveArea.getHeight()));
    }

    if (viewLength < (double) getFileLength())
    {
        // Where the view is in the file: a thin bar along the top edge.
        const float w = waveArea.getWidth();
        const auto length = (double) getFileLength();
        g.setColour (Palette::textDim.withAlpha (0.6f));
        g.fillRect (juce::Rectangle<float> (waveArea.getX() + (float) (viewStart / length) * w,
                                            waveArea.getY(),
                                            juce::jmax (2.0f, (float) (viewLength / length) * w), 2.0f));
    }
}

} // namespace paddeck
