#include "Model/Identifiers.h"
#include "Tempo/ShapeSnap.h"
#include "UI/LiveScreen.h"

#include <gtest/gtest.h>

namespace paddeck
{

using test::mouseAt;
using test::pumpUntil;
using Handle = WaveformEditor::Handle;

/** The pad editor's waveform: its handles set the pad's start, end, loop and fades, snapped and
    undoable, on RAM and streamed pads, in a real window under Xvfb playing through jackd -d dummy. */
struct PerformerScreenWaveform : test::LiveScreen
{
    // A 300 Hz sine at 48 kHz crosses zero on every 80th frame exactly.
    static constexpr int crossingEvery = 80;

    WaveformEditor& waveform() { return screen->getPadEditor().getWaveform(); }

    void loadAndSelect (int pad, double seconds)
    {
        const auto file = test::writeWav (temp / ("tone" + juce::String (pad) + ".wav"), 48000.0, 1,
                                          (juce::int64) (seconds * 48000.0), test::sine (300.0, 48000.0));
        session.loadIntoPad (pad, file);
        ASSERT_TRUE (
            pumpUntil ([&] { return session.isIdle() && !session.getPadStatus (pad).analysingTempo; }));
        screen->getPadGrid().selectPad (pad);
        screen->refresh();
        const auto frames = (juce::int64) (seconds * 48000.0);
        ASSERT_TRUE (pumpUntil (
            [&]
            {
                waveform().refresh();
                return waveform().getFileLength() == frames;
            }));
    }

    /** A point of pad 1 as the model holds it (an end unset is -1, the file's end). */
    juce::int64 property (const juce::Identifier& id) const
    {
        const auto value = session.getPad (0)[id];
        return value.isVoid() ? (id == IDs::endFrame || id == IDs::loopEnd ? -1 : 0) : (juce::int64) value;
    }

    /** A drag of a handle by its label, as the mouse makes it: down, moves, up. */
    void drag (Handle h, float toX, juce::ModifierKeys mods = juce::ModifierKeys::leftButtonModifier)
    {
        auto& w = waveform();
        const auto from = w.getHandlePosition (h);
        w.mouseDown (mouseAt (w, from, from, mods));
        const int steps = 8;
        for (int s = 1; s <= steps; ++s)
        {
            const auto x = (float) from.x + (toX - (float) from.x) * (float) s / steps;
            w.mouseDrag (mouseAt (w, { juce::roundToInt (x), from.y }, from, mods));
            pump(); // a streamed pad reloads as its start moves: the drag goes on meanwhile
        }
        w.mouseUp (mouseAt (w, { juce::roundToInt (toX), from.y }, from, mods));
    }

    void pump()
    {
        juce::MessageManager::getInstance()->runDispatchLoopUntil (5);
        screen->refresh();
    }

    /** The frame under the mouse at the x a frame is drawn at: what a drag there points to. */
    juce::int64 frameAtXOf (double frame)
    {
        return std::llround (waveform().frameForX ((float) juce::roundToInt (waveform().xForFrame (frame))));
    }

