#include "Control/MidiControls.h"

#include "Control/PadSlicing.h"
#include "Model/ControlRanges.h"

namespace paddeck
{

// A knob "catches" its control once it comes this close (or passes it): about 3 CC steps.
static constexpr double takeoverWindow = 3.0 / 127.0;

MidiControls::MidiControls (Session& s)
    : session (s)
{
}

int MidiControls::padIndexFor (const MidiTarget& target) const
{
    const int rows = session.getSet()[IDs::gridRows], columns = session.getSet()[IDs::gridColumns];
    if (!target.isPadTarget() || target.row >= rows || target.column >= columns)
        return -1;
    return session.globalIndex (session.getCurrentBank(), target.row * columns + target.column);
}

juce::String MidiControls::continuingKey (const MidiTarget& target, int pad)
{
    return "midi " + target.toString() + " " + juce::String (pad);
}

juce::String MidiControls::takeoverKey (const MidiBinding& b)
{
    return b.target.toString() + "/" + toString (b.source.type) + ":" + juce::String (b.source.channel) + ":"
           + juce::String (b.source.number);
}

static double positionOf (const juce::MidiMessage& message)
{
    // The centre value (64, or 8192 for pitch bend) lands exactly on the middle of the travel,
    // where a centred knob's control sits (0 dB on the EQ, no transposition).
    if (message.isPitchWheel())
    {
        const int v = message.getPitchWheelValue();
        return v <= 8192 ? v / 16384.0 : 0.5 + (v - 8192) / 16382.0;
    }
    const int v = message.getControllerValue();
    return v <= 64 ? v / 128.0 : 0.5 + (v - 64) / 126.0;
}

void MidiControls::apply (const MidiBinding& binding, const juce::MidiMessage& message)
{
    const auto& target = binding.target;

    // Buttons: toggles, tap, the nudges, and a note on a selector (it steps to the next choice).
    if (target.isToggle() || target.isButton() || target.isMomentary()
        || (target.isSelector() && message.isNoteOnOrOff()))
    {
        if (target.isMomentary() && binding.source.isRelative())
            return; // an encoder has no "held"
        if (const auto pressed = pressOrRelease (binding, message))
        {
            if (target.isMomentary())
                hold (target, *pressed);
            else if (*pressed)
                press (target);
        }
        return;
    }

    if (message.isNoteOnOrOff())
        return;

    if (target.isSelector())
    {
        // A knob picks a choice by where it points; no takeover: a choice is not a level that jumps.
        if (binding.source.isRelative())
            setChoice (target,
                       getChoice (target) + binding.source.relativeStep (message.getControllerValue()));
        else
            setChoice (target, (int) (positionOf (message) * target.numChoices()));
        return;
    }

    if (!target.isContinuous())
        return;

    if (binding.source.isRelative())
        step (target, binding.source.relativeStep (message.getControllerValue()));
    else
        applyNormalised (binding, positionOf (message), true);
}

std::optional<bool> MidiControls::pressOrRelease (const MidiBinding& binding,
                                                  const juce::MidiMessage& message)
{
    if (message.isNoteOn())
        return true;
    if (message.isNoteOff())
        return false;
    if (!message.isController())
        return std::nullopt;
    if (binding.source.isRelative())
        return true; // every detent of an encoder is a press

    // A CC button sends 127 pressed and 0 released; a held one may repeat its value.
    auto& wasPressed = takeovers[takeoverKey (binding)].wasPressed;
    const bool pressed = message.getControllerValue() >= 64;
    if (pressed == wasPressed)
        return std::nullopt;
    wasPressed = pressed;
    return pressed;
}

void MidiControls::press (const MidiTarget& target)
{
    if (target.isToggle())
        toggle (target);
    else if (target.type == MidiTarget::Type::tapTempo)
        session.tapMasterTempo();
    else if (target.isSelector())
        setChoice (target, (getChoice (target) + 1) % target.numChoices()); // a button goes round
}

void MidiControls::hold (const MidiTarget& target, bool down)
{
    if (target.type == MidiTarget::Type::cuePreview)
    {
        session.holdPreview (down);
        return;
    }
    const int direction = target.type == MidiTarget::Type::nudgeFaster ? 1 : -1;
    session.nudge (down ? direction : 0);
}

void MidiControls::applyNormalised (const MidiBinding& binding, double hardware, bool fromAbsolute)
{
    // Soft takeover: an absolute knob moves its control only once it has reached the control's
    // value (or passed it), so a knob that is elsewhere never makes the sound jump.
    const auto& target = binding.target;
    auto& state = takeovers[takeoverKey (binding)];
    const auto current = getNormalised (target);
    if (current < 0.0)
        return; // a pad outside the grid, or a tempo outside the knob's range

    if (state.lastSet >= 0.0 && std::abs (current - state.lastSet) > 1.0e-6)
        state.caught = false; // moved on screen, by another control, or it is another bank's pad now

    if (!state.caught)
    {
        const bool near = std::abs (hardware - current) <= takeoverWindow;
        const bool crossed =
            state.lastHardware >= 0.0 && (state.lastHardware - current) * (hardware - current) <= 0.0;
        state.caught = near || crossed;
    }
    state.lastHardware = hardware;

    if (state.caught)
    {
        const bool quantise = fromAbsolute && target.type == MidiTarget::Type::padPitch
                              && binding.source.type == MidiSource::Type::controller;
        setNormalised (target, hardware, quantise);
        state.lastSet = getNormalised (target);
    }
}

// The pad field an EQ or gain target drives, its range and one encoder detent; null for others.
struct DbControl
{
    float* field;
    juce::NormalisableRange<double> range;
    float step;
};

static std::optional<DbControl> dbControlFor (PadSettings& s, MidiTarget::Type type)
{
    switch (type)
    {
        case MidiTarget::Type::padEqLow:
            return DbControl{ &s.eqLowDb, ControlRanges::eqDb(), 1.0f };
        case MidiTarget::Type::padEqMid:
            return DbControl{ &s.eqMidDb, ControlRanges::eqDb(), 1.0f };
        case MidiTarget::Type::padEqHigh:
            return DbControl{ &s.eqHighDb, ControlRanges::eqDb(), 1.0f };
        case MidiTarget::Type::padGain:
            return DbControl{ &s.gainDb, ControlRanges::padGainDb(), 0.5f };
        default:
            return std::nullopt;
    }
}

// The fader's bottom is off.
static double masterDbFromFader (double db) { return db <= -60.0 ? ControlRanges::masterOffDb : db; }

// START and END travel over the pad's file, as the editor's knobs do: the top of END is the file's
// end (-1), wherever the file ends. They wait (-1 / no change) until the file has loaded.
static double shapePosition (const PadSettings& s, MidiTarget::Type type, juce::int64 fileFrames)
{
    switch (type)
    {
        case MidiTarget::Type::padStart:
            return fileFrames > 0 ? juce::jlimit (0.0, 1.0, (double) s.startFrame / (double) fileFrames)
                                  : -1.0;
        case MidiTarget::Type::padEnd:
            return fileFrames <= 0  ? -1.0
                   : s.endFrame < 0 ? 1.0
                                    : juce::jlimit (0.0, 1.0, (double) s.endFrame / (double) fileFrames);
        case MidiTarget::Type::padFadeIn:
            return ControlRanges::fadeMs().convertTo0to1 (s.fadeInMs);
        case MidiTarget::Type::padFadeOut:
            return ControlRanges::fadeMs().convertTo0to1 (s.fadeOutMs);
        default:
            return -1.0;
    }
}

static bool setShape (PadSettings& s, MidiTarget::Type type, double position, juce::int64 fileFrames)
{
    const auto frame = (juce::int64) std::llround (position * (double) fileFrames);
    switch (type)
    {
        case MidiTarget::Type::padStart:
            if (fileFrames <= 0)
                return false;
            s.startFrame = frame;
            return true;
        case MidiTarget::Type::padEnd:
            if (fileFrames <= 0)
                return false;
            s.endFrame = frame >= fileFrames ? -1 : frame;
            return true;
        case MidiTarget::Type::padFadeIn:
            s.fadeInMs = (float) ControlRanges::fadeMs().convertFrom0to1 (position);
            return true;
        case MidiTarget::Type::padFadeOut:
            s.fadeOutMs = (float) ControlRanges::fadeMs().convertFrom0to1 (position);
            return true;
        default:
            return false;
    }
}

juce::int64 MidiControls::fileFramesOf (int pad) const
{
    const auto& sample = session.getPadStatus (pad).sample;
    return sample != nullptr ? PadSlicing::fileFramesOf (*sample) : 0;
}

double MidiControls::getNormalised (const MidiTarget& target) const
{
    if (target.type == MidiTarget::Type::masterFader)
        return ControlRanges::masterDb().convertTo0to1 (juce::jlimit (-60.0, 6.0, session.getMasterGainDb()));
    if (target.type == MidiTarget::Type::cueLevel)
        return ControlRanges::cueDb().convertTo0to1 (juce::jlimit (-60.0, 6.0, cue.getLevelDb()));
    if (target.type == MidiTarget::Type::cueBlend)
        return ControlRanges::cueBlend().convertTo0to1 (cue.getBlend());

    if (target.type == MidiTarget::Type::masterTempo)
    {
        // A tempo beyond the knob's range can't be caught: the knob waits until it is back in it.
        const auto position = (session.getMasterTempo() - target.minBpm) / (target.maxBpm - target.minBpm);
        return position >= 0.0 && position <= 1.0 ? position : -1.0;
    }

    const int pad = padIndexFor (target);
    if (pad < 0)
        return -1.0;
    auto s = session.getPadSettings (pad);
    if (target.type == MidiTarget::Type::padPitch)
        return ControlRanges::pitchSemitones().convertTo0to1 (s.semitones + s.cents / 100.0);
    if (const auto control = dbControlFor (s, target.type))
        return control->range.convertTo0to1 (*control->field);
    return shapePosition (s, target.type, fileFramesOf (pad));
}

void MidiControls::setNormalised (const MidiTarget& target, double position, bool quantiseSemitones)
{
    position = juce::jlimit (0.0, 1.0, position);
    if (target.type == MidiTarget::Type::masterFader)
    {
        session.setMasterGainDb (masterDbFromFader (ControlRanges::masterDb().convertFrom0to1 (position)));
        return;
    }
    if (target.type == MidiTarget::Type::cueLevel)
    {
        cue.setLevelDb (masterDbFromFader (ControlRanges::cueDb().convertFrom0to1 (position)));
        return;
    }
    if (target.type == MidiTarget::Type::cueBlend)
    {
        cue.setBlend (ControlRanges::cueBlend().convertFrom0to1 (position));
        return;
    }
    if (target.type == MidiTarget::Type::masterTempo)
    {
        session.setMasterTempo (target.minBpm + position * (target.maxBpm - target.minBpm));
        return;
    }

    const int pad = padIndexFor (target);
    if (pad < 0)
        return;
    auto s = session.getPadSettings (pad);
    if (target.type == MidiTarget::Type::padPitch)
    {
        const auto semitones = ControlRanges::pitchSemitones().convertFrom0to1 (position);
        const auto whole = std::round (semitones);
        s.semitones = (int) whole;
        s.cents = quantiseSemitones ? 0.0f : (float) std::round ((semitones - whole) * 100.0);
    }
    else if (const auto control = dbControlFor (s, target.type))
        *control->field = (float) control->range.convertFrom0to1 (position);
    else if (!setShape (s, target.type, position, fileFramesOf (pad)))
        return;
    session.setPadSettings (pad, s, continuingKey (target, pad)); // a knob turned is one undo step
}

void MidiControls::step (const MidiTarget& target, int steps)
{
    // Relative encoders have no position to take over: each detent moves the control by one step.
    if (steps == 0)
        return;

    if (target.type == MidiTarget::Type::masterFader)
    {
        const auto db =
            juce::jlimit (-60.0, 6.0, juce::jmax (-60.0, session.getMasterGainDb()) + 0.5 * steps);
        session.setMasterGainDb (masterDbFromFader (db));
        return;
    }
    if (target.type == MidiTarget::Type::cueLevel)
    {
        cue.setLevelDb (masterDbFromFader (
            juce::jlimit (-60.0, 6.0, juce::jmax (-60.0, cue.getLevelDb()) + 0.5 * steps)));
        return;
    }
    if (target.type == MidiTarget::Type::cueBlend)
    {
        cue.setBlend (cue.getBlend() + 0.02 * steps); // 50 detents from end to end
        return;
    }
    if (target.type == MidiTarget::Type::masterTempo)
    {
        session.setMasterTempo (
            juce::jlimit (PadSettings::minBpm, PadSettings::maxBpm,
                          session.getMasterTempo() + MidiTarget::bpmPerEncoderStep * steps));
        return;
    }

    const int pad = padIndexFor (target);
    if (pad < 0)
        return;
    auto s = session.getPadSettings (pad);
    if (target.type == MidiTarget::Type::padPitch)
        s.semitones =
            juce::jlimit (PadSettings::minSemitones, PadSettings::maxSemitones, s.semitones + steps);
    else if (const auto control = dbControlFor (s, target.type))
        *control->field = juce::jlimit ((float) control->range.start, (float) control->range.end,
                                        *control->field + control->step * (float) steps);
    else if (const auto at = shapePosition (s, target.type, fileFramesOf (pad)); at >= 0.0)
    {
        // A detent moves START, END and the fades by 1/200 of their travel.
        if (!setShape (s, target.type, juce::jlimit (0.0, 1.0, at + steps / 200.0), fileFramesOf (pad)))
            return;
    }
    else
        return;
    session.setPadSettings (pad, s, continuingKey (target, pad));
}

void MidiControls::toggle (const MidiTarget& target)
{
    if (const auto on = isOn (target))
        setOn (target, !*on);
}

std::optional<bool> MidiControls::isOn (const MidiTarget& target) const
{
    using Type = MidiTarget::Type;
    if (!target.isToggle())
        return std::nullopt;
    if (target.type == Type::metronome)
        return session.isMetronomeOn();
    if (target.type == Type::metronomeToCue)
        return cue.isMetronomeOnCue();
    if (target.type == Type::link || target.type == Type::syncPlay)
    {
        if (sync == nullptr)
            return std::nullopt;
        return target.type == Type::link ? sync->isLinkOn() : sync->isPlaying();
    }

    const int pad = padIndexFor (target);
    if (pad < 0)
        return std::nullopt;
    if (target.type == Type::padCue)
        return cue.isPadCued (pad);
    const auto s = session.getPadSettings (pad);
    switch (target.type)
    {
        case Type::padEqLowKill:
            return s.eqLowKill;
        case Type::padEqMidKill:
            return s.eqMidKill;
        case Type::padEqHighKill:
            return s.eqHighKill;
        case Type::padReverse:
            return s.reverse;
        case Type::padSync:
            return s.isSynced();
        default:
            return std::nullopt;
    }
}

void MidiControls::setOn (const MidiTarget& target, bool on)
{
    using Type = MidiTarget::Type;
    if (target.type == Type::metronome)
        return session.setMetronome (on);
    if (target.type == Type::metronomeToCue)
        return cue.setMetronomeOnCue (on);
    if (target.type == Type::link || target.type == Type::syncPlay)
    {
        if (sync != nullptr)
            target.type == Type::link ? sync->setLinkOn (on) : sync->setPlaying (on);
        return;
    }

    const int pad = padIndexFor (target);
    if (pad < 0)
        return;
    if (target.type == Type::padCue)
        return cue.setPadCued (pad, on);
    auto s = session.getPadSettings (pad);
    if (target.type == Type::padEqLowKill)
        s.eqLowKill = on;
    else if (target.type == Type::padEqMidKill)
        s.eqMidKill = on;
    else if (target.type == Type::padEqHighKill)
        s.eqHighKill = on;
    else if (target.type == Type::padReverse)
        s.reverse = on;
    else if (target.type == Type::padSync)
    {
        if (!s.hasTempo())
            return; // like the editor's SYNC, which a pad without a tempo can't switch on
        s.sync = on;
    }
    session.setPadSettings (pad, s);
}

int MidiControls::getChoice (const MidiTarget& target) const
{
    if (target.type == MidiTarget::Type::globalQuantize)
        return (int) session.getGlobalQuantize();
    if (target.type == MidiTarget::Type::clockSource)
        return sync != nullptr ? sync->getClockSourceChoice() : 0;
    const int pad = padIndexFor (target);
    return pad < 0 ? 0 : session.getPadSettings (pad).quantize + 1; // followGlobal (−1) is choice 0
}

void MidiControls::setChoice (const MidiTarget& target, int choice)
{
    choice = juce::jlimit (0, target.numChoices() - 1, choice);
    if (target.type == MidiTarget::Type::clockSource)
    {
        if (sync != nullptr && choice != sync->getClockSourceChoice())
            sync->setClockSourceChoice (choice);
        return;
    }
    if (target.type == MidiTarget::Type::globalQuantize)
    {
        if (choice != (int) session.getGlobalQuantize())
            session.setGlobalQuantize ((Quantize) choice);
        return;
    }
    const int pad = padIndexFor (target);
    if (pad < 0)
        return;
    auto s = session.getPadSettings (pad);
    if (s.quantize == choice - 1)
        return;
    s.quantize = choice - 1;
    session.setPadSettings (pad, s);
}

} // namespace paddeck
