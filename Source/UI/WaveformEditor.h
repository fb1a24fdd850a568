#pragma once

#include "Control/Session.h"
#include "UI/WaveformPeaks.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** The pad editor's big waveform of the selected pad's file, where its SHAPE is set by hand:
    handles for the start (S) and end (E) points on top, the loop's start and end (L, L) below,
    and the fade-in and fade-out lengths as the corners of ramps drawn over the sound. Outside the
    start..end region is shaded; the loop is marked; on a pad with a tempo its beats are ticked; a
    line follows the pad while it plays.

    A handle snaps to the nearest beat when the pad has a tempo, else to the nearest zero crossing
    (ShapeSnap); Alt or Shift held while dragging places it on the exact frame under the mouse.
    A drag is one undo step; a double-click on a handle resets it. The wheel (or + and −) zooms
    around the mouse, a drag on the sound scrolls when zoomed, and the fit button shows it all.
    Points are in the file's frames, as the model keeps them, for RAM and streamed pads alike.
    [message] */
class WaveformEditor : public juce::Component, public juce::TooltipClient
{
public:
    enum class Handle
    {
        none,
        start,
        end,
        loopStart,
        loopEnd,
        fadeIn,
        fadeOut
    };

    static constexpr int preferredHeight = 96;

    explicit WaveformEditor (Session& session);
    ~WaveformEditor() override;

    void setPad (int globalIndex);
    /** The main window's 30 Hz tick (through PadEditor::refreshStatus): a new file, peaks that
        arrived, the playhead. */
    void refresh();

    /** The file frames on screen: [start, end). */
    juce::Range<double> getVisibleFrames() const noexcept { return { viewStart, viewStart + viewLength }; }
    /** Zooms by `factor` (< 1 closer) keeping the frame under x (component coordinates) there. */
    void zoom (double factor, float x);
    void showAll();

    juce::int64 getFileLength() const noexcept;
    double getFileRate() const noexcept;
    /** Where a file frame is, in component coordinates, and back. */
    float xForFrame (double frame) const noexcept;
    double frameForX (float x) const noexcept;
    /** A handle's frame as the pad has it now (a fade's: the end of its ramp). */
    juce::int64 getHandleFrame (Handle) const;
    /** The point of a handle to grab it by (its label, or the fade's corner). */
    juce::Point<int> getHandlePosition (Handle) const;
    /** Where the frame under the mouse lands (see the class comment), before ordering is enforced. */
    juce::int64 snap (juce::int64 frame, bool exact);

    /** The file frame the pad plays now (its newest voice), as of the last refresh(); -1 when silent. */
    juce::int64 getPlayheadFrame() const noexcept;
    /** Null until a pad with a sample is shown. */
    const WaveformPeaks* getPeaks() const noexcept { return peaks.get(); }
    juce::Button& getZoomInButton() noexcept { return zoomInButton; }
    juce::Button& getZoomOutButton() noexcept { return zoomOutButton; }
    juce::Button& getFitButton() noexcept { return fitButton; }

    void paint (juce::Graphics&) override;
    void resized() override;
    void mouseMove (const juce::MouseEvent&) override;
    void mouseExit (const juce::MouseEvent&) override;
    void mouseDown (const juce::MouseEvent&) override;
    void mouseDrag (const juce::MouseEvent&) override;
    void mouseUp (const juce::MouseEvent&) override;
    void mouseDoubleClick (const juce::MouseEvent&) override;
    void mouseWheelMove (const juce::MouseEvent&, const juce::MouseWheelDetails&) override;
    juce::String getTooltip() override;

private:
    struct Shape
    {
        juce::int64 start = 0, end = 0, loopStart = 0, loopEnd = 0; // -1s resolved to the file's end
        double fadeInFrames = 0.0, fadeOutFrames = 0.0;
        bool reverse = false, loops = false;
        double bpm = 0.0;
        juce::int64 downbeat = 0;

        juce::int64 frameOf (Handle) const noexcept;
    };
    Shape readShape() const;
    juce::Point<int> positionOf (Handle, const Shape&) const;
    Handle handleAt (juce::Point<float>) const;
    /** Sets the dragged handle's property for the mouse at x, keeping the points in order. */
    void dragHandleTo (Handle, float x, bool exact);
    void resetHandle (Handle);
    void updatePeaks();
    void clampView();
    void paintShape (juce::Graphics&, juce::Rectangle<float> area, const Shape&);

    Session& session;
    int padIndex = -1;
    std::unique_ptr<WaveformPeaks> peaks;
    Sample::Ptr shownSample; // for its overview while the peaks are read
    double viewStart = 0.0, viewLength = 0.0;
    juce::Rectangle<float> waveArea; // all but the zoom buttons
    juce::TextButton zoomInButton{ "+" }, zoomOutButton{ "-" }, fitButton{ "[ ]" };
    Handle dragging = Handle::none, hovered = Handle::none;
    bool scrolling = false;
    double scrollFrom = 0.0;
    int peaksShown = -1;
    juce::int64 lengthShown = 0;
    float playhead = -1.0f; // of the sample, 0…1; < 0 silent
    std::vector<float> snapFrames;
};

} // namespace paddeck
