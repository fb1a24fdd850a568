#include "Control/MidiController.h"

#include "Control/AudibleBeat.h"
#include "Control/JuceMidiDevices.h"
#include "Model/Settings.h"

namespace paddeck
{

static constexpr const char* disabledInputsKey = "midiInputsDisabled";
static constexpr const char* feedbackOutputKey = "midiFeedbackOutput";
static constexpr const char* feedbackOutputNameKey = "midiFeedbackOutputName";

MidiController::MidiController (Session& s, Settings* st, juce::AudioDeviceManager* d)
    : MidiController (s, st, d != nullptr ? std::make_unique<JuceMidiDevices> (*d) : nullptr)
{
    audioDevices = d;
}

MidiController::MidiController (Session& s, Settings* st, std::unique_ptr<MidiDevices> p)
    : session (s)
    , settings (st)
    , ports (std::move (p))
    , controls (s)
{
    // Every change of the set's mapping — learn, import, undo, redo — becomes the user's mapping
    // and relights the controller.
    session.onMidiMappingEdited = [this] { mappingEdited(); };

    if (settings != nullptr)
    {
        feedbackOutputId = settings->properties().getValue (feedbackOutputKey);
        feedbackOutputName = settings->properties().getValue (feedbackOutputNameKey);

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
    if (ports != nullptr)
    {
        pollDevices();
        openFeedbackOutput();
    }
}

MidiController::~MidiController()
{
    stopTimer();
    session.onMidiMappingEdited = nullptr;
}

void MidiController::startPolling() { startTimer (10); }

void MidiController::timerCallback()
{
    processPending();
    if (++ticks % 3 == 0)
        updateFeedback();
    if (ports != nullptr && ticks % 50 == 0)
        pollDevices(); // a controller plugged in (or back) while playing is picked up
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
    setMapping (mapping, "MIDI learn: " + target.describe());

    // Where the knob was when it was learned counts as its first position for soft takeover.
    if (target.isContinuous() && !source->isRelative())
        controls.apply (binding, message);
}

//==============================================================================
void MidiController::setMapping (const MidiMapping& mapping, const juce::String& what)
{
    session.setMidiMapping (mapping, what); // comes back through mappingEdited when it changes
}

void MidiController::mappingEdited()
{
    const auto& mapping = session.getMidiMapping();
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
    setMapping (mapping, "Remove a MIDI binding");
}

void MidiController::setEncoding (int index, MidiSource::Encoding encoding)
{
    auto mapping = getMapping();
    if (!juce::isPositiveAndBelow (index, (int) mapping.bindings.size())
        || mapping.bindings[(size_t) index].source.type != MidiSource::Type::controller)
        return;
    mapping.bindings[(size_t) index].source.encoding = encoding;
    setMapping (mapping, "MIDI encoding");
}

juce::Result MidiController::importMapping (const juce::File& file)
{
    MidiMapping mapping;
    if (auto r = MidiMapping::load (file, mapping); r.failed())
        return r;
    setMapping (mapping, "Import " + file.getFileNameWithoutExtension());
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
                auto* device = audioDevices != nullptr ? audioDevices->getCurrentAudioDevice() : nullptr;
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
            // Pads show their state; toggles (a kill, CUE, SYNC, reverse, the metronome…) are lit
            // while on, with the pads' playing and empty values.
            const bool isPad = b.target.type == MidiTarget::Type::padTrigger;
            if ((!isPad && !b.target.isToggle()) || b.source.type == MidiSource::Type::pitchBend)
                continue;
            const int channel = b.source.channel != 0 ? b.source.channel : mapping.feedback.channel;
            const auto key =
                MidiLedFeedback::keyFor (b.source.type == MidiSource::Type::note, channel, b.source.number);
            if (isPad)
            {
                const int pad = controls.padIndexFor (b.target);
                wanted[key] = pad < 0 ? mapping.feedback.empty : feedbackValueFor (pad);
            }
            else if (wanted.count (key) == 0) // a button that also fires a pad shows the pad
            {
                wanted[key] = controls.isOn (b.target).value_or (false) ? mapping.feedback.playing
                                                                        : mapping.feedback.empty;
            }
        }
    feedback.show (std::move (wanted));
}

//==============================================================================
juce::Array<juce::MidiDeviceInfo> MidiController::getInputs() const
{
    return ports != nullptr ? ports->getInputs() : juce::Array<juce::MidiDeviceInfo>();
}

juce::Array<juce::MidiDeviceInfo> MidiController::getOutputs() const
{
    return ports != nullptr ? ports->getOutputs() : juce::Array<juce::MidiDeviceInfo>();
}

bool MidiController::isInputEnabled (const juce::String& identifier) const
{
    return ports != nullptr && ports->isInputOpen (identifier);
}

void MidiController::setInputEnabled (const juce::String& identifier, bool enabled)
{
    if (ports == nullptr)
        return;
    ports->setInputOpen (identifier, enabled);
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

void MidiController::pollDevices()
{
    if (ports == nullptr)
        return;

    // Every input plays unless the performer switched it off; that choice is remembered.
    const auto disabled =
        settings != nullptr
            ? juce::StringArray::fromLines (settings->properties().getValue (disabledInputsKey))
            : juce::StringArray();
    juce::StringArray present;
    for (const auto& input : ports->getInputs())
    {
        present.add (input.identifier);
        if (!knownInputs.contains (input.identifier))
        {
            ports->setInputOpen (input.identifier, !disabled.contains (input.identifier));
            juce::Logger::writeToLog ("MIDI input: " + input.name
                                      + (disabled.contains (input.identifier) ? " (off)" : ""));
        }
    }
    for (const auto& gone : knownInputs)
        if (!present.contains (gone))
        {
            // Its port is gone: a replug makes a new one, which only a fresh connection hears.
            ports->setInputOpen (gone, false);
            juce::Logger::writeToLog ("MIDI input gone: " + gone);
        }
    bool changed = present != knownInputs;
    knownInputs = present;

    // The LEDs' output: let go of it when it goes, take it again (with the whole state) when it's back.
    const auto output = findFeedbackOutput();
    if (feedback.hasOutput() && output.isEmpty())
    {
        feedback.setOutput ({});
        juce::Logger::writeToLog ("MIDI: the feedback output " + feedbackOutputName + " is gone");
        changed = true;
    }
    else if (!feedback.hasOutput() && output.isNotEmpty())
    {
        openFeedbackOutput();
        changed = true;
    }
    if (changed)
        sendChangeMessage();
}

juce::String MidiController::findFeedbackOutput() const
{
    if (feedbackOutputId.isEmpty() || ports == nullptr)
        return {};
    const auto outputs = ports->getOutputs();
    for (const auto& o : outputs)
        if (o.identifier == feedbackOutputId)
            return o.identifier;
    // Plugged back in another socket (or after others): the same controller under a new id.
    for (const auto& o : outputs)
        if (feedbackOutputName.isNotEmpty() && o.name == feedbackOutputName)
            return o.identifier;
    return {};
}

void MidiController::setFeedbackOutput (const juce::String& identifier)
{
    feedbackOutputId = identifier;
    feedbackOutputName = {};
    for (const auto& o : getOutputs())
        if (o.identifier == identifier)
            feedbackOutputName = o.name;
    if (settings != nullptr)
    {
        settings->properties().setValue (feedbackOutputKey, identifier);
        settings->properties().setValue (feedbackOutputNameKey, feedbackOutputName);
    }
    openFeedbackOutput();
    sendChangeMessage();
}

void MidiController::openFeedbackOutput()
{
    if (ports == nullptr)
        return;
    const auto found = findFeedbackOutput();
    if (found.isNotEmpty() && found != feedbackOutputId)
    {
        feedbackOutputId = found; // the same controller, under the id it has now
        if (settings != nullptr)
            settings->properties().setValue (feedbackOutputKey, found);
    }
    feedback.setOutput (found.isNotEmpty() ? ports->openOutput (found) : MidiDevices::Sender());
    if (feedbackOutputId.isNotEmpty() && !feedback.hasOutput())
        juce::Logger::writeToLog ("MIDI: the feedback output " + feedbackOutputId + " could not be opened.");
    updateFeedback();
}

} // namespace paddeck
