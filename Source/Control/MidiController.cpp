#include "Control/MidiController.h"

#include "Model/ControlRanges.h"
#include "Model/Settings.h"

namespace paddeck
{

static constexpr const char* disabledInputsKey = "midiInputsDisabled";
static constexpr const char* feedbackOutputKey = "midiFeedbackOutput";

// A knob "catches" its control once it comes this close (or passes it): about 3 CC steps.
static constexpr double takeoverWindow = 3.0 / 127.0;

MidiController::MidiController (Session& s, Settings* st, juce::AudioDeviceManager* d)
    : session (s)
    , settings (st)
    , devices (d)
{
    if (settings != nullptr)
    {
        feedbackOutputId = settings->properties().getValue (feedbackOutputKey);

        // The user's mapping plays every set that brings none of its own.
        MidiMapping mine;
        if (getUserMappingFile().existsAsFile())
        {
            if (const auto r = MidiMapping::load (getUserMappingFile(), mine); r.wasOk())
                session.setFallbackMidiMapping (mine);
            else
                juce::Logger::writeToLog ("MIDI: your mapping could not be read, so the standard one plays. "
                                          + r.getErrorMessage());
        }
    }
    if (devices != nullptr)
    {
        enableInputs();
        openFeedbackOutput();
    }
}

MidiController::~MidiController() { stopTimer(); }

void MidiController::startPolling() { startTimer (10); }

void MidiController::timerCallback()
{
    processPending();
    if (++ticks % 3 == 0)
        updateFeedback();
    if (devices != nullptr && ticks % 200 == 0)
        enableInputs(); // a controller plugged in while playing is picked up
}

int MidiController::processPending()
{
    auto& queue = session.getEngine().getControlEvents();
    ControlEvent event;
    int count = 0;
    for (; queue.pop (event); ++count)
    {
        if (event.type == ControlEvent::Type::bankChanged)
        {
            session.setCurrentBank (event.bank);
            session.setEngineBankChangesSeen (event.bankSerial);
            continue;
        }
        // Running status and stray bytes never get here: the MIDI input parses them into whole messages.
        handleMessage (juce::MidiMessage (event.bytes, event.size));
    }
    return count;
}

void MidiController::handleMessage (const juce::MidiMessage& message)
{
    ++messagesHandled;
    if (learning && learnTarget)
    {
        learn (message);
        return;
    }

    for (const auto& binding : getMapping().bindings)
        if (!binding.target.firesInEngine() && binding.source.matches (message))
            apply (binding, message);
}

//==============================================================================
void MidiController::setLearning (bool shouldLearn)
{
    learning = shouldLearn;
    learnTarget.reset();
    sendChangeMessage();
}

void MidiController::setLearnTarget (std::optional<MidiTarget> target)
{
    learnTarget = target;
    sendChangeMessage();
}

void MidiController::learn (const juce::MidiMessage& message)
{
    auto source = MidiSource::fromMessage (message);
    if (!source)
        return;

    // Notes press and release: they bind to pads, buttons and kills, not to knobs.
    const auto& target = *learnTarget;
    if (source->type == MidiSource::Type::note && target.isContinuous())
        return;
    if (source->type == MidiSource::Type::pitchBend && !target.isContinuous())
        return;

    auto mapping = getMapping();
    const MidiBinding binding{ *source, target };
    mapping.learn (binding);
    lastLearned = binding;
    learnTarget.reset();
    setMapping (mapping);

    // Where the knob was when it was learned counts as its first position for soft takeover.
    if (target.isContinuous() && !source->isRelative())
        apply (binding, message);
}

//==============================================================================
void MidiController::setMapping (const MidiMapping& mapping)
{
    session.setMidiMapping (mapping);
    session.setFallbackMidiMapping (mapping);
    if (settings != nullptr)
        if (const auto r = mapping.save (getUserMappingFile()); r.failed())
            juce::Logger::writeToLog ("MIDI: " + r.getErrorMessage());
    mappingChanged();
}

void MidiController::mappingChanged()
{
    updateFeedback();
    sendChangeMessage();
}

void MidiController::removeBinding (int index)
{
    auto mapping = getMapping();
    mapping.remove (index);
    setMapping (mapping);
}

void MidiController::setEncoding (int index, MidiSource::Encoding encoding)
{
    auto mapping = getMapping();
    if (!juce::isPositiveAndBelow (index, (int) mapping.bindings.size())
        || mapping.bindings[(size_t) index].source.type != MidiSource::Type::controller)
        return;
    mapping.bindings[(size_t) index].source.encoding = encoding;
    setMapping (mapping);
}

juce::Result MidiController::importMapping (const juce::File& file)
{
    MidiMapping mapping;
    if (auto r = MidiMapping::load (file, mapping); r.failed())
        return r;
    setMapping (mapping);
    return juce::Result::ok();
}

juce::Result MidiController::exportMapping (const juce::File& file) const { return getMapping().save (file); }

juce::File MidiController::getUserMappingFile() const
{
    return settings != nullptr ? settings->getDirectory().getChildFile ("MIDI mapping.json") : juce::File();
}

//==============================================================================
int MidiController::padIndexFor (const MidiTarget& target) const
{
    const int rows = session.getSet()[IDs::gridRows], columns = session.getSet()[IDs::gridColumns];
    if (!target.isPadTarget() || target.row >= rows || target.column >= columns)
        return -1;
    return session.globalIndex (session.getCurrentBank(), target.row * columns + target.column);
}

juce::String MidiController::takeoverKey (const MidiBinding& b)
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

void MidiController::apply (const MidiBinding& binding, const juce::MidiMessage& message)
{
    const auto& target = binding.target;

    if (target.isToggle())
    {
        if (message.isNoteOn())
            toggle (target);
        else if (message.isController())
        {
            auto& state = takeovers[takeoverKey (binding)];
            const bool pressed = binding.source.isRelative() || message.getControllerValue() >= 64;
            if (pressed && !state.wasPressed)
                toggle (target);
            state.wasPressed = pressed && !binding.source.isRelative();
        }
        return;
    }

    if (!target.isContinuous() || message.isNoteOnOrOff())
        return;

    if (binding.source.isRelative())
        step (target, binding.source.relativeStep (message.getControllerValue()));
    else
        applyNormalised (binding, positionOf (message), true);
}

void MidiController::applyNormalised (const MidiBinding& binding, double hardware, bool fromAbsolute)
{
    // Soft takeover: an absolute knob moves its control only once it has reached the control's
    // value (or passed it), so a knob that is elsewhere never makes the sound jump.
    const auto& target = binding.target;
    auto& state = takeovers[takeoverKey (binding)];
    const auto current = getNormalised (target);
    if (current < 0.0)
        return; // a pad outside the grid

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

double MidiController::getNormalised (const MidiTarget& target) const
{
    if (target.type == MidiTarget::Type::masterFader)
        return ControlRanges::masterDb().convertTo0to1 (juce::jlimit (-60.0, 6.0, session.getMasterGainDb()));

    const int pad = padIndexFor (target);
    if (pad < 0)
        return -1.0;
    auto s = session.getPadSettings (pad);
    if (target.type == MidiTarget::Type::padPitch)
        return ControlRanges::pitchSemitones().convertTo0to1 (s.semitones + s.cents / 100.0);
    if (const auto control = dbControlFor (s, target.type))
        return control->range.convertTo0to1 (*control->field);
    return -1.0;
}

void MidiController::setNormalised (const MidiTarget& target, double position, bool quantiseSemitones)
{
    position = juce::jlimit (0.0, 1.0, position);
    if (target.type == MidiTarget::Type::masterFader)
    {
        session.setMasterGainDb (masterDbFromFader (ControlRanges::masterDb().convertFrom0to1 (position)));
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
    else
        return;
    session.setPadSettings (pad, s);
}

void MidiController::step (const MidiTarget& target, int steps)
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
    else
        return;
    session.setPadSettings (pad, s);
}

void MidiController::toggle (const MidiTarget& target)
{
    const int pad = padIndexFor (target);
    if (pad < 0)
        return;
    auto s = session.getPadSettings (pad);
    if (target.type == MidiTarget::Type::padEqLowKill)
        s.eqLowKill = !s.eqLowKill;
    else if (target.type == MidiTarget::Type::padEqMidKill)
        s.eqMidKill = !s.eqMidKill;
    else if (target.type == MidiTarget::Type::padEqHighKill)
        s.eqHighKill = !s.eqHighKill;
    session.setPadSettings (pad, s);
}

//==============================================================================
void MidiController::setFeedbackSink (MessageSink sink)
{
    feedback.setSink (std::move (sink));
    updateFeedback();
}

int MidiController::feedbackValueFor (int padIndex) const
{
    const auto& fb = getMapping().feedback;
    const auto& status = session.getPadStatus (padIndex);
    const auto& meters = session.getEngine().getMeters();
    const bool playing = juce::isPositiveAndBelow (padIndex, EngineMeters::maxPads)
                         && meters.padVoices[(size_t) padIndex].load (std::memory_order_relaxed) > 0;

    switch (status.state)
    {
        case Session::PadState::missing:
        case Session::PadState::error:
            return fb.missing;
        case Session::PadState::loaded:
            return playing ? fb.playing : fb.loaded;
        case Session::PadState::loading:
            return fb.loaded;
        case Session::PadState::empty:
            break;
    }
    return fb.empty;
}

void MidiController::updateFeedback()
{
    if (!feedback.isConnected())
        return;

    const auto& mapping = getMapping();
    std::map<MidiLedFeedback::Key, int> wanted;
    if (mapping.feedback.enabled)
        for (const auto& b : mapping.bindings)
        {
            if (b.target.type != MidiTarget::Type::padTrigger || b.source.type == MidiSource::Type::pitchBend)
                continue;
            const int pad = padIndexFor (b.target);
            const int channel = b.source.channel != 0 ? b.source.channel : mapping.feedback.channel;
            wanted[MidiLedFeedback::keyFor (b.source.type == MidiSource::Type::note, channel,
                                            b.source.number)] =
                pad < 0 ? mapping.feedback.empty : feedbackValueFor (pad);
        }
    feedback.show (std::move (wanted));
}

//==============================================================================
bool MidiController::isInputEnabled (const juce::String& identifier) const
{
    return devices != nullptr && devices->isMidiInputDeviceEnabled (identifier);
}

void MidiController::setInputEnabled (const juce::String& identifier, bool enabled)
{
    if (devices == nullptr)
        return;
    devices->setMidiInputDeviceEnabled (identifier, enabled);
    if (settings != nullptr)
    {
        auto disabled = juce::StringArray::fromLines (settings->properties().getValue (disabledInputsKey));
        disabled.removeEmptyStrings();
        disabled.removeString (identifier);
        if (!enabled)
            disabled.add (identifier);
        settings->properties().setValue (disabledInputsKey, disabled.joinIntoString ("\n"));
    }
    sendChangeMessage();
}

void MidiController::enableInputs()
{
    // Every input plays unless the performer switched it off; that choice is remembered.
    auto disabled = settings != nullptr
                        ? juce::StringArray::fromLines (settings->properties().getValue (disabledInputsKey))
                        : juce::StringArray();
    juce::StringArray present;
    for (const auto& input : juce::MidiInput::getAvailableDevices())
    {
        present.add (input.identifier);
        if (!knownInputs.contains (input.identifier))
        {
            devices->setMidiInputDeviceEnabled (input.identifier, !disabled.contains (input.identifier));
            juce::Logger::writeToLog ("MIDI input: " + input.name
                                      + (disabled.contains (input.identifier) ? " (off)" : ""));
        }
    }
    const bool changed = present != knownInputs;
    knownInputs = present;
    if (changed)
    {
        if (!feedback.isConnected() && feedbackOutputId.isNotEmpty())
            openFeedbackOutput(); // the controller came back
        sendChangeMessage();
    }
}

void MidiController::setFeedbackOutput (const juce::String& identifier)
{
    feedbackOutputId = identifier;
    if (settings != nullptr)
        settings->properties().setValue (feedbackOutputKey, identifier);
    openFeedbackOutput();
    sendChangeMessage();
}

void MidiController::openFeedbackOutput()
{
    if (devices == nullptr)
        return;
    if (!feedback.openOutput (feedbackOutputId))
        juce::Logger::writeToLog ("MIDI: the feedback output " + feedbackOutputId + " could not be opened.");
    updateFeedback();
}

} // namespace paddeck
