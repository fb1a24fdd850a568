#pragma once

#include "Control/Session.h"
#include "Control/SyncSwitches.h"
#include "Sync/SyncEngine.h"

#include <juce_audio_devices/juce_audio_devices.h>
#include <juce_events/juce_events.h>

namespace paddeck
{

class Settings;

/** Playing in time with other machines and apps, on the message thread: Ableton Link, MIDI clock
    out and MIDI clock in, chosen and remembered in the settings.

    - With Link on, the set's master tempo and the Link session's tempo are one: a change on
      either side is taken by the other (Link's callbacks wake this at once; a 50 Hz poll backs
      them up). The engine's beat clock follows the session's phase itself, on the audio thread.
    - With MIDI clock in as the source, the engine follows the incoming clock's tempo and song
      position; the set's tempo stays as it was (the clock's is shown in the header).
    - The shared transport (start on a bar, stop at once) goes to the clock out as Start/Stop, to
      Link when start/stop sync is on, and a stop stops the pads.
    The engine reaches all of it only through SyncEngine (its ExternalClock). Make it after the
    engine and destroy it with the audio stopped. [message] only. */
class SyncController : public juce::ChangeBroadcaster,
                       public SyncSwitches,
                       private juce::Timer,
                       private juce::AsyncUpdater
{
public:
    /** `settings` and `devices` may be null (tests): nothing is remembered, no MIDI is opened. */
    SyncController (Session& session, Settings* settings = nullptr,
                    juce::AudioDeviceManager* devices = nullptr);
    ~SyncController() override;

    void setSource (ClockSource source);
    ClockSource getSource() const noexcept { return source; }

    // SyncSwitches
    bool isLinkOn() const override { return source == ClockSource::link; }
    void setLinkOn (bool on) override;
    int getClockSourceChoice() const override { return (int) source; }
    void setClockSourceChoice (int choice) override;
    bool isPlaying() const override { return engineSide.isPlaying(); }
    void setPlaying (bool play) override;

    void setLinkStartStop (bool sync);
    bool isLinkStartStop() const noexcept { return linkStartStop; }

    /** The MIDI output the clock goes to (empty: none). Refused, with the reason, if it can't be opened. */
    juce::Result setClockOutput (const juce::String& identifier);
    juce::String getClockOutput() const { return clockOut.getOutput(); }

    int getLinkPeers() const noexcept { return link.getNumPeers(); }
    /** The tempo the MIDI clock in leads with (0: none heard). */
    double getClockInBpm() const noexcept { return clockIn.getBpm(); }

    /** What the timer does: the tempo between the set and Link, the output latency, the transport. */
    void poll();

    LinkSession& getLink() noexcept { return link; }
    MidiClockIn& getClockIn() noexcept { return clockIn; }
    MidiClockOut& getClockOut() noexcept { return clockOut; }
    SyncEngine& getEngineSide() noexcept { return engineSide; }

private:
    void timerCallback() override { poll(); }
    void handleAsyncUpdate() override { poll(); }
    void followTempo();
    void remember();

    Session& session;
    Settings* settings;
    juce::AudioDeviceManager* devices;

    LinkSession link;
    MidiClockIn clockIn;
    MidiClockOut clockOut;
    SyncEngine engineSide{ link, clockIn, clockOut };

    ClockSource source = ClockSource::internal;
    bool linkStartStop = false;
    double setTempoSeen = 0.0, linkTempoSeen = 0.0; // the tempi as this last left them
    bool wasPlaying = false;
    int peersSeen = 0;
};

} // namespace paddeck
