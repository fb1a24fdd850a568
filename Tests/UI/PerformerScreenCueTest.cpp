#include "Control/CueControls.h"
#include "Model/Identifiers.h"
#include "UI/LiveScreen.h"
#include "UI/PadComponent.h"

#include <gtest/gtest.h>

namespace paddeck
{

using test::pumpUntil;

namespace
{
void saveScreenshot (juce::Component& screen, const juce::String& name)
{
    const auto image = screen.createComponentSnapshot (screen.getLocalBounds());
    auto shot = juce::File::getSpecialLocation (juce::File::tempDirectory).getChildFile (name);
    shot.deleteFile();
    juce::FileOutputStream out (shot);
    EXPECT_TRUE (juce::PNGImageFormat().writeImageToStream (image, out));
}

juce::MouseEvent shiftClick (juce::Component& c)
{
    const auto centre = c.getLocalBounds().getCentre();
    return test::mouseAt (
        c, centre, centre,
        juce::ModifierKeys (juce::ModifierKeys::shiftModifier | juce::ModifierKeys::leftButtonModifier));
}
} // namespace

/** A 2-output device (jackd's dummy with its two playback ports): the cue is off and says why. */
using PerformerScreenCueOff = test::LiveScreen;

TEST_F (PerformerScreenCueOff, ATwoOutputDeviceShowsTheCueOffAndWhy)
{
    screen->refresh();
    auto& strip = screen->getCueStrip();
    EXPECT_FALSE (strip.isCueOn());
    EXPECT_EQ (strip.getOffReason(), "Cue off: JACK has 2 playback ports; cue_L/cue_R need 4.");
    EXPECT_TRUE (strip.isShowing());
    saveScreenshot (*screen, "paddeck-cue-off.png");
}

/** jackd's dummy with four playback ports: master_L/R and cue_L/R. */
struct PerformerScreenCueOn : test::LiveScreen
{
    PerformerScreenCueOn()
        : test::LiveScreen (4)
    {
    }
};

TEST_F (PerformerScreenCueOn, ShiftClickPreviewsAPadInTheCueOnlyAndTheCueControlsDriveTheSet)
{
    session.loadIntoPad (
        0, test::writeWav (temp / "tone.wav", 48000.0, 1, 480000, test::sine (330.0, 48000.0, 0.5f)));
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    session.setPadProperty (0, IDs::playMode, "loop");
    screen->refresh();
    auto& strip = screen->getCueStrip();
    ASSERT_TRUE (strip.isCueOn()) << deviceState();
    EXPECT_EQ (strip.getOffReason(), "");

    // Shift + click: heard in the cue, not in the master.
    auto* pad = screen->getPadGrid().getPadComponent (0);
    pad->mouseDown (shiftClick (*pad));
    pad->mouseUp (shiftClick (*pad));
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return strip.getShownPeakDb (0) > -12.0f;
        }))
        << deviceState();
    EXPECT_EQ (engine.getMeters().padVoices[0].load(), 1);
    EXPECT_LE (screen->getMasterStrip().getShownPeakDb (0), -100.0f) << "the master stays silent";
    EXPECT_EQ (screen->getPadEditor().getPad(), 0) << "a preview selects the pad, like a hit";

    // The editor's CUE marks the pad, as an undo step; the pad wears its badge.
    auto* cueToggle = dynamic_cast<juce::Button*> (screen->getPadEditor().getControl (IDs::cue));
    ASSERT_NE (cueToggle, nullptr);
    cueToggle->setToggleState (true, juce::sendNotificationSync);
    EXPECT_TRUE (CueControls (session).isPadCued (0));
    EXPECT_EQ (session.getUndoDescription(), "Cue A1");
    screen->refresh();
    EXPECT_TRUE (pad->getView().cued);

    // The knobs and CLICK write the set.
    strip.getBlendKnob().setValue (0.5, juce::sendNotificationSync);
    strip.getLevelKnob().setValue (-6.0, juce::sendNotificationSync);
    strip.getClickButton().setToggleState (true, juce::sendNotificationSync);
    CueControls cue (session);
    EXPECT_DOUBLE_EQ (cue.getBlend(), 0.5);
    EXPECT_DOUBLE_EQ (cue.getLevelDb(), -6.0);
    EXPECT_TRUE (cue.isMetronomeOnCue());

    // A hit on the cued pad now plays in the master too (the preview was stopped by a second one).
    pad->mouseDown (shiftClick (*pad));
    pad->mouseUp (shiftClick (*pad));
    session.press (0);
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return screen->getMasterStrip().getShownPeakDb (0) > -12.0f && strip.getShownPeakDb (0) > -20.0f;
        }))
        << deviceState();
    saveScreenshot (*screen, "paddeck-cue-on.png");
}

TEST_F (PerformerScreenCueOn, ShiftAndAPadsKeyPreviewsItAndItsKeyAlonePlaysItForEveryone)
{
    session.loadIntoPad (
        0, test::writeWav (temp / "tone.wav", 48000.0, 1, 480000, test::sine (330.0, 48000.0, 0.5f)));
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    session.setPadProperty (0, IDs::playMode, "loop");
    auto& grid = screen->getPadGrid();
    auto& strip = screen->getCueStrip();

    // Shift + 1 types "!": still pad 1's key, as a preview.
    EXPECT_TRUE (grid.keyPressed (juce::KeyPress ('!', juce::ModifierKeys::shiftModifier, '!')));
    grid.keyStateChanged (false); // no key is really down under Xvfb: this is its release
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return strip.getShownPeakDb (0) > -12.0f;
        }))
        << deviceState();
    EXPECT_LE (screen->getMasterStrip().getShownPeakDb (0), -100.0f) << "the master stays silent";

    EXPECT_TRUE (grid.keyPressed (juce::KeyPress ('1', juce::ModifierKeys(), '1')));
    grid.keyStateChanged (false);
    ASSERT_TRUE (pumpUntil (
        [&]
        {
            screen->refresh();
            return screen->getMasterStrip().getShownPeakDb (0) > -12.0f;
        }))
        << deviceState();
    EXPECT_EQ (engine.getMeters().padVoices[0].load(), 2) << "the preview and the hit, side by side";
}

} // namespace paddeck
