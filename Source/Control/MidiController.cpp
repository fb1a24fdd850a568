#include "Control/MidiController.h"

#include "Control/AudibleBeat.h"
#include "Model/Settings.h"

namespace paddeck
{

static constexpr const char* disabledInputsKey = "midiInputsDisabled";
static constexpr const char* feedbackOutputKey = "midiFeedbackOutput";

MidiController::MidiController (Session& s, Settings* st, juce::AudioDeviceManager* d)
    : session (s)
    , settings (st)
    , devices (d)
    , controls (s)
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
            controls.apply (binding, message);
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

    // Notes press and release: they bind to pads, buttons, toggles and selectors, not to knobs.
    // The pitch bend wheel is a knob: it drives knobs, faders and selectors.
    const auto& target = *learnTarget;
    if (source->type == MidiSource::Type::note && target.isContinuous())
        return;
    if (source->type == MidiSource::Type::pitchBend && !target.isContinuous() && !target.isSelector())
        return;

    auto mapping = getMapping();
    const MidiBinding binding{ *source, target };
    mapping.learn (binding);
    lastLearned = binding;
    learnTarget.reset();
    setMapping (mapping);

    // Where the knob was when it was learned counts as its first position for soft takeover.
    if (target.isContinuous() && !source->isRelative())
        controls.apply (binding, message);
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
    const bool known = juce::isPositiveAndBelow (padIndex, EngineMeters::maxPads);
    const bool playing = known && meters.padVoices[(size_t) padIndex].load (std::memory_order_relaxed) > 0;
    const bool queued = known && meters.padQueued[(size_t) padIndex].load (std::memory_order_relaxed) != 0;

    switch (status.state)
    {
        case Session::PadState::missing:
        case Session::PadState::error:
            return fb.missing;
        case Session::PadState::loaded:
            if (queued)
            {
                auto* device = devices != nullptr ? devices->getCurrentAudioDevice() : nullptr;
                const auto beat = AudibleBeat::now (meters, AudibleBeat::latencySeconds (device));
                return !fb.blink || AudibleBeat::isFlashLit (beat) ? fb.queued : fb.empty;
            }
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
            const int pad = controls.padIndexFor (b.target);
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
