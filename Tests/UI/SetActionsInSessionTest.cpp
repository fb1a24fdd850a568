#include "Control/Session.h"
#include "Support/TestAudio.h"
#include "UI/SetActions.h"

#include <gtest/gtest.h>

namespace paddeck
{

static bool hasItem (const juce::PopupMenu& menu, const juce::String& text, bool enabled)
{
    for (juce::PopupMenu::MenuItemIterator it (menu); it.next();)
        if (it.getItem().text == text)
            return it.getItem().isEnabled == enabled;
    return false;
}

/** Under NSM the set lives in the session's folder: no dialog ever asks where a set goes. */
struct SetActionsInSession : ::testing::Test
{
    void SetUp() override
    {
        setFile = temp / "session/PadDeck.nX/PadDeck.paddeck";
        setFile.getParentDirectory().createDirectory();
        (temp / "outside").createDirectory();
        test::writeWav (temp / "outside/tone.wav", 48000.0, 1, 4800, test::sine (440.0, 48000.0));
        session.loadIntoPad (0, temp / "outside/tone.wav");
        ASSERT_TRUE (session.saveSet (setFile).wasOk());
        actions.setSessionManaged (true);
    }

    test::TempFolder temp;
    AudioEngine engine;
    SampleLoader loader;
    Session session{ engine, loader };
    juce::Component owner;
    juce::StringArray messages;
    SetActions actions{ session, owner, [this] (const juce::String& m) { messages.add (m); } };
    juce::File setFile;
};

TEST_F (SetActionsInSession, OpenAndSaveAsAreOffAndSaveGoesIntoTheSession)
{
    const auto menu = actions.createMenu();
    EXPECT_TRUE (hasItem (menu, "Open...", false));
    EXPECT_TRUE (hasItem (menu, "Save As...", false));
    EXPECT_TRUE (hasItem (menu, "Save", true));
    EXPECT_TRUE (hasItem (menu, "Collect samples into the session", true));
    EXPECT_FALSE (hasItem (menu, "Collect samples and save as...", true));

    // Ctrl+O and Ctrl+Shift+S reach these too: no dialog, the set stays where the session put it.
    actions.open();
    EXPECT_EQ (juce::Component::getCurrentlyModalComponent(), nullptr);
    EXPECT_TRUE (messages.joinIntoString ("\n").contains ("session manager opens sets"));

    session.setMasterGainDb (-9.0);
    bool saved = false;
    actions.saveAs (false, [&saved] (bool ok) { saved = ok; });
    EXPECT_TRUE (saved);
    EXPECT_EQ (session.getSetFile(), setFile);
    EXPECT_FALSE (session.isDirty());
}

TEST_F (SetActionsInSession, NewEmptiesTheSetInPlaceAndCollectCopiesTheSamplesIntoTheSession)
{
    bool collected = false;
    actions.saveAs (true, [&collected] (bool ok) { collected = ok; });
    EXPECT_TRUE (collected);
    EXPECT_TRUE (setFile.getParentDirectory().getChildFile ("PadDeck Samples/tone.wav").existsAsFile());

    actions.newSet();
    EXPECT_EQ (session.getSetFile(), setFile) << "the new set is still the session's";
    EXPECT_TRUE (session.isDirty()) << "the session's file holds the old set until it is saved";
    EXPECT_EQ (session.getPadStatus (0).state, Session::PadState::empty);
}

} // namespace paddeck
