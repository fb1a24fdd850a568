#include "App/NsmClient.h"

#include <unistd.h>

namespace paddeck
{

NsmClient::NsmClient() { receiver.addListener (this); }

NsmClient::~NsmClient()
{
    stopTimer();
    receiver.removeListener (this);
    receiver.disconnect();
    sender.disconnect();
}

int NsmClient::loopbackPort (const juce::String& nsmUrl, juce::String& why)
{
    // osc.udp://HOST:PORT/
    const auto url = nsmUrl.trim();
    if (!url.startsWithIgnoreCase ("osc.udp://"))
    {
        why = "NSM_URL is not an osc.udp:// address: " + url;
        return -1;
    }
    const auto hostAndPort =
        url.fromFirstOccurrenceOf ("://", false, false).upToFirstOccurrenceOf ("/", false, false);
    const auto host = hostAndPort.upToLastOccurrenceOf (":", false, false).removeCharacters ("[]");
    const auto portText = hostAndPort.fromLastOccurrenceOf (":", false, false);
    const int port = portText.getIntValue();
    if (!portText.containsOnly ("0123456789") || port <= 0 || port > 65535)
    {
        why = "NSM_URL has no valid port: " + url;
        return -1;
    }

    // This machine by name (what liblo's servers put in their URLs), or a loopback address.
    const auto thisMachine = juce::SystemStats::getComputerName();
    const bool isLoopback = host.equalsIgnoreCase ("localhost") || host.startsWith ("127.") || host == "::1"
                            || host.equalsIgnoreCase (thisMachine)
                            || host.upToFirstOccurrenceOf (".", false, false).equalsIgnoreCase (thisMachine);
    if (!isLoopback)
    {
        why = "NSM_URL names another machine (" + host
              + "); PadDeck talks to a session manager on this machine only";
        return -1;
    }
    return port;
}

bool NsmClient::start (const juce::String& nsmUrl, const juce::String& executableName, juce::String& why)
{
    const int port = loopbackPort (nsmUrl, why);
    if (port < 0)
        return false;

    if (!socket.bindToPort (0, "127.0.0.1") || !receiver.connectToSocket (socket)
        || !sender.connectToSocket (socket, "127.0.0.1", port))
    {
        why = "could not open a loopback UDP socket";
        return false;
    }

    send (juce::OSCMessage ("/nsm/server/announce", juce::String ("PadDeck"), juce::String (capabilities),
                            executableName, 1, 1, (int) getpid()));
    announcedAtMs = juce::Time::getMillisecondCounter();
    startTimerHz (4);
    return true;
}

void NsmClient::send (const juce::OSCMessage& message)
{
    if (!sender.send (message))
        juce::Logger::writeToLog ("NSM: could not send " + message.getAddressPattern().toString());
}

void NsmClient::reply (const juce::String& path, const Reply& result)
{
    if (result.ok)
        send (juce::OSCMessage ("/reply", path, result.message));
    else
        send (juce::OSCMessage ("/error", path, result.code, result.message));
}

void NsmClient::setGuiVisible (bool visible)
{
    guiVisible = visible;
    if (active)
        send (juce::OSCMessage (visible ? "/nsm/client/gui_is_shown" : "/nsm/client/gui_is_hidden"));
}

void NsmClient::oscMessageReceived (const juce::OSCMessage& message)
{
    const auto address = message.getAddressPattern().toString();
    auto text = [&message] (int i)
    { return i < message.size() && message[i].isString() ? message[i].getString() : juce::String(); };

    if ((address == "/reply" || address == "/error") && text (0) == "/nsm/server/announce")
    {
        if (address == "/error")
            return giveUp ("the session manager refused PadDeck: " + text (2));
        active = true;
        serverName = text (2);
        juce::Logger::writeToLog ("NSM: in a session of " + serverName + " (" + text (1) + ")");
        setGuiVisible (guiVisible);
    }
    else if (address == "/nsm/client/open" && message.size() >= 3)
    {
        const auto result =
            onOpen != nullptr ? onOpen (text (0), text (1), text (2)) : Reply{ false, errGeneral, "" };
        opened = opened || result.ok;
        reportedDirty.reset(); // a freshly opened set is reported again
        reply (address, result);
    }
    else if (address == "/nsm/client/save")
    {
        const auto result = onSave != nullptr ? onSave() : Reply{ false, errGeneral, "" };
        reply (address, result);
        timerCallback();
    }
    else if (address == "/nsm/client/show_optional_gui" || address == "/nsm/client/hide_optional_gui")
    {
        if (onShowGui != nullptr)
            onShowGui (address == "/nsm/client/show_optional_gui");
    }
}

void NsmClient::giveUp (const juce::String& why)
{
    stopTimer();
    active = false;
    if (unavailable)
        return;
    unavailable = true;
    juce::Logger::writeToLog ("NSM: " + why);
    if (onUnavailable != nullptr)
        onUnavailable (why);
}

void NsmClient::timerCallback()
{
    if (!active && !unavailable && juce::Time::getMillisecondCounter() - announcedAtMs > answerTimeoutMs)
        return giveUp ("no answer from the session manager");
    if (!active || !opened || isDirty == nullptr)
        return;
    const bool dirty = isDirty();
    if (reportedDirty != dirty)
    {
        reportedDirty = dirty;
        send (juce::OSCMessage (dirty ? "/nsm/client/is_dirty" : "/nsm/client/is_clean"));
    }
}

} // namespace paddeck