    static juce::int64 nearestCrossing (juce::int64 frame)
    {
        return (juce::int64) std::llround ((double) frame / crossingEvery) * crossingEvery;
    }
};

TEST_F (PerformerScreenWaveform, ShowsAtTheDefaultWindowSizeWithoutScrolling)
{
    loadAndSelect (0, 2.0);
    auto& editor = screen->getPadEditor();
    ASSERT_TRUE (waveform().isShowing());
    EXPECT_GE (waveform().getHeight(), WaveformEditor::preferredHeight);
    EXPECT_GT (waveform().getWidth(), 250);
    const auto view = editor.getViewport().getViewArea();
    EXPECT_TRUE (view.contains (waveform().getBounds()));
    // Room is made by the knobs, not by pushing the pad's tempo controls out of view.
    auto& quantize = editor.getTempoSection().getQuantizeBox();
    EXPECT_TRUE (view.contains (
        editor.getViewport().getViewedComponent()->getLocalArea (&quantize, quantize.getLocalBounds())))
        << "the pad's QUANTIZE is in view too";
    EXPECT_EQ (waveform().getVisibleFrames(), juce::Range<double> (0.0, 96000.0)) << "the whole file";
}

TEST_F (PerformerScreenWaveform, DraggingTheStartSnapsToAZeroCrossingAndIsOneUndoStep)
{
    loadAndSelect (0, 2.0);
    const auto before = session.getUndoDescription();
    const auto target = 30000.0 + 23.0;
    drag (Handle::start, waveform().xForFrame (target));
    const auto mouse = frameAtXOf (target);
    EXPECT_EQ (property (IDs::startFrame), nearestCrossing (mouse)) << "from frame " << mouse;
    EXPECT_EQ (waveform().getHandleFrame (Handle::start), property (IDs::startFrame));

    // The whole drag is one step: one undo takes it back to where it started.
    EXPECT_EQ (session.getUndoDescription(), "Start A1");
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (property (IDs::startFrame), 0);
    EXPECT_EQ (session.getUndoDescription(), before);

    // Alt held: the exact frame under the mouse.
    drag (Handle::start, waveform().xForFrame (target),
          juce::ModifierKeys::leftButtonModifier | juce::ModifierKeys::altModifier);
    EXPECT_EQ (property (IDs::startFrame), mouse);
    EXPECT_NE (mouse % crossingEvery, 0) << "the test needs a frame that is no crossing";

    // A double-click on the handle puts it back at the file's start.
    const auto at = waveform().getHandlePosition (Handle::start);
    waveform().mouseDoubleClick (mouseAt (waveform(), at, at));
    EXPECT_EQ (property (IDs::startFrame), 0);
}

TEST_F (PerformerScreenWaveform, TheStartNeverPassesTheEndNorTheEndTheStart)
{
    loadAndSelect (0, 2.0);
    session.setPadProperty (0, IDs::endFrame, (juce::int64) 48000);
    drag (Handle::start, waveform().xForFrame (90000.0));
    EXPECT_EQ (property (IDs::startFrame), 47999) << "a frame before the end";
    drag (Handle::end, waveform().xForFrame (100.0));
    EXPECT_EQ (property (IDs::endFrame), 48000) << "the end holds at a frame after the start";
    drag (Handle::end, waveform().xForFrame (96000.0) + 30.0f);
    EXPECT_EQ (property (IDs::endFrame), -1) << "dragged to the file's end: the end, wherever it is";
    drag (Handle::loopStart, waveform().xForFrame (96000.0));
    EXPECT_EQ (property (IDs::loopStart), 95999) << "a frame before the loop's end";
}

TEST_F (PerformerScreenWaveform, OnAPadWithATempoTheLoopSnapsToItsBeats)
{
    loadAndSelect (0, 2.0);
    ASSERT_TRUE (session.setPadTempo (0, 120.0).wasOk()); // 24000 frames a beat
    session.setPadProperty (0, IDs::downbeat, (juce::int64) 1000);
    const auto target = 50000.0 + 7.0;
    drag (Handle::loopEnd, waveform().xForFrame (target));
    EXPECT_EQ (property (IDs::loopEnd), ShapeSnap::toBeat (frameAtXOf (target), 120.0, 1000, 48000.0));
    EXPECT_EQ (property (IDs::loopEnd), 49000) << "beat 2 after the downbeat";
    drag (Handle::loopStart, waveform().xForFrame (26000.0));
    EXPECT_EQ (property (IDs::loopStart), 25000);

    const auto at = waveform().getHandlePosition (Handle::loopEnd);
    waveform().mouseDoubleClick (mouseAt (waveform(), at, at));
    EXPECT_EQ (property (IDs::loopEnd), -1) << "reset: the file's end";
}

TEST_F (PerformerScreenWaveform, FadesAreDraggedAlongTheirRamps)
{
    loadAndSelect (0, 2.0);
    const auto alt = juce::ModifierKeys::leftButtonModifier | juce::ModifierKeys::altModifier;
    drag (Handle::fadeIn, waveform().xForFrame (4800.0), alt);            // 100 ms
    const auto msPerPixel = 2.0 * 96000.0 / waveform().getWidth() / 48.0; // two pixels' worth
    EXPECT_NEAR ((double) session.getPadSettings (0).fadeInMs, 100.0, msPerPixel);
    drag (Handle::fadeOut, waveform().xForFrame (96000.0 - 9600.0), alt); // 200 ms
    EXPECT_NEAR ((double) session.getPadSettings (0).fadeOutMs, 200.0, msPerPixel);
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (session.getPadSettings (0).fadeOutMs, 0.0f) << "one drag, one step";
    EXPECT_GT (session.getPadSettings (0).fadeInMs, 0.0f);

    // Reversed, a hit starts at the end point: the fade-in ramp rises from there, leftwards.
    session.setPadProperty (0, IDs::fadeInMs, 0.0);
    session.setPadProperty (0, IDs::reverse, true);
    EXPECT_EQ (waveform().getHandleFrame (Handle::fadeIn), 96000);
    drag (Handle::fadeIn, waveform().xForFrame (96000.0 - 14400.0), alt); // 300 ms
    EXPECT_NEAR ((double) session.getPadSettings (0).fadeInMs, 300.0, msPerPixel);
}

TEST_F (PerformerScreenWaveform, TheWheelAndButtonsZoomAroundTheMouseAndADragScrolls)
{
    loadAndSelect (0, 2.0);
    auto& w = waveform();
    const int x = juce::roundToInt (w.xForFrame (60000.0));
    const auto under = w.frameForX ((float) x);
    w.mouseWheelMove (mouseAt (w, { x, 60 }, { x, 60 }), { 0.0f, 0.5f, false, false, false });
    const auto zoomed = w.getVisibleFrames();
    EXPECT_LT (zoomed.getLength(), 96000.0 / 2.0);
    EXPECT_NEAR (w.frameForX ((float) x), under, 1.0) << "the frame under the mouse stays under it";

    w.getZoomInButton().triggerClick();
    pumpUntil ([&] { return w.getVisibleFrames().getLength() < zoomed.getLength() * 0.51; }, 2000);
    EXPECT_NEAR (w.getVisibleFrames().getLength(), zoomed.getLength() / 2.0, 1.0);

    // A drag on the sound (not on a handle) scrolls the view by as much.
    const auto startBefore = w.getVisibleFrames().getStart();
    const juce::Point<int> from (juce::roundToInt (w.xForFrame (w.getVisibleFrames().getStart()
                                                                + w.getVisibleFrames().getLength() / 2.0))
                                     + 3,
                                 70);
    w.mouseDown (mouseAt (w, from, from));
    w.mouseDrag (mouseAt (w, from.translated (-40, 0), from));
    w.mouseUp (mouseAt (w, from.translated (-40, 0), from));
    EXPECT_GT (w.getVisibleFrames().getStart(), startBefore);
    EXPECT_EQ (property (IDs::startFrame), 0) << "scrolling moved no handle";

    // Close enough to place a point on one frame.
    for (int i = 0; i < 12; ++i)
        w.zoom (0.5, w.xForFrame (60000.0));
    ASSERT_LT (w.getVisibleFrames().getLength(), (double) w.getWidth());
    drag (Handle::start, w.xForFrame (60003.0),
          juce::ModifierKeys::leftButtonModifier | juce::ModifierKeys::altModifier);
    EXPECT_EQ (property (IDs::startFrame), 0) << "the start handle is off screen: nothing was grabbed";
    w.showAll();
    drag (Handle::start, w.xForFrame (60000.0),
          juce::ModifierKeys::leftButtonModifier | juce::ModifierKeys::altModifier);
    for (int i = 0; i < 12; ++i)
        w.zoom (0.5, w.xForFrame ((double) property (IDs::startFrame)));
    drag (Handle::start, w.xForFrame (60003.0),
          juce::ModifierKeys::leftButtonModifier | juce::ModifierKeys::altModifier);
    EXPECT_EQ (property (IDs::startFrame), 60003);

    w.getFitButton().triggerClick();
    pumpUntil ([&] { return w.getVisibleFrames().getLength() == 96000.0; }, 2000);
    EXPECT_EQ (w.getVisibleFrames(), juce::Range<double> (0.0, 96000.0));
}

TEST_F (PerformerScreenWaveform, DrawsTheSoundFromTheWholeFileDownToItsFrames)
{
    loadAndSelect (0, 2.0);
    auto& w = waveform();
    ASSERT_TRUE (pumpUntil ([&] { return w.getPeaks() != nullptr && w.getPeaks()->isComplete(); }));
    EXPECT_EQ (w.getPeaks()->getNumBucketsReady(), 96000 / WaveformPeaks::framesPerBucket);

    // The sine's level is 0.5: the wave's bars reach half way up and down from the middle, no more.
    const auto sound = [] (juce::Colour c) { return c.getGreen() > 110 && c.getRed() < 90; };
    const auto columnLevel = [&] (const juce::Image& image, int x)
    {
        const int top = WaveformEditor::preferredHeight / 2 - 40,
                  bottom = WaveformEditor::preferredHeight / 2 + 40;
        int lit = 0;
        for (int y = top; y < bottom; ++y)
            lit += sound (image.getPixelAt (x, y)) ? 1 : 0;
        return lit;
    };
    const auto whole = w.createComponentSnapshot (w.getLocalBounds());
    const int middle = juce::roundToInt (w.xForFrame (48000.0));
    const float halfHeight = (float) w.getHeight() * 0.5f;
    EXPECT_NEAR (columnLevel (whole, middle), halfHeight, 6.0f) << "a bar from -0.5 to +0.5";

    // Closer than a bucket, and closer than a frame a pixel: the frames, read from the file.
    for (int i = 0; i < 14; ++i)
        w.zoom (0.5, (float) middle);
    ASSERT_LT (w.getVisibleFrames().getLength(), (double) w.getWidth());
    const auto close = w.createComponentSnapshot (w.getLocalBounds());
    int litColumns = 0;
    for (int x = juce::roundToInt (w.xForFrame (w.getVisibleFrames().getStart())) + 2;
         x < juce::roundToInt (w.xForFrame (w.getVisibleFrames().getEnd())) - 2; ++x)
        litColumns += columnLevel (close, x) > 0 ? 1 : 0;
    EXPECT_GT (litColumns, w.getWidth() / 2) << "the line through the frames";
}

TEST_F (PerformerScreenWaveform, ThePlayheadFollowsThePadFromItsStart)
{
    loadAndSelect (0, 2.0);
    session.setPadProperty (0, IDs::startFrame, (juce::int64) 48000);
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    EXPECT_EQ (waveform().getPlayheadFrame(), -1) << "silent";
    auto* pad = screen->getPadGrid().getPadComponent (0);
    const auto middle = pad->getLocalBounds().getCentre();
    pad->mouseDown (mouseAt (*pad, middle, middle));
    pad->mouseUp (mouseAt (*pad, middle, middle));
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return waveform().getPlayheadFrame() > 48000;
        }))
        << deviceState();
    EXPECT_LT (waveform().getPlayheadFrame(), 96000) << "between the start and the end";
}

