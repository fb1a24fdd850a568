#pragma once

#include "Engine/ExternalClock.h"

#include <atomic>
#include <functional>
#include <memory>

namespace paddeck
{

/** PadDeck's Ableton Link peer: the tempo, the bar phase and (as an option) start/stop shared with
    the other Link apps on the network.

    The ableton::Link object (its own threads do the network) is made, enabled and disabled on the
    message thread; the audio thread reads the session only through Link's realtime-safe
    captureAudioSessionState, once per block. Link is off until enable(true). */
class LinkSession
{
public:
    explicit LinkSession (double bpm = 120.0);
    ~LinkSession();

    // [message]
    void enable (bool shouldBeOn);
    bool isEnabled() const;
    void enableStartStopSync (bool shouldSync);
    bool isStartStopSyncEnabled() const;

    /** The session's tempo now. */
    double getTempo() const;
    /** Makes this the session's tempo (every peer follows). */
    void setTempo (double bpm);
    /** Starts or stops the session's transport (peers with start/stop sync follow). */
    void setPlaying (bool shouldPlay);

    /** [any] Peers in the session besides PadDeck; 0 while Link is off. */
    int getNumPeers() const noexcept { return numPeers.load(); }

    /** [Link's thread] Called when the peer count or the session's tempo changes. */
    std::function<void()> onChange;

    /** [audio] The session at `heardAtMicros` (HostClock time): tempo, and the beat, whose phase in
        `quantum` beats is the session's. False while Link is off. */
    bool read (double heardAtMicros, double quantum, ExternalClock::Target& target,
               bool& isPlaying) const noexcept;

    /** [any] Link's own clock (the same as HostClock), microseconds. */
    double nowMicros() const;

private:
    struct Peer;
    std::unique_ptr<Peer> peer;
    std::atomic<int> numPeers{ 0 };
};

} // namespace paddeck
