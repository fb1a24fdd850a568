#pragma once

#include "Engine/ExternalClock.h"
#include "Sync/BlockTimer.h"
#include "Sync/LinkSession.h"
#include "Sync/MidiClockIn.h"
#include "Sync/MidiClockOut.h"

#include <optional>

namespace paddeck
{

/** Where the engine's beat clock takes its tempo and phase from. */
enum class ClockSource
{
    internal, // the set's tempo
    midiClock,
    link,
};

/** The audio thread's side of sync: the ExternalClock the engine calls at each block's start.
    It reads the chosen source (Link's session, the MIDI clock in) at the instant the block is
    heard, keeps the shared transport (started on a bar, stopped at once), and hands the settled
    beats to the MIDI clock out. The message thread talks to it only through atomics. */
class SyncEngine : public ExternalClock
{
public:
    SyncEngine (LinkSession& link, MidiClockIn& clockIn, MidiClockOut& clockOut);

    // [any]
    void setSource (ClockSource source) noexcept { sourceChoice.store ((int) source); }
    ClockSource getSource() const noexcept { return (ClockSource) sourceChoice.load(); }
    /** PadDeck's own start/stop (a Link session with start/stop sync, or MIDI clock in, lead it
        instead when they are the source). */
    void requestPlaying (bool play) noexcept { wantPlaying.store (play); }
    /** Follow Link's start/stop (Link's own option, mirrored here for the audio thread). */
    void setLinkStartStop (bool follow) noexcept { linkStartStop.store (follow); }
    bool isPlaying() const noexcept { return playingNow.load(); }
    /** The tempo the source leads with (0 when it leads none yet), for the screen. */
    double getLeadingBpm() const noexcept { return leadingBpm.load(); }

    BlockTimer& getTimer() noexcept { return timer; }

    // ExternalClock [audio]
    bool follow (const Block& block, const BeatClock& clock, Target& target) noexcept override;
    void clockSettled (const Block& block, const BeatClock& clock) noexcept override;

private:
    bool sourceWantsPlaying() const noexcept;

    LinkSession& link;
    MidiClockIn& clockIn;
    MidiClockOut& clockOut;
    BlockTimer timer;

    std::atomic<int> sourceChoice{ (int) ClockSource::internal };
    std::atomic<bool> wantPlaying{ false }, linkStartStop{ false };
    std::atomic<bool> playingNow{ false }; // audio-write
    std::atomic<double> leadingBpm{ 0.0 }; // audio-write

    // audio only
    ClockSource source = ClockSource::internal;
    bool linkPlaying = false, playing = false;
    std::optional<double> pendingStart; // the bar the transport starts on
    double songZeroBeat = 0.0;
};

} // namespace paddeck
