#pragma once

namespace paddeck
{

/** The sync controls a MIDI mapping can reach (Sync/SyncController implements them): Link on or
    off, the clock source (0 internal, 1 MIDI clock, 2 Link), and the shared transport's start and
    stop. [message] */
class SyncSwitches
{
public:
    virtual ~SyncSwitches() = default;

    virtual bool isLinkOn() const = 0;
    virtual void setLinkOn (bool on) = 0;
    virtual int getClockSourceChoice() const = 0;
    virtual void setClockSourceChoice (int choice) = 0;
    virtual bool isPlaying() const = 0;
    virtual void setPlaying (bool play) = 0;

    static constexpr int numClockSources = 3;
};

} // namespace paddeck
