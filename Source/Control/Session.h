#pragma once

#include "Control/PadMaterials.h"
#include "Control/PadSlicing.h"
#include "Control/SetHistory.h"
#include "Control/SnapshotCompiler.h"
#include "Engine/AudioEngine.h"
#include "Model/Identifiers.h"
#include "Model/MidiMapping.h"
#include "Model/SampleCollector.h"
#include "Model/SetFile.h"
#include "Streaming/SampleLoader.h"
#include "Tempo/TapTempo.h"

#include <juce_events/juce_events.h>

namespace paddeck
{

/** The performer's session on the message thread: the set (a ValueTree), the samples loaded for
    its pads, and the engine they play on. Any change to the set is compiled into a new engine
    snapshot; pad hits go to the engine as commands. UI, MIDI and the command line all go through
    here.

    Every edit of the set is a step of one undo history (SetHistory): the methods below that
    change the set make their own step, or join a gesture the UI began (a knob drag) or the moves
    of the same control just before (`continuingKey`: a MIDI knob turned, a wheel spun). What
    tempo analysis writes and the current bank are not edits. [message] only. */
class Session : public juce::ChangeBroadcaster, private juce::ValueTree::Listener, private juce::AsyncUpdater
{
public:
    using PadState = PadMaterials::PadState;
    using PadStatus = PadMaterials::PadStatus;

    Session (AudioEngine& engine, SampleLoader& loader);
    ~Session() override;

    /** Replaces the whole set and loads its files; the set counts as saved (see isDirty). */
    void setSet (juce::ValueTree newSet, const juce::File& setFile = {});
    juce::ValueTree& getSet() noexcept { return set; }

    /** Opens a set file. A malformed or newer set is refused with the reason, and the current set
        stays as it was. */
    juce::Result openSet (const juce::File& file);

    /** Saves the set durably (see DurableFile) and makes it the session's file. */
    juce::Result saveSet (const juce::File& file);

    struct CollectResult
    {
        juce::Result result = juce::Result::ok();
        SampleCollector::Report report;
        juce::File folder;
    };

    /** Save As with the samples collected into "<set name> Samples" beside the set file: the pads
        point at the copies (so the saved paths are relative) once the set is saved. Missing files
        are reported and left as they are. */
    CollectResult saveSetCollectingSamples (const juce::File& file);

    /** True when the set differs from its file: an edit made it so, and undoing back to the step
        it was saved at makes it clean again. The current bank is a view, not an edit (it is still
        saved). */
    bool isDirty() const noexcept { return !history.isAtSavedStep(); }
    /** Goes up with every change to the set, undo and redo included; the autosaver watches it. */
    juce::uint64 getChangeCount() const noexcept { return changeCount; }
    /** Marks the set as having unsaved changes (e.g. one recovered from an autosave). */
    void markUnsaved()
    {
        history.markUnsaved();
        ++changeCount;
        sendChangeMessage();
    }

    //==============================================================================
    // Undo: Ctrl+Z / Ctrl+Shift+Z and the header's buttons. Undoing a load gives the pad its old
    // file back; the sample it had is freed the usual way (the engine's garbage, once unplayed).
    bool canUndo() const { return history.canUndo(); }
    bool canRedo() const { return history.canRedo(); }
    juce::String getUndoDescription() const { return history.getUndoDescription(); }
    juce::String getRedoDescription() const { return history.getRedoDescription(); }
    bool undo();
    bool redo();
    /** A knob drag, from mouse-down to mouse-up, is one step. */
    void beginGesture() { history.beginGesture(); }
    void endGesture() { history.endGesture(); }
    SetHistory& getHistory() noexcept { return history; }

    /** The pad was Missing and `replacement` is its file: relinks it, then looks for the other
        missing pads' files where it was found (see MovedFileFinder) and relinks those too.
        Returns how many pads were relinked (0 if the pad was not missing or the file is not there). */
    int relinkMissing (int padIndex, const juce::File& replacement);
    juce::Array<int> getMissingPads() const { return materials.getMissingPads(); }

