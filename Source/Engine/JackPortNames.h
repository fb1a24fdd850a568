#pragma once

#include <juce_audio_devices/juce_audio_devices.h>

namespace paddeck
{

/** The names PadDeck shows in JACK, kept the same from run to run so that a patchbay (or a
    session manager's jackpatch) finds its ports again after a restart: the client is "PadDeck"
    (or the client id a session manager hands out), the master outputs are master_L and
    master_R, and the cue bus's (when the server has four playback ports) cue_L and cue_R.

    JUCE 7.0.5's JACK backend takes its client name from JUCE_JACK_CLIENT_NAME, which the
    project's JUCE config wires to getClientName(), but it always registers its ports as out_1,
    out_2, … So once a JACK device is open its outputs are renamed, through a short-lived
    second client of this process: JACK2's server lets any client rename a port. (PipeWire's JACK
    is not tested; should it refuse, the ports keep JUCE's names and renameOutputs() says so.)
    [message] */
class JackPortNames
{
public:
    static constexpr const char* defaultClientName = "PadDeck";

    /** The JACK client name for the next device that opens; the running one keeps its name. */
    static void setClientName (const juce::String& name);
    static juce::String getClientName();

    /** master_L, master_R, cue_L, cue_R: the names of the output channels, in order. */
    static juce::StringArray getOutputNames();

    /** Renames the ports of this process's open JACK client that still carry JUCE's names; `named`
        says how many were renamed. Fails, saying why, when there is no server or it refused. */
    static juce::Result renameOutputs (int& named);
};

} // namespace paddeck
