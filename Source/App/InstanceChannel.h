#pragma once

#include <juce_events/juce_events.h>

#include <atomic>

namespace paddeck
{

/** One PadDeck per user and settings folder: the first PadDeck listens on a Unix socket; a second
    one, started with a set (from the file manager, say), hands the set to the first and exits
    instead of starting a second engine on the same sound card.

    JUCE 7.0.5's own mechanism (moreThanOneInstanceAllowed() / anotherInstanceStarted()) relies on
    MessageManager::broadcastMessage, which does nothing on Linux, so PadDeck has its own. The
    socket is in Linux's abstract namespace (nothing on disk to go stale: the kernel frees the name
    when the process ends), named after the user and the settings folder, and only the same user's
    processes are listened to (SO_PEERCRED). A request is one line, `open <path>` or `show`; the
    answer is `ok <pid>`. */
class InstanceChannel : private juce::Thread
{
public:
    /** `open` gets the set to open (File() for "just show the window"). [message] */
    using RequestHandler = std::function<void (const juce::File& set)>;

    explicit InstanceChannel (const juce::File& settingsFolder);
    ~InstanceChannel() override;

    /** Takes the name and starts listening; false when another PadDeck has it. Requests reach
        `onRequest` on the message thread. [message] */
    bool becomePrimary (RequestHandler onRequest);

    /** From a second PadDeck: hands `set` (or File(), to raise the window) to the first one and
        waits for its answer (a few seconds at most). On success `pid` is the first one's. [message] */
    juce::Result handOver (const juce::File& set, int& pid) const;

private:
    void run() override;          // [listener thread]
    void answer (int connection); // [listener thread]

    std::string address; // abstract socket name, without the leading NUL
    int listener = -1;
    int wakePipe[2] = { -1, -1 };
    std::shared_ptr<RequestHandler> handler; // [message] set before the listener starts, reset after it stops
};

} // namespace paddeck
