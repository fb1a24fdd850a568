#pragma once

#include "Control/Session.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** One pad on the grid: name, tempo (and SYNC), mini waveform, state, playhead and level; a
    start waiting for its beat flashes in the queued colour, a stop waiting rims the playing pad. Pressing it
   fires the pad (press and release both matter, for gate pads); Shift previews it in the cue only; clicking
   also selects it for the editor. A cued pad wears a CUE badge.
   [message] */
class PadComponent : public juce::Component
{
public:
    /** What the pad shows; the grid fills it at 30 Hz. */
    struct View
    {
        juce::String name, message, keyLabel, modeLabel;
        Session::PadState state = Session::PadState::empty;
        Sample::Ptr sample;
        float playhead = -1.0f; // < 0: not playing
        float level = 0.0f;     // peak, linear
        int voices = 0;
        bool selected = false, streamed = false;
        bool cued = false; // heard on the cue bus (its CUE badge)

        juce::String bpmLabel;      // "128", "—" for no tempo, empty while not known
        bool synced = false;        // plays at the master tempo
        int queued = 0;             // 1: a start waits for its beat, 2: a stop waits
        juce::String quantizeLabel; // the grid a queued pad waits for, e.g. "1 bar"
        bool flashLit = false;      // a queued pad's flash, lit on the first half of each beat heard

        juce::String dropFile;         // while files are dragged over the grid: the one this pad would get
        bool dropReplaces = false;     // ... in place of the sample it holds
        float stretchProgress = -1.0f; // 0…1 while its KeyLock stretch is being rendered; < 0 otherwise
        juce::String stretchMessage;   // a problem with the render (the pad plays the realtime stretch)

        bool isPlaying() const noexcept { return voices > 0; }
        bool operator== (const View&) const;
    };

    PadComponent();

    void setView (const View& newView);
    const View& getView() const noexcept { return view; }

    std::function<void()> onPress, onRelease; // mouse down / up on the pad
    /** Shift + mouse down / up: a preview, heard in the cue only. */
    std::function<void()> onPreview, onPreviewRelease;
    std::function<void()> onContextMenu; // right-click: the pad's menu, and no hit

    /** A word for the pad's state, as shown: Empty, Loading, Loaded, Playing, Streaming, Missing,
        Error, Queued (a start waits for its beat) or Stopping (a stop waits). */
    juce::String getStateText() const;

    void paint (juce::Graphics&) override;
    void mouseDown (const juce::MouseEvent&) override;
    void mouseUp (const juce::MouseEvent&) override;

private:
    void paintContent (juce::Graphics&);
    void paintDropTarget (juce::Graphics&) const;
    void paintWaveform (juce::Graphics&, juce::Rectangle<float> area, juce::Colour colour) const;
    void paintTempo (juce::Graphics&, juce::Rectangle<float>& area, bool compact) const;

    View view;
    float shownLevel = 0.0f;
    bool previewing = false; // the mouse went down with Shift: its release ends a preview
};

} // namespace paddeck
