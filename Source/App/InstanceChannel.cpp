#include "App/InstanceChannel.h"

#include <cerrno>
#include <cstddef>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace paddeck
{

namespace
{
constexpr int answerTimeoutMs = 5000;

socklen_t makeAddress (const std::string& name, sockaddr_un& address)
{
    address = {};
    address.sun_family = AF_UNIX;
    const auto length = std::min (name.size(), sizeof (address.sun_path) - 1);
    std::copy (name.begin(), name.begin() + (std::ptrdiff_t) length,
               address.sun_path + 1); // [0] is NUL: abstract
    return (socklen_t) (offsetof (sockaddr_un, sun_path) + 1 + length);
}

bool waitFor (int fd, short events, int timeoutMs)
{
    pollfd p{ fd, events, 0 };
    return ::poll (&p, 1, timeoutMs) == 1 && (p.revents & events) != 0;
}

/** Reads one line (without its newline), up to a limit, waiting at most answerTimeoutMs. */
std::optional<juce::String> readLine (int fd)
{
    std::string line;
    char c = 0;
    while (line.size() < 65536 && waitFor (fd, POLLIN, answerTimeoutMs) && ::read (fd, &c, 1) == 1)
    {
        if (c == '\n')
            return juce::String::fromUTF8 (line.data(), (int) line.size());
        line += c;
    }
    return std::nullopt;
}

bool writeAll (int fd, const juce::String& text)
{
    const auto* data = text.toRawUTF8();
    auto remaining = text.getNumBytesAsUTF8();
    while (remaining > 0)
    {
        const auto written = ::send (fd, data, remaining, MSG_NOSIGNAL);
        if (written <= 0)
            return false;
        data += written;
        remaining -= (size_t) written;
    }
    return true;
}
} // namespace

InstanceChannel::InstanceChannel (const juce::File& settingsFolder)
    : juce::Thread ("PadDeck instance channel")
{
    address = ("PadDeck/" + juce::String ((int) getuid()) + "/"
               + juce::String::toHexString (settingsFolder.getFullPathName().hashCode64()))
                  .toStdString();
}

InstanceChannel::~InstanceChannel()
{
    if (wakePipe[1] >= 0)
    {
        const char wake = 1;
        [[maybe_unused]] const auto ignored = ::write (wakePipe[1], &wake, 1);
    }
    stopThread (2000);
    handler.reset(); // after the listener stopped; requests already posted then find nobody
    for (int fd : { listener, wakePipe[0], wakePipe[1] })
        if (fd >= 0)
            ::close (fd);
}

bool InstanceChannel::becomePrimary (RequestHandler onRequest)
{
    const int fd = ::socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr;
    const auto length = makeAddress (address, addr);
    if (fd < 0 || ::bind (fd, reinterpret_cast<sockaddr*> (&addr), length) != 0 || ::listen (fd, 8) != 0
        || ::pipe2 (wakePipe, O_CLOEXEC) != 0)
    {
        if (fd >= 0)
            ::close (fd);
        return false;
    }

    listener = fd;
    handler = std::make_shared<RequestHandler> (std::move (onRequest));
    startThread();
    return true;
}

juce::Result InstanceChannel::handOver (const juce::File& set, int& pid) const
{
    const int fd = ::socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return juce::Result::fail ("no socket");

    sockaddr_un addr;
    const auto length = makeAddress (address, addr);
    // The first PadDeck may have taken the name a moment before it listens: try for a while.
    bool connected = false;
    for (int attempt = 0; attempt < 50 && !connected; ++attempt)
    {
        connected = ::connect (fd, reinterpret_cast<sockaddr*> (&addr), length) == 0;
        if (!connected && errno != ECONNREFUSED && errno != EAGAIN)
            break;
        if (!connected)
            juce::Thread::sleep (50);
    }

    const auto request =
        set == juce::File() ? juce::String ("show\n") : "open " + set.getFullPathName() + "\n";
    const auto reply = connected && writeAll (fd, request) ? readLine (fd) : std::nullopt;
    ::close (fd);

    if (!reply.has_value() || !reply->startsWith ("ok "))
        return juce::Result::fail ("no PadDeck answered");
    pid = reply->fromFirstOccurrenceOf (" ", false, false).getIntValue();
    return juce::Result::ok();
}

void InstanceChannel::run()
{
    while (!threadShouldExit())
    {
        pollfd fds[2] = { { listener, POLLIN, 0 }, { wakePipe[0], POLLIN, 0 } };
        if (::poll (fds, 2, -1) < 0 && errno != EINTR)
            return;
        if ((fds[1].revents & POLLIN) != 0)
            return;
        if ((fds[0].revents & POLLIN) == 0)
            continue;
        if (const int connection = ::accept4 (listener, nullptr, nullptr, SOCK_CLOEXEC); connection >= 0)
        {
            answer (connection);
            ::close (connection);
        }
    }
}

void InstanceChannel::answer (int connection)
{
    ucred peer{};
    socklen_t size = sizeof (peer);
    if (::getsockopt (connection, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 || peer.uid != getuid())
        return;

    const auto line = readLine (connection);
    if (!line.has_value() || !(*line == "show" || line->startsWith ("open /")))
        return;

    const auto set =
        *line == "show" ? juce::File() : juce::File (line->fromFirstOccurrenceOf (" ", false, false));
    juce::MessageManager::callAsync (
        [weakHandler = std::weak_ptr<RequestHandler> (handler), set]
        {
            if (const auto h = weakHandler.lock())
                (*h) (set);
        });
    writeAll (connection, "ok " + juce::String ((int) getpid()) + "\n");
}

} // namespace paddeck
