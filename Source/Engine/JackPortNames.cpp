#include "Engine/JackPortNames.h"

#include <jack/jack.h>

namespace
{
juce::String& clientName() // [message]
{
    static juce::String name{ paddeck::JackPortNames::defaultClientName };
    return name;
}
} // namespace

// Called by JUCE's JACK backend when it opens its client (see PadDeckJuceConfig.h). [message]
const char* paddeckJackClientName() noexcept { return clientName().toRawUTF8(); }

namespace paddeck
{

void JackPortNames::setClientName (const juce::String& name)
{
    // JACK client names are at most jack_client_name_size() - 1 bytes and can't hold a colon.
    clientName() = name.replaceCharacter (':', '_').substring (0, 60);
}

juce::String JackPortNames::getClientName() { return clientName(); }

juce::StringArray JackPortNames::getOutputNames() { return { "master_L", "master_R", "cue_L", "cue_R" }; }

namespace
{
struct PortList
{
    explicit PortList (jack_client_t* client)
        : ports (jack_get_ports (client, nullptr, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput))
    {
    }
    ~PortList() { jack_free (ports); }

    juce::StringArray names() const
    {
        juce::StringArray result;
        for (int i = 0; ports != nullptr && ports[i] != nullptr; ++i)
            result.add (juce::CharPointer_UTF8 (ports[i]));
        return result;
    }

    const char** ports;
};

/** The client JUCE opened for this process: the name it asked for, or that name with the suffix
    JACK adds when the name is taken ("PadDeck-01"), whose ports still carry JUCE's names. (JACK2
    can't tell which process a client belongs to: jack_get_client_pid is not implemented.) Another
    PadDeck's client has renamed its ports already, so at most one such client is ours. */
juce::String findOwnClient (const juce::StringArray& ports)
{
    juce::StringArray candidates;
    for (auto& port : ports)
    {
        const auto client = port.upToFirstOccurrenceOf (":", false, false);
        const auto suffix = client.fromFirstOccurrenceOf (clientName() + "-", false, false);
        const bool isOurName =
            client == clientName() || (suffix.isNotEmpty() && suffix.containsOnly ("0123456789"));
        if (isOurName && port.endsWith (":out_1"))
            candidates.addIfNotAlreadyThere (client);
    }
    return candidates.size() == 1 ? candidates[0] : juce::String();
}
} // namespace

juce::Result JackPortNames::renameOutputs (int& named)
{
    named = 0;
    jack_status_t status{};
    auto* helper = jack_client_open ((clientName() + "-names").toRawUTF8(), JackNoStartServer, &status);
    if (helper == nullptr)
        return juce::Result::fail ("no JACK server to rename the ports on");

    const auto before = PortList (helper).names();
    const auto names = getOutputNames();
    juce::StringArray refused;

    if (const auto client = findOwnClient (before); client.isNotEmpty())
        for (int i = 0; i < names.size(); ++i)
        {
            const auto juceName = client + ":out_" + juce::String (i + 1);
            if (!before.contains (juceName))
                continue;
            if (auto* port = jack_port_by_name (helper, juceName.toRawUTF8());
                port != nullptr && jack_port_rename (helper, port, names[i].toRawUTF8()) == 0)
                ++named;
            else
                refused.add (juceName);
        }

    jack_client_close (helper);
    return refused.isEmpty() ? juce::Result::ok()
                             : juce::Result::fail ("JACK refused to rename " + refused.joinIntoString (", "));
}

} // namespace paddeck
