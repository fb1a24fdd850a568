#include "Sync/LinkSession.h"

#include <ableton/Link.hpp>

namespace paddeck
{

struct LinkSession::Peer
{
    explicit Peer (double bpm)
        : link (bpm)
    {
    }
    ableton::Link link;
};

LinkSession::LinkSession (double bpm)
    : peer (std::make_unique<Peer> (bpm))
{
    peer->link.setNumPeersCallback (
        [this] (std::size_t peers)
        {
            numPeers.store ((int) peers);
            if (onChange)
                onChange();
        });
    peer->link.setTempoCallback (
        [this] (double)
        {
            if (onChange)
                onChange();
        });
    peer->link.setStartStopCallback (
        [this] (bool)
        {
            if (onChange)
                onChange();
        });
}

LinkSession::~LinkSession()
{
    // Leave the session before the callbacks' owner goes.
    peer->link.enable (false);
    peer->link.setNumPeersCallback ([] (std::size_t) {});
    peer->link.setTempoCallback ([] (double) {});
    peer->link.setStartStopCallback ([] (bool) {});
}

void LinkSession::enable (bool on)
{
    peer->link.enable (on);
    if (!on)
        numPeers.store (0);
}

bool LinkSession::isEnabled() const { return peer->link.isEnabled(); }

void LinkSession::enableStartStopSync (bool on) { peer->link.enableStartStopSync (on); }

bool LinkSession::isStartStopSyncEnabled() const { return peer->link.isStartStopSyncEnabled(); }

double LinkSession::getTempo() const { return peer->link.captureAppSessionState().tempo(); }

void LinkSession::setTempo (double bpm)
{
    auto state = peer->link.captureAppSessionState();
    state.setTempo (bpm, peer->link.clock().micros());
    peer->link.commitAppSessionState (state);
}

void LinkSession::setPlaying (bool play)
{
    auto state = peer->link.captureAppSessionState();
    state.setIsPlaying (play, peer->link.clock().micros());
    peer->link.commitAppSessionState (state);
}

double LinkSession::nowMicros() const { return (double) peer->link.clock().micros().count(); }

bool LinkSession::read (double heardAtMicros, double quantum, ExternalClock::Target& target,
                        bool& isPlaying) const noexcept
{
    if (!peer->link.isEnabled())
        return false;
    const auto state = peer->link.captureAudioSessionState();
    const auto at = std::chrono::microseconds (std::llround (heardAtMicros));
    target.bpm = state.tempo();
    // Link counts whole microseconds; the rest of the instant moves the beat on at the tempo.
    target.beat =
        state.beatAtTime (at, quantum) + (heardAtMicros - (double) at.count()) * target.bpm / 60.0e6;
    target.quantum = quantum;
    isPlaying = state.isPlaying();
    return true;
}

} // namespace paddeck
