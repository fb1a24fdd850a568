#pragma once

#include "Control/Session.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** A pad's "Slice to pads" menu, the same from the pad editor's SLICE... button and the pad's
    right-click menu: 4 / 8 / 16 equal parts, by beats (for a pad with a tempo), at onsets. The
    slices go onto the pads after it in its bank (Session::slicePad); when some of those hold
    something, it asks first. What went wrong is said through `onMessage`. [message] */
struct SliceMenu
{
    using Message = std::function<void (const juce::String&)>;

    static juce::PopupMenu create (Session& session, int padIndex, Message onMessage);

    /** Asks before overwriting pads that hold something, then slices. */
    static void confirmAndSlice (Session& session, int padIndex, SliceMode mode, int count,
                                 Message onMessage);
};

} // namespace paddeck
