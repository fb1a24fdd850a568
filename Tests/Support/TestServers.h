#pragma once

#include "Support/BackgroundProcess.h"

#include <string>

namespace paddeck::test
{

/** `jackd -d dummy -r 48000 -p 128` under a server name of its own, exported through
    JACK_DEFAULT_SERVER so this process and its children talk to it. Stopped by the destructor.
    playbackPorts: the dummy "sound card"'s outputs (jackd's own default is 2; 4 gives a cue bus). */
class JackDummyServer
{
public:
    explicit JackDummyServer (int sampleRate = 48000, int periodFrames = 128, int playbackPorts = 2);
    ~JackDummyServer();

    bool isReady() const noexcept { return ready; }
    const std::string& getName() const noexcept { return name; }

    /** The server dies at once (SIGKILL), as a crashed jackd does: its clients are cut off. (Its
        slot in JACK's registry is taken back by restart() or the destructor.) */
    void crash();
    /** Starts the server again under the same name, perhaps at another rate; true once it answers. */
    bool restart (int sampleRate, int periodFrames);

private:
    bool start (int sampleRate, int periodFrames);

    BackgroundProcess process;
    std::string name;
    int playback = 2;
    bool ready = false, crashed = false;
};

/** An Xvfb display for GUI tests; sets DISPLAY for this process. One per process, started on
    first use and stopped when the process exits. */
class VirtualDisplay
{
public:
    /** Starts the display if needed; returns false if Xvfb is not available. */
    static bool ensureRunning();
    static std::string name();
};

} // namespace paddeck::test
