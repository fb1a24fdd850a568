#include "UI/SliceMenu.h"

namespace paddeck
{

juce::PopupMenu SliceMenu::create (Session& session, int padIndex, Message onMessage)
{
    const auto settings = session.getPadSettings (padIndex);
    const int after = session.getSliceTargets (padIndex, session.getPadsPerBank()).size();
    const bool playable = session.getPadStatus (padIndex).state == Session::PadState::loaded && after > 0;

    juce::PopupMenu menu;
    for (const int count : { 4, 8, 16 })
        menu.addItem (
            juce::String (count) + " equal parts"
                + (count > after && after > 0 ? " (" + juce::String (after) + " pads left)" : juce::String()),
            playable, false,
            [&session, padIndex, count, onMessage]
            { confirmAndSlice (session, padIndex, SliceMode::equalParts, count, onMessage); });
    if (settings.hasTempo())
        menu.addItem ("By beats", playable, false,
                      [&session, padIndex, after, onMessage]
                      { confirmAndSlice (session, padIndex, SliceMode::beats, after, onMessage); });
    menu.addItem ("At onsets", playable, false,
                  [&session, padIndex, after, onMessage]
                  { confirmAndSlice (session, padIndex, SliceMode::onsets, after, onMessage); });
    return menu;
}

void SliceMenu::confirmAndSlice (Session& session, int padIndex, SliceMode mode, int count, Message onMessage)
{
    const auto slice = [&session, padIndex, mode, count, onMessage]
    {
        session.slicePad (padIndex, mode, count,
                          [onMessage] (const juce::Result& r)
                          {
                              if (r.failed() && onMessage)
                                  onMessage (r.getErrorMessage());
                          });
    };

    juce::StringArray held;
    for (auto t : session.getSliceTargets (padIndex, count))
        if (session.getPadSettings (t).file.isNotEmpty())
            held.add (session.padName (t));
    if (held.isEmpty())
        return slice();

    // By beats and at onsets, how many slices there are is known once they are found: the pads
    // that may be overwritten are all those after this one.
    juce::AlertWindow::showOkCancelBox (
        juce::MessageBoxIconType::QuestionIcon, "Slice to pads",
        juce::String (mode == SliceMode::equalParts ? "The slices go" : "The slices may go")
            + " onto pads that hold samples (" + held.joinIntoString (", ")
            + "): those are replaced. Undo gives them back.",
        "Slice", "Cancel", nullptr,
        juce::ModalCallbackFunction::create (
            [slice] (int result)
            {
                if (result != 0)
                    slice();
            }));
}

} // namespace paddeck
