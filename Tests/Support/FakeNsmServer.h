#pragma once

#include <netinet/in.h>

#include <optional>
#include <string>
#include <vector>

namespace paddeck::test
{

/** The session manager's side of the NSM protocol, as much as the tests need: a UDP socket on
    127.0.0.1 that speaks OSC through liblo (the library nsmd itself uses, so PadDeck's juce_osc
    messages are checked against another implementation). It answers whoever wrote to it last,
    as nsmd answers a client at the address its announce came from. */
class FakeNsmServer
{
public:
    struct Message
    {
        std::string path;
        std::vector<std::string> strings;
        std::vector<int> ints;
    };

    FakeNsmServer();
    ~FakeNsmServer();

    bool isReady() const noexcept { return fd >= 0; }
    /** What NSM_URL says: osc.udp://127.0.0.1:PORT/ */
    std::string url() const;

    /** The next message with this path, waiting up to timeoutMs; others on the way are kept in `seen`. */
    std::optional<Message> waitFor (const std::string& path, int timeoutMs = 20000);

    /** Sends to the client; arguments are strings or ints, in order. */
    struct Arg
    {
        Arg (const char* s)
            : text (s)
            , isText (true)
        {
        }
        Arg (const std::string& s)
            : text (s)
            , isText (true)
        {
        }
        Arg (int i)
            : number (i)
            , isText (false)
        {
        }
        std::string text;
        int number = 0;
        bool isText;
    };
    bool send (const std::string& path, const std::vector<Arg>& args);

    std::vector<Message> seen;

private:
    int fd = -1;
    int port = 0;
    sockaddr_in client{};
    bool hasClient = false;
};

} // namespace paddeck::test
