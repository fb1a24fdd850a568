#pragma once

#include "Control/MidiControls.h"
#include "Control/MidiDevices.h"
#include "Control/MidiLedFeedback.h"
#include "Control/Session.h"
#include "Model/MidiMapping.h"

#include <juce_audio_devices/juce_audio_devices.h>
#include <juce_events/juce_events.h>

#include <map>

namespace paddeck
{

class Settings;

/** The message-thread half of MIDI control. The engine plays a mapping's triggers itself (sample
    accurate) and hands every MIDI message on to here, where this class
    - hands the other bound controls (pitch, EQ, gain, master, tempo, sync, quantize, ...) to
      MidiControls,
    - follows the bank changes the engine made,
    - runs MIDI learn,
    - lights the controller's pads and toggle buttons (LED feedback to a MIDI output, changes only),
    - keeps the user's mapping, MIDI inputs and feedback output in the settings,
    - picks a controller up again when it is unplugged and plugged back: its inputs are opened
      anew, its LEDs get the whole current state, and its mapping is never touched.
    The GUI app polls it with its timer; an offline render calls processPending() between blocks.
    [message] only. */
class MidiController : public juce::ChangeBroadcaster, private juce::Timer
{
public:
    /** `settings` and `devices` may be null (offline render, tests): nothing is remembered and no
        MIDI device is opened. */
    MidiController (Session& session, Settings* settings = nullptr,
                    juce::AudioDeviceManager* devices = nullptr);
    /** With MIDI ports of a test's own (see MidiDevices). */
    MidiController (Session& session, Settings* settings, std::unique_ptr<MidiDevices> ports);
    ~MidiController() override;

    /** Starts polling: engine events at 100 Hz, LED feedback at 30 Hz, MIDI ports twice a second. */
    void startPolling();

    /** Looks at the MIDI ports: a controller that appeared (or came back) is opened, unless the
        performer switched it off, and a feedback output that came back gets the whole LED state;
        one that went away is let go of (its port is dead: the next plug opens a fresh one). */
    void pollDevices();

    /** Takes what the engine has passed on since the last call and acts on it; returns how many
        events there were. */
    int processPending();

    /** Where the Link, clock source and sync start/stop targets go (Sync/SyncController). */
    void setSyncSwitches (SyncSwitches* switches) noexcept { controls.setSyncSwitches (switches); }

    /** Acts on one message as if a controller had sent it (the engine's triggers excepted). */
    void handleMessage (const juce::MidiMessage& message);

    //==============================================================================
    // Mapping
    const MidiMapping& getMapping() const noexcept { return session.getMidiMapping(); }

    /** Makes this the mapping (of the set, and the user's), and relights the controller: an undo
        step named `what`. Undoing it comes back here through Session::onMidiMappingEdited. */
    void setMapping (const MidiMapping& mapping, const juce::String& what = "MIDI mapping");
    void removeBinding (int index);
    void setEncoding (int index, MidiSource::Encoding encoding);

    juce::Result importMapping (const juce::File& file); // a preset or an exported mapping
    juce::Result exportMapping (const juce::File& file) const;

    /** The user's mapping, kept in the settings folder as readable JSON. */
    juce::File getUserMappingFile() const;

    //==============================================================================
    // MIDI learn: while learning, pick a target, then move a control on the controller.
    void setLearning (bool shouldLearn);
    bool isLearning() const noexcept { return learning; }
    void setLearnTarget (std::optional<MidiTarget> target);
    std::optional<MidiTarget> getLearnTarget() const noexcept { return learnTarget; }

    /** The binding learn made last (for the UI's message). */
    std::optional<MidiBinding> getLastLearned() const noexcept { return lastLearned; }

    //==============================================================================
    // LED feedback
    using MessageSink = MidiLedFeedback::MessageSink;

    /** Where feedback goes instead of a MIDI output (tests). */
    void setFeedbackSink (MessageSink sink);

    /** Sends what changed since the last call (all of it after a mapping or output change). */
    void updateFeedback();

    /** The value a pad's LED should show now: while a quantized start or stop waits, the mapping's
        `queued` value (flashing with the beat heard, when the mapping asks PadDeck to flash it). */
    int feedbackValueFor (int padIndex) const;

    //==============================================================================
    // Devices (only with a device manager or ports of a test's own)
    juce::Array<juce::MidiDeviceInfo> getInputs() const;
    bool isInputEnabled (const juce::String& identifier) const;
    void setInputEnabled (const juce::String& identifier, bool enabled);

    juce::Array<juce::MidiDeviceInfo> getOutputs() const;
    juce::String getFeedbackOutput() const { return feedbackOutputId; }
    void setFeedbackOutput (const juce::String& identifier); // empty: none

    juce::int64 getMessagesHandled() const noexcept { return messagesHandled; }

private:
    void timerCallback() override;
    void learn (const juce::MidiMessage& message);
    void mappingEdited();
    void mappingChanged();
    void openFeedbackOutput();
    juce::String findFeedbackOutput() const;

    Session& session;
    Settings* settings;
    juce::AudioDeviceManager* audioDevices = nullptr; // for the heard beat's latency; may be null
    std::unique_ptr<MidiDevices> ports;               // null: no MIDI device is opened

    bool learning = false;
    std::optional<MidiTarget> learnTarget;
    std::optional<MidiBinding> lastLearned;

    MidiControls controls;

    MidiLedFeedback feedback;
    juce::String feedbackOutputId, feedbackOutputName; // the name finds it again under a new id

    juce::StringArray knownInputs;
    juce::int64 messagesHandled = 0;
    int ticks = 0;
};

} // namespace paddeck
