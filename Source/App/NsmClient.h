#pragma once

#include <juce_osc/juce_osc.h>

#include <optional>

namespace paddeck
{

/** PadDeck's side of the NSM (New/Non Session Manager) protocol, over OSC/UDP on the loopback
    address only (juce_osc).

    When NSM_URL names a session manager on this machine, it announces PadDeck (capabilities
    switch, dirty, optional-gui), answers open and save by calling the app back and replying,
    reports the dirty state as it changes and the window's visibility, and follows
    show/hide_optional_gui. Every message goes out from the one socket the announce used, as the
    server tells its clients apart by their return address. A URL that names another machine is
    refused: PadDeck sends nothing off this machine. [message] */
class NsmClient : private juce::OSCReceiver::Listener<juce::OSCReceiver::MessageLoopCallback>,
                  private juce::Timer
{
public:
    static constexpr const char* capabilities = ":switch:dirty:optional-gui:";

    /** ERR_* codes from the NSM API. */
    enum ErrorCode
    {
        errGeneral = -1,
        errBadProject = -9,
        errCreateFailed = -10
    };

    struct Reply
    {
        bool ok = true;
        int code = 0;
        juce::String message;
    };

    NsmClient();
    ~NsmClient() override;

    /** The port of a session manager on this machine, from NSM_URL's value, or -1 when the URL is
        malformed or names another machine (its reason in `why`). */
    static int loopbackPort (const juce::String& nsmUrl, juce::String& why);

    /** Binds a loopback socket and announces the app. False (with the reason) when it can't. */
    bool start (const juce::String& nsmUrl, const juce::String& executableName, juce::String& why);

    /** The session manager answered the announce. */
    bool isActive() const noexcept { return active; }
    const juce::String& getServerName() const noexcept { return serverName; }

    /** Open (path to the client's files, display name, client id) and save: the app does them and
        says how it went. Called on the message thread. */
    std::function<Reply (const juce::String& path, const juce::String& displayName,
                         const juce::String& clientId)>
        onOpen;
    std::function<Reply()> onSave;
    /** The session manager asks to show (true) or hide (false) the window. */
    std::function<void (bool)> onShowGui;
    /** Polled four times a second once a project is open; changes are reported to the server. */
    std::function<bool()> isDirty;
    /** The session manager refused the announce, or did not answer within answerTimeoutMs: the
        app carries on without session management. */
    std::function<void (const juce::String& why)> onUnavailable;
    static constexpr juce::uint32 answerTimeoutMs = 5000;

    /** Tells the server whether the window is shown (after the announce and on every change). */
    void setGuiVisible (bool visible);

private:
    void oscMessageReceived (const juce::OSCMessage& message) override;
    void timerCallback() override;
    void reply (const juce::String& path, const Reply& result);
    void giveUp (const juce::String& why);
    void send (const juce::OSCMessage& message);

    juce::DatagramSocket socket;
    juce::OSCReceiver receiver{ "PadDeck NSM" };
    juce::OSCSender sender;
    bool active = false, opened = false, guiVisible = false, unavailable = false;
    juce::uint32 announcedAtMs = 0;
    std::optional<bool> reportedDirty;
    juce::String serverName;
};

} // namespace paddeck