TEST_F (PerformerScreenWaveform, AStreamedPadIsShapedTheSameWay)
{
    auto options = loader.getOptions();
    options.streamThresholdBytes = 1024 * 1024; // the 12 s file streams
    loader.setOptions (options);
    loadAndSelect (0, 12.0);
    ASSERT_NE (session.getPadStatus (0).sample, nullptr);
    ASSERT_TRUE (session.getPadStatus (0).sample->isStreamed());
    const auto before = session.getUndoDescription();

    const auto target = 200000.0 + 31.0;
    drag (Handle::start, waveform().xForFrame (target));
    EXPECT_EQ (property (IDs::startFrame), nearestCrossing (frameAtXOf (target)));
    const auto endTarget = 400000.0 + 17.0;
    drag (Handle::end, waveform().xForFrame (endTarget));
    EXPECT_EQ (property (IDs::endFrame), nearestCrossing (frameAtXOf (endTarget)));

    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    ASSERT_NE (session.getPadStatus (0).sample, nullptr);
    EXPECT_TRUE (session.getPadStatus (0).sample->isStreamed());
    EXPECT_EQ (session.getPadStatus (0).sample->getRegion().startFrame, property (IDs::startFrame))
        << "the stream reloaded for the new start";
    EXPECT_EQ (waveform().getFileLength(), 12 * 48000) << "the same file, the same view";

    ASSERT_TRUE (session.undo());
    ASSERT_TRUE (session.undo());
    EXPECT_EQ (property (IDs::startFrame), 0);
    EXPECT_EQ (property (IDs::endFrame), -1);
    EXPECT_EQ (session.getUndoDescription(), before) << "two drags, two steps";
}

} // namespace paddeck
