#include "Sync/SyncController.h"

#include "Control/AudibleBeat.h"
#include "Model/Settings.h"

namespace paddeck
{

static const char* const sourceNames[] = { "internal", "midiClock", "link" };

SyncController::SyncController (Session& s, Settings* st, juce::AudioDeviceManager* d)
    : session (s)
    , settings (st)
    , devices (d)
    , link (s.getMasterTempo())
{
    // Link calls from its own thread: come back to the message thread at once.
    link.onChange = [this] { triggerAsyncUpdate(); };
    session.getEngine().setExternalClock (&engineSide);

    if (devices != nullptr)
        devices->addMidiInputDeviceCallback ({}, &clockIn);

    if (settings != nullptr)
    {
        // Read everything before applying any of it: each change is remembered at once.
        auto& props = settings->properties();
        const bool startStop = props.getBoolValue ("linkStartStop", false);
        const auto name = props.getValue ("syncSource", sourceNames[0]);
        const auto output = props.getValue ("midiClockOutput");

        setLinkStartStop (startStop);
        for (int i = 0; i < SyncSwitches::numClockSources; ++i)
            if (name == sourceNames[i])
                setSource ((ClockSource) i);
        if (output.isNotEmpty())
            if (const auto r = setClockOutput (output); r.failed())
                juce::Logger::writeToLog ("MIDI clock out: " + r.getErrorMessage());
    }
    startTimerHz (50);
}

SyncController::~SyncController()
{
    stopTimer();
    cancelPendingUpdate();
    link.onChange = nullptr;
    link.enable (false);
    if (devices != nullptr)
        devices->removeMidiInputDeviceCallback ({}, &clockIn);
    session.getEngine().setExternalClock (nullptr);
}

void SyncController::setSource (ClockSource newSource)
{
    if (newSource == ClockSource::link && !link.isEnabled())
    {
        // PadDeck brings its tempo; a session that is already there keeps its own.
        link.setTempo (session.getMasterTempo());
        linkTempoSeen = link.getTempo();
        setTempoSeen = session.getMasterTempo();
        link.enable (true);
    }
    else if (newSource != ClockSource::link)
    {
        link.enable (false);
    }
    source = newSource;
    engineSide.setSource (source);
    remember();
    sendChangeMessage();
}

void SyncController::setLinkOn (bool on)
{
    if (on != isLinkOn())
        setSource (on ? ClockSource::link : ClockSource::internal);
}

void SyncController::setClockSourceChoice (int choice)
{
    setSource ((ClockSource) juce::jlimit (0, SyncSwitches::numClockSources - 1, choice));
}

void SyncController::setLinkStartStop (bool sync)
{
    linkStartStop = sync;
    link.enableStartStopSync (sync);
    engineSide.setLinkStartStop (sync);
    remember();
    sendChangeMessage();
}

void SyncController::setPlaying (bool play)
{
    engineSide.requestPlaying (play);
    if (isLinkOn() && linkStartStop)
        link.setPlaying (play);
}

juce::Result SyncController::setClockOutput (const juce::String& identifier)
{
    juce::String error;
    const bool opened = clockOut.setOutput (identifier, error);
    remember();
    sendChangeMessage();
    return opened ? juce::Result::ok() : juce::Result::fail (error);
}

void SyncController::remember()
{
    if (settings == nullptr)
        return;
    auto& props = settings->properties();
    props.setValue ("syncSource", sourceNames[(int) source]);
    props.setValue ("linkStartStop", linkStartStop);
    props.setValue ("midiClockOutput", clockOut.getOutput());
}

void SyncController::followTempo()
{
    if (!isLinkOn())
        return;

    // Whoever moved last leads: the performer (the set's tempo changed) or the session.
    const auto setTempo = session.getMasterTempo();
    const auto linkTempo = link.getTempo();
    if (setTempo != setTempoSeen)
    {
        link.setTempo (setTempo);
        linkTempoSeen = link.getTempo();
    }
    else if (std::abs (linkTempo - linkTempoSeen) > 1.0e-9)
    {
        session.setMasterTempo (linkTempo); // kept to hundredths; the engine plays Link's exact tempo
        linkTempoSeen = linkTempo;
    }
    setTempoSeen = session.getMasterTempo();
}

void SyncController::poll()
{
    if (devices != nullptr)
        engineSide.getTimer().setOutputLatency (
            AudibleBeat::latencySeconds (devices->getCurrentAudioDevice()));

    followTempo();

    // Linked players stop when the session stops: PadDeck's pads too.
    const bool playing = engineSide.isPlaying();
    if (wasPlaying && !playing)
        session.stopAll();
    const bool changed = playing != wasPlaying || link.getNumPeers() != peersSeen;
    wasPlaying = playing;
    peersSeen = link.getNumPeers();
    if (changed)
        sendChangeMessage();
}

} // namespace paddeck