    /** Changes the grid (1…8 × 1…8) of every bank. Refused, with a message, when it would drop a
        pad that holds a sample: nothing a performer set up is lost. */
    juce::Result setGridSize (int rows, int columns);
    const juce::File& getSetFile() const noexcept { return setFile; }

    int getPadsPerBank() const;
    int getNumBanks() const { return set.getNumChildren(); }
    int getNumPads() const { return getNumBanks() * getPadsPerBank(); }
    int getCurrentBank() const;
    void setCurrentBank (int bank);
    int globalIndex (int bank, int pad) const { return bank * getPadsPerBank() + pad; }

    juce::ValueTree getPad (int index) const;
    /** "A3": the pad's bank and its number in the bank, as the undo steps name it. */
    juce::String padName (int index) const;
    PadSettings getPadSettings (int index) const { return PadSettings::fromValueTree (getPad (index)); }
    void setPadSettings (int index, const PadSettings& settings, const juce::String& continuingKey = {});
    /** One of a pad's settings, as the editor's controls change it (an undo step, see above). */
    void setPadProperty (int index, const juce::Identifier& property, const juce::var& value,
                         const juce::String& continuingKey = {});
    /** Empties a pad: its sample and every setting. */
    void clearPad (int index);
    const PadStatus& getPadStatus (int index) const { return materials.get (index); }

    /** Loads one file into a pad (empties the pad for an empty file). */
    void loadIntoPad (int index, const juce::File& file);

    /** Loads files into pads as one undo step (a drop: see PadDrop). */
    void loadIntoPads (const juce::Array<std::pair<int, juce::File>>& loads);

    /** Slice to pads: cuts the region the pad plays into at most `count` slices (equal parts, a
        beat each for a pad with a tempo, or at its onsets) and gives them, in order, to the pads
        after it in its bank, whatever those held: each plays its slice of the same file, once.
        One undo step. `done` gets the outcome: before this returns, except for onsets, which are
        found in the background (a second or so a minute of audio) and written when they are. */
    void slicePad (int index, SliceMode mode, int count, std::function<void (const juce::Result&)> done = {});
    /** The pads a slice of `index` would fill, in order: those after it in its bank, at most `count`. */
    juce::Array<int> getSliceTargets (int index, int count) const;

    void press (int index, float velocity = 1.0f);
    void release (int index);
    void stopAll();
    /** A hit heard in the cue only, never in the master (nothing when the device has no cue
        bus); its release lets go of a gate pad's preview. */
    void preview (int index, float velocity = 1.0f);
    void releasePreview (int index);
    /** While held (a mapped button), the mapping's pad triggers preview instead of hitting. */
    void holdPreview (bool held);

    /** A setting of the whole set (not a pad's) as one undo step named `what`. */
    void setSetProperty (const juce::Identifier& property, const juce::var& value, const juce::String& what,
                         const juce::String& continuingKey = {});

    /** The set's MIDI mapping; for a set that has none, the fallback (the user's mapping, or
        MidiMapping::standard()), which is written into the set when it is saved. */
    const MidiMapping& getMidiMapping() const noexcept { return midiMapping; }
    bool hasMidiMapping() const { return set.hasProperty (IDs::midiMapping); }
    /** Makes this the set's mapping, as an undo step named `what` (e.g. what learn bound). */
    void setMidiMapping (const MidiMapping& mapping, const juce::String& what = "MIDI mapping");
    void setFallbackMidiMapping (const MidiMapping& mapping);
    /** Runs when the set's mapping was changed by an edit, an undo or a redo (not by opening a set). */
    std::function<void()> onMidiMappingEdited;

    /** The engine's own bank changes (mapped bank buttons) that the model has taken in. */
    void setEngineBankChangesSeen (juce::uint32 count);

    void setMasterGainDb (double db);
    double getMasterGainDb() const;

