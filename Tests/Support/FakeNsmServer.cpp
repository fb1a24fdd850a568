#include "Support/FakeNsmServer.h"

#include <arpa/inet.h>
#include <chrono>
#include <cstring>
#include <lo/lo.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace paddeck::test
{

FakeNsmServer::FakeNsmServer()
{
    fd = ::socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof (address);
    if (fd < 0 || ::bind (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) != 0
        || ::getsockname (fd, reinterpret_cast<sockaddr*> (&address), &length) != 0)
    {
        if (fd >= 0)
            ::close (fd);
        fd = -1;
        return;
    }
    port = ntohs (address.sin_port);
}

FakeNsmServer::~FakeNsmServer()
{
    if (fd >= 0)
        ::close (fd);
}

std::string FakeNsmServer::url() const { return "osc.udp://127.0.0.1:" + std::to_string (port) + "/"; }

std::optional<FakeNsmServer::Message> FakeNsmServer::waitFor (const std::string& path, int timeoutMs)
{
    for (auto& m : seen)
        if (m.path == path)
        {
            auto found = m;
            seen.erase (seen.begin() + (&m - seen.data()));
            return found;
        }

    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds (timeoutMs);
    while (std::chrono::steady_clock::now() < end)
    {
        pollfd p{ fd, POLLIN, 0 };
        if (::poll (&p, 1, 50) != 1)
            continue;

        char buffer[65536];
        sockaddr_in from{};
        socklen_t fromLength = sizeof (from);
        const auto size =
            ::recvfrom (fd, buffer, sizeof (buffer), 0, reinterpret_cast<sockaddr*> (&from), &fromLength);
        if (size <= 0)
            continue;
        client = from;
        hasClient = true;

        int result = 0;
        lo_message message = lo_message_deserialise (buffer, (size_t) size, &result);
        if (message == nullptr)
            continue;
        Message m;
        m.path = lo_get_path (buffer, size);
        const auto* types = lo_message_get_types (message);
        auto** argv = lo_message_get_argv (message);
        // liblo's arguments sit at 4-byte offsets in the packet, while lo_arg is an 8-aligned union:
        // they are read as bytes, never through a member access.
        for (int i = 0; types[i] != 0; ++i)
            if (types[i] == LO_STRING)
                m.strings.push_back (reinterpret_cast<const char*> (argv[i]));
            else if (types[i] == LO_INT32)
            {
                std::int32_t value = 0;
                std::memcpy (&value, reinterpret_cast<const char*> (argv[i]), sizeof (value));
                m.ints.push_back (value);
            }
        lo_message_free (message);

        if (m.path == path)
            return m;
        seen.push_back (m);
    }
    return std::nullopt;
}

bool FakeNsmServer::send (const std::string& path, const std::vector<Arg>& args)
{
    if (!hasClient)
        return false;
    lo_message message = lo_message_new();
    for (auto& a : args)
        if (a.isText)
            lo_message_add_string (message, a.text.c_str());
        else
            lo_message_add_int32 (message, a.number);

    size_t size = 0;
    void* data = lo_message_serialise (message, path.c_str(), nullptr, &size);
    const auto sent =
        data != nullptr
        && ::sendto (fd, data, size, 0, reinterpret_cast<const sockaddr*> (&client), sizeof (client))
               == (ssize_t) size;
    free (data);
    lo_message_free (message);
    return sent;
}

} // namespace paddeck::test
