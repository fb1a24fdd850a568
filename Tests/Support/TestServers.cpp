#include "Support/TestServers.h"

#include <juce_audio_devices/juce_audio_devices.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace paddeck::test
{

static bool jackServerAnswers()
{
    std::unique_ptr<juce::AudioIODeviceType> jack (juce::AudioIODeviceType::createAudioIODeviceType_JACK());
    if (jack == nullptr)
        return false;
    jack->scanForDevices();
    return !jack->getDeviceNames (false).isEmpty();
}

namespace
{
/** One JACK test at a time on the machine. JACK 2 names a client's notification socket
    /dev/shm/jack_<client>_<uid>_0 without the server's name, so two test processes opening a
    client of the same name ("JuceJackDummy" in JUCE's device scan, "PadDeck") on their own
    servers at the same moment unlink each other's socket, and one open fails ("Cannot connect
    client socket" in the server's log). Held from a server's start to its end, across every
    process that runs tests (ctest --parallel, the sanitizer runs). */
class JackTestLock
{
public:
    static void acquire()
    {
        auto& l = instance();
        if (l.holders++ > 0)
            return;
        l.fd = ::open ("/tmp/paddeck-jack-tests.lock", O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
        if (l.fd >= 0)
            while (flock (l.fd, LOCK_EX) != 0 && errno == EINTR)
            {
            }
    }

    static void release()
    {
        auto& l = instance();
        if (l.holders == 0 || --l.holders > 0)
            return;
        if (l.fd >= 0)
            ::close (l.fd); // closing lets the lock go
        l.fd = -1;
    }

private:
    static JackTestLock& instance()
    {
        static JackTestLock l;
        return l;
    }

    int fd = -1, holders = 0;
};
} // namespace

JackDummyServer::JackDummyServer (int sampleRate, int periodFrames, int playbackPorts)
    : playback (playbackPorts)
{
    JackTestLock::acquire();
    static int counter = 0;
    name = "paddeck-test-" + std::to_string (getpid()) + "-" + std::to_string (++counter);
    setenv ("JACK_DEFAULT_SERVER", name.c_str(), 1);
    setenv ("JACK_NO_AUDIO_RESERVATION", "1", 1);
    ready = start (sampleRate, periodFrames);
}

bool JackDummyServer::start (int sampleRate, int periodFrames)
{
    const auto log = "/tmp/" + name + ".log";
    if (!process.start ({ "jackd", "--no-realtime", "-n", name, "-d", "dummy", "-r",
                          std::to_string (sampleRate), "-p", std::to_string (periodFrames), "-P",
                          std::to_string (playback) },
                        log))
        return false;

    for (int i = 0; i < 200 && process.isRunning(); ++i)
    {
        if (jackServerAnswers())
            return true;
        std::this_thread::sleep_for (std::chrono::milliseconds (50));
    }
    return false;
}

void JackDummyServer::crash()
{
    process.kill (SIGKILL);
    ready = false;
    crashed = true;
}

bool JackDummyServer::restart (int sampleRate, int periodFrames)
{
    process.stop();
    ready = start (sampleRate, periodFrames);
    crashed = crashed && !ready;
    return ready;
}

JackDummyServer::~JackDummyServer()
{
    // A killed server keeps its slot in JACK's registry (eight per machine) until a server of its
    // name starts: one is started and stopped cleanly, so no test leaves the machine a slot short.
    if (crashed)
        start (48000, 128);
    process.stop();
    unsetenv ("JACK_DEFAULT_SERVER");
    JackTestLock::release();
}

namespace
{
struct DisplayProcess
{
    BackgroundProcess process;
    std::string display;
    bool started = false, failed = false;
};

DisplayProcess& theDisplay()
{
    static DisplayProcess d; // its destructor stops Xvfb when the test process exits
    return d;
}
} // namespace

// JUCE's GUI apps install an X error handler that logs and carries on; a test process is not a
// JUCE app, so without this a harmless error (Xvfb has no window manager, so atoms such as
// WM_STATE don't exist) would make Xlib's default handler end the process.
static void installTolerantXErrorHandler()
{
    using Handler = int (*) (void*, void*);
    using SetHandler = Handler (*) (Handler);
    if (auto* x11 = dlopen ("libX11.so.6", RTLD_LAZY | RTLD_GLOBAL))
        if (auto* set = reinterpret_cast<SetHandler> (dlsym (x11, "XSetErrorHandler")))
            set ([] (void*, void*) { return 0; });
}

bool VirtualDisplay::ensureRunning()
{
    auto& d = theDisplay();
    if (d.started || d.failed)
        return d.started;

    int fds[2];
    if (pipe (fds) != 0)
        return !(d.failed = true);

    d.process.start ({ "Xvfb", "-displayfd", std::to_string (fds[1]), "-screen", "0", "1600x1000x24",
                       "-nolisten", "tcp", "-noreset" });
    ::close (fds[1]);

    std::string number;
    char c;
    while (::read (fds[0], &c, 1) == 1 && c != '\n')
        number += c;
    ::close (fds[0]);

    if (number.empty())
        return !(d.failed = true);

    d.display = ":" + number;
    setenv ("DISPLAY", d.display.c_str(), 1);
    installTolerantXErrorHandler();
    d.started = true;
    return true;
}

std::string VirtualDisplay::name() { return theDisplay().display; }

} // namespace paddeck::test
