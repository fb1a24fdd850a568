#include "Model/MidiBinding.h"

#include "Tempo/Quantize.h"

namespace paddeck
{

static const char* const sourceTypeNames[] = { "note", "cc", "pitchBend" };
static const char* const encodingNames[] = { "absolute", "relativeTwosComplement", "relativeBinaryOffset",
                                             "relativeSignMagnitude" };
static const char* const targetTypeNames[] = {
    "padTrigger",   "padPitch",      "padEqLow",       "padEqMid",    "padEqHigh",      "padEqLowKill",
    "padEqMidKill", "padEqHighKill", "padGain",        "bankNext",    "bankPrevious",   "bankSelect",
    "masterFader",  "stopAll",       "tapTempo",       "nudgeSlower", "nudgeFaster",    "masterTempo",
    "padSync",      "padQuantize",   "globalQuantize", "metronome",   "link",           "clockSource",
    "syncPlay",     "padCue",        "cueLevel",       "cueBlend",    "metronomeToCue", "cuePreview",
    "padStart",     "padEnd",        "padFadeIn",      "padFadeOut",  "padReverse"
};
static_assert (std::size (targetTypeNames) == (size_t) MidiTarget::Type::padReverse + 1,
               "a name for every target type, in order");

template <typename Enum, size_t N>
static std::optional<Enum> parseName (const char* const (&names)[N], const juce::String& s)
{
    for (size_t i = 0; i < N; ++i)
        if (s == names[i])
            return (Enum) i;
    return std::nullopt;
}

juce::String toString (MidiSource::Type t) { return sourceTypeNames[(int) t]; }
juce::String toString (MidiSource::Encoding e) { return encodingNames[(int) e]; }
juce::String toString (MidiTarget::Type t) { return targetTypeNames[(int) t]; }

std::optional<MidiSource::Type> parseSourceType (const juce::String& s)
{
    return parseName<MidiSource::Type> (sourceTypeNames, s);
}
std::optional<MidiSource::Encoding> parseEncoding (const juce::String& s)
{
    return parseName<MidiSource::Encoding> (encodingNames, s);
}
std::optional<MidiTarget::Type> parseTargetType (const juce::String& s)
{
    return parseName<MidiTarget::Type> (targetTypeNames, s);
}

//==============================================================================
bool MidiSource::matches (const juce::MidiMessage& m) const noexcept
{
    if (channel != 0 && m.getChannel() != channel)
        return false;

    switch (type)
    {
        case Type::note:
            return m.isNoteOnOrOff() && m.getNoteNumber() == number;
        case Type::controller:
            return m.isController() && m.getControllerNumber() == number;
        case Type::pitchBend:
            return m.isPitchWheel();
    }
    return false;
}

bool MidiSource::sameInput (const MidiSource& o) const noexcept
{
    return type == o.type && (type == Type::pitchBend || number == o.number)
           && (channel == 0 || o.channel == 0 || channel == o.channel);
}

std::optional<MidiSource> MidiSource::fromMessage (const juce::MidiMessage& m)
{
    MidiSource s;
    s.channel = m.getChannel();
    if (m.isNoteOn())
        s.type = Type::note, s.number = m.getNoteNumber();
    else if (m.isController() && !m.isAllNotesOff() && !m.isAllSoundOff() && !m.isResetAllControllers())
        s.type = Type::controller, s.number = m.getControllerNumber();
    else if (m.isPitchWheel())
        s.type = Type::pitchBend;
    else
        return std::nullopt;
    return s;
}

int MidiSource::relativeStep (int value) const noexcept
{
    value &= 0x7f;
    switch (encoding)
    {
        case Encoding::relativeTwosComplement:
            return value < 64 ? value : value - 128;
        case Encoding::relativeBinaryOffset:
            return value - 64;
        case Encoding::relativeSignMagnitude:
            return (value & 0x40) != 0 ? -(value & 0x3f) : value;
        case Encoding::absolute:
            break;
    }
    return 0;
}

juce::String MidiSource::describe() const
{
    juce::String text;
    switch (type)
    {
        case Type::note:
            text = "Note " + juce::String (number) + " ("
                   + juce::MidiMessage::getMidiNoteName (number, true, true, 3) + ")";
            break;
        case Type::controller:
            text = "CC " + juce::String (number) + (isRelative() ? " relative" : "");
            break;
        case Type::pitchBend:
            text = "Pitch bend";
            break;
    }
    return text + (channel == 0 ? juce::String (", any channel") : ", ch " + juce::String (channel));
}

//==============================================================================
bool MidiTarget::isPadTarget() const noexcept
{
    return type <= Type::padGain || type == Type::padSync || type == Type::padQuantize || type == Type::padCue
           || (type >= Type::padStart && type <= Type::padReverse);
}

bool MidiTarget::isContinuous() const noexcept
{
    switch (type)
    {
        case Type::padPitch:
        case Type::padEqLow:
        case Type::padEqMid:
        case Type::padEqHigh:
        case Type::padGain:
        case Type::padStart:
        case Type::padEnd:
        case Type::padFadeIn:
        case Type::padFadeOut:
        case Type::masterFader:
        case Type::masterTempo:
        case Type::cueLevel:
        case Type::cueBlend:
            return true;
        default:
            return false;
    }
}

bool MidiTarget::isToggle() const noexcept
{
    return type == Type::padEqLowKill || type == Type::padEqMidKill || type == Type::padEqHighKill
           || type == Type::padSync || type == Type::metronome || type == Type::link || type == Type::syncPlay
           || type == Type::padCue || type == Type::metronomeToCue || type == Type::padReverse;
}

bool MidiTarget::isMomentary() const noexcept
{
    return type == Type::nudgeSlower || type == Type::nudgeFaster || type == Type::cuePreview;
}

bool MidiTarget::isButton() const noexcept { return type == Type::tapTempo; }

bool MidiTarget::isSelector() const noexcept
{
    return type == Type::padQuantize || type == Type::globalQuantize || type == Type::clockSource;
}

int MidiTarget::numChoices() const noexcept
{
    if (type == Type::globalQuantize)
        return QuantizeGrid::numChoices;
    if (type == Type::clockSource)
        return 3; // internal, MIDI clock, Link (SyncSwitches)
    return type == Type::padQuantize ? QuantizeGrid::numChoices + 1 : 0;
}

bool MidiTarget::firesInEngine() const noexcept
{
    return type == Type::padTrigger || type == Type::bankNext || type == Type::bankPrevious
           || type == Type::bankSelect || type == Type::stopAll;
}

juce::String MidiTarget::describe() const
{
    const auto pad = "Pad row " + juce::String (row + 1) + " col " + juce::String (column + 1);
    switch (type)
    {
        case Type::padTrigger:
            return pad;
        case Type::padPitch:
            return pad + " pitch";
        case Type::padEqLow:
            return pad + " EQ low";
        case Type::padEqMid:
            return pad + " EQ mid";
        case Type::padEqHigh:
            return pad + " EQ high";
        case Type::padEqLowKill:
            return pad + " low kill";
        case Type::padEqMidKill:
            return pad + " mid kill";
        case Type::padEqHighKill:
            return pad + " high kill";
        case Type::padGain:
            return pad + " gain";
        case Type::bankNext:
            return "Next bank";
        case Type::bankPrevious:
            return "Previous bank";
        case Type::bankSelect:
            return "Bank " + juce::String::charToString ((juce::juce_wchar) ('A' + bank));
        case Type::masterFader:
            return "Master fader";
        case Type::stopAll:
            return "Stop all";
        case Type::tapTempo:
            return "Tap tempo";
        case Type::nudgeSlower:
            return "Nudge slower";
        case Type::nudgeFaster:
            return "Nudge faster";
        case Type::masterTempo:
            return "Master tempo";
        case Type::padSync:
            return pad + " sync";
        case Type::padQuantize:
            return pad + " quantize";
        case Type::globalQuantize:
            return "Global quantize";
        case Type::metronome:
            return "Metronome";
        case Type::link:
            return "Link";
        case Type::clockSource:
            return "Clock source";
        case Type::syncPlay:
            return "Sync start/stop";
        case Type::padCue:
            return pad + " cue";
        case Type::cueLevel:
            return "Cue level";
        case Type::cueBlend:
            return "Cue/master blend";
        case Type::metronomeToCue:
            return "Click to cue";
        case Type::cuePreview:
            return "Cue preview (hold)";
        case Type::padStart:
            return pad + " start";
        case Type::padEnd:
            return pad + " end";
        case Type::padFadeIn:
            return pad + " fade in";
        case Type::padFadeOut:
            return pad + " fade out";
        case Type::padReverse:
            return pad + " reverse";
    }
    return {};
}

juce::String MidiTarget::toString() const
{
    auto text = paddeck::toString (type);
    if (isPadTarget())
        text << ":" << row << ":" << column;
    else if (type == Type::bankSelect)
        text << ":" << bank;
    return text;
}

std::optional<MidiTarget> MidiTarget::fromString (const juce::String& s)
{
    const auto parts = juce::StringArray::fromTokens (s, ":", {});
    const auto type = parseTargetType (parts[0]);
    if (!type)
        return std::nullopt;

    MidiTarget t;
    t.type = *type;
    if (t.isPadTarget())
    {
        if (parts.size() != 3)
            return std::nullopt;
        t.row = parts[1].getIntValue();
        t.column = parts[2].getIntValue();
        if (!juce::isPositiveAndBelow (t.row, 8) || !juce::isPositiveAndBelow (t.column, 8))
            return std::nullopt;
    }
    else if (t.type == Type::bankSelect)
    {
        t.bank = parts[1].getIntValue();
        if (parts.size() != 2 || !juce::isPositiveAndBelow (t.bank, 64))
            return std::nullopt;
    }
    return t;
}

} // namespace paddeck