    //==============================================================================
    // Tempo. The master tempo, beats per bar, global quantize and metronome are the set's; the
    // engine's beat clock follows them from its next block.
    double getMasterTempo() const;
    /** 20–300 BPM; anything else is refused with a message and changes nothing. */
    juce::Result setMasterTempo (double bpm);
    /** Tap tempo: from the second tap on, the master follows the taps. */
    void tapMasterTempo();
    /** While held, the clock runs a little faster (+1) or slower (−1); 0 lets go. Not saved. */
    void nudge (int direction);
    /** The master takes the pad's tempo; refused for a pad without one. */
    juce::Result takePadTempo (int padIndex);
    int getBeatsPerBar() const;
    void setBeatsPerBar (int beats);
    Quantize getGlobalQuantize() const;
    void setGlobalQuantize (Quantize quantize);
    bool isMetronomeOn() const;
    void setMetronome (bool on);

    /** A pad's tempo as the performer types it (0 = no tempo); 20–300 otherwise, or refused. */
    juce::Result setPadTempo (int padIndex, double bpm, const juce::String& source = "typed");
    /** Tap tempo for a pad (the taps of another pad start over). */
    void tapPadTempo (int padIndex);

    /** A loop's length in whole beats at its tempo (0 when it is not a whole number of beats, or
        has no tempo or no sample yet). */
    int getPadLengthInBeats (int padIndex) const;

    /** The device's rate: RAM samples are converted to it, so a change reloads them. */
    void setEngineSampleRate (double rate);
    double getEngineSampleRate() const noexcept { return materials.getEngineRate(); }

    /** Compiles and publishes the snapshot now instead of at the next message loop turn. */
    void publishNow();

    /** Marks pads whose streamed file was deleted or changed while it played; the UI calls it
        with its refresh. */
    void checkStreams();

    /** True when no pad is loading, no KeyLock prime is being made and no pad's onsets are being
        found for slicing. */
    bool isIdle() const { return materials.isIdle() && !slicing.isBusy(); }

    /** Rendered stretches of KeyLock pads (see PadStretches): off until enabled, as the app does
        with the user's cache; `--render` leaves them off, so it stays deterministic. */
    void enableStretchRenders (const StretchJobs::Options& options) { materials.enableStretches (options); }
    const PadStretches& getStretches() const noexcept { return materials.getStretches(); }
    PadStretches& getStretches() noexcept { return materials.getStretches(); }

    AudioEngine& getEngine() noexcept { return engine; }

private:
    void valueTreePropertyChanged (juce::ValueTree&, const juce::Identifier&) override;
    void valueTreeChildAdded (juce::ValueTree& parent, juce::ValueTree&) override
    {
        childrenChanged (parent);
    }
    void valueTreeChildRemoved (juce::ValueTree& parent, juce::ValueTree&, int) override
    {
        childrenChanged (parent);
    }
    void childrenChanged (const juce::ValueTree& parent)
    {
        structureChanged = structureChanged || parent == set;
        setChanged();
    }
    void valueTreeRedirected (juce::ValueTree&) override { triggerAsyncUpdate(); }
    void handleAsyncUpdate() override { publishNow(); }

    void setChanged();
    void rebuildMaterials();
    void afterUndoOrRedo();
    /** The undo manager for an edit of the set as one step (see SetHistory::step). */
    juce::UndoManager* edit (const juce::String& name, const juce::String& continuingKey = {})
    {
        return history.step (name, continuingKey);
    }
    void readMidiMapping();
    void takeAnalysedTempo (int padIndex, const TempoAnalysis& analysis);
    double snapToLength (int padIndex, double bpm) const;
    int indexOfPadTree (const juce::ValueTree& pad) const;
    juce::Result writeSlices (int index, const std::vector<Slicer::Slice>& slices);

    AudioEngine& engine;
    juce::ValueTree set;
    juce::File setFile;
    juce::uint64 changeCount = 0;
    SetHistory history;
    bool structureChanged = false; // banks replaced (a grid change, undone or redone): pads reload
    MidiMapping fallbackMapping = MidiMapping::standard();
    MidiMapping midiMapping = fallbackMapping; // parsed from the set's midiMapping property
    juce::uint32 engineBankChangesSeen = 0;
    TapTempo masterTaps, padTaps;
    int tappedPad = -1;
    bool writingDerivedValues = false; // analysis results: saved with the set, but not an edit
    bool writingSlices = false;        // the slices' pads load once they are all written
    PadMaterials materials;
    PadSlicing slicing; // after materials: destroyed (its onset search waited for) first
};

} // namespace paddeck
