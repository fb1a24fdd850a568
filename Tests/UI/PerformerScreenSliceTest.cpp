#include "Model/Identifiers.h"
#include "UI/LiveScreen.h"
#include "UI/PadEditor.h"
#include "UI/PadGrid.h"

#include <gtest/gtest.h>

namespace paddeck
{

using test::pumpUntil;

namespace
{
/** The item named `text` in the menu or one of its submenus. */
const juce::PopupMenu::Item* findItem (const juce::PopupMenu& menu, const juce::String& text)
{
    for (juce::PopupMenu::MenuItemIterator it (menu, true); it.next();)
        if (it.getItem().text == text)
            return &it.getItem();
    return nullptr;
}

juce::AlertWindow* currentAlert()
{
    return dynamic_cast<juce::AlertWindow*> (juce::Component::getCurrentlyModalComponent());
}
} // namespace

/** Slice to pads from the screen: the pad editor's SLICE... button and the pad's right-click menu
    offer the same choices, and pads that hold something are asked about before they are replaced. */
struct PerformerScreenSlice : test::LiveScreen
{
};

TEST_F (PerformerScreenSlice, TheMenusAskBeforeOverwritingAndSliceOntoTheNextPads)
{
    const auto loop = test::writeWav (temp / "Loop 120bpm.wav", 48000.0, 1, 16 * 24000,
                                      [] (juce::int64 i, int) { return i % 24000 < 480 ? 0.5f : 0.0f; });
    session.loadIntoPad (0, loop);
    session.loadIntoPad (2,
                         test::writeWav (temp / "keep.wav", 48000.0, 1, 4800, test::sine (330.0, 48000.0)));
    ASSERT_TRUE (pumpUntil ([&] { return session.isIdle(); }));
    ASSERT_TRUE (session.setPadTempo (0, 120.0).wasOk());

    auto& grid = screen->getPadGrid();
    grid.selectPad (0);
    screen->refresh();
    EXPECT_TRUE (screen->getPadEditor().getSliceButton().isEnabled());

    const auto menu = grid.createPadMenu (0);
    // A 4 x 4 bank: 15 pads follow the first, so 16 parts become 15.
    for (const auto* name :
         { "4 equal parts", "8 equal parts", "16 equal parts (15 pads left)", "By beats", "At onsets" })
    {
        const auto* item = findItem (menu, name);
        ASSERT_NE (item, nullptr) << name;
        EXPECT_TRUE (item->isEnabled) << name;
    }
    const auto emptyPadMenu = grid.createPadMenu (5);
    const auto* emptyPadItem = findItem (emptyPadMenu, "4 equal parts");
    EXPECT_TRUE (emptyPadItem == nullptr || !emptyPadItem->isEnabled) << "an empty pad has nothing to slice";

    // Pad 3 holds a sample: the performer is asked; Cancel leaves everything as it was.
    findItem (menu, "4 equal parts")->action();
    ASSERT_TRUE (pumpUntil ([] { return currentAlert() != nullptr; }));
    juce::StringArray buttons;
    for (auto* child : currentAlert()->getChildren())
        if (auto* button = dynamic_cast<juce::Button*> (child))
            buttons.add (button->getButtonText());
    EXPECT_EQ (buttons, (juce::StringArray{ "Slice", "Cancel" }));
    currentAlert()->exitModalState (0);
    juce::MessageManager::getInstance()->runDispatchLoopUntil (50);
    EXPECT_EQ (session.getPadSettings (2).name, "keep");
    EXPECT_EQ (session.getPadSettings (1).file, "");

    findItem (menu, "4 equal parts")->action();
    ASSERT_TRUE (pumpUntil ([] { return currentAlert() != nullptr; }));
    currentAlert()->exitModalState (1);
    ASSERT_TRUE (
        pumpUntil ([&] { return session.isIdle() && session.getPadSettings (4).file.isNotEmpty(); }));
    for (int k = 0; k < 4; ++k)
    {
        EXPECT_EQ (session.getPadSettings (1 + k).name, "Loop 120bpm " + juce::String (k + 1));
        EXPECT_EQ (session.getPadSettings (1 + k).startFrame, k * 4 * 24000);
    }
    EXPECT_EQ (session.getPadSettings (5).file, "");
    screen->refresh();
    EXPECT_EQ (grid.getPadComponent (2)->getView().name, "Loop 120bpm 2");
}

} // namespace paddeck
