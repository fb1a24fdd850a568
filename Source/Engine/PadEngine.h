#pragma once

#include "Dsp/KeyLockPool.h"
#include "Dsp/MetronomeClick.h"
#include "Engine/ControlEvent.h"
#include "Engine/EngineCommand.h"
#include "Engine/EngineMeters.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/ExternalClock.h"
#include "Engine/HeadlessProcessor.h"
#include "Engine/Nonblocking.h"
#include "Engine/SnapshotExchange.h"
#include "Engine/SpscQueue.h"
#include "Engine/VoiceMixer.h"
#include "Tempo/BeatClock.h"
#include "Tempo/LaunchQueue.h"

namespace paddeck
{

/** The graph node that plays pads: a fixed pool of voices, triggered by MIDI notes and by
    commands from the message thread, each applied at its exact sample offset in the block.

    A block applies every event first — a voice starts or starts its release fade at the event's
    sample — and then renders each voice once for the whole block (VoiceMixer: in banks of eight,
    on the audio thread and the voice workers).

    It owns the beat clock: the master tempo follows the snapshot at each block's start, and a
    quantized hit waits in the launch queue until the sample its grid step starts on. */
class PadEngine : public HeadlessProcessor
{
public:
    using CommandQueue = SpscQueue<EngineCommand, 1024>;
    using ControlQueue = SpscQueue<ControlEvent, 8192>;

    PadEngine (SnapshotExchange<EngineSnapshot>& snapshots, CommandQueue& commands, ControlQueue& controls,
               EngineMeters& meters, StreamingThread& streaming, KeyLockPool& keyLock, int voiceCount = 128,
               VoiceMixer::Threads voiceThreads = {});

    const juce::String getName() const override { return "PadEngine"; }
    bool acceptsMidi() const override { return true; }

    ~PadEngine() override;

    void prepareToPlay (double sampleRate, int maxBlockSize) override; // [message]
    void processBlock (juce::AudioBuffer<float>&, juce::MidiBuffer&) PADDECK_NONBLOCKING override; // [audio]

    int getVoiceCount() const noexcept { return voiceCount; }

    /** Extra voices beyond the pool that let a stolen voice fade out while its successor starts. */
    static constexpr int fadeReserve = 16;

    /** A nudge runs the clock this much faster or slower while it is held. */
    static constexpr double nudgeAmount = 0.02;
    static constexpr float metronomeGain = 0.35f;

    /** [audio, or a test between blocks] The engine's beat clock and where its next block starts. */
    const BeatClock& getClock() const noexcept { return clock; }
    std::int64_t getNextBlockSample() const noexcept { return blockStart; }

    /** [message, before playback or with the audio stopped] The outside clock the beat clock
        follows and tells its beats to (Sync/), or null. It must outlive its use by the engine. */
    void setExternalClock (ExternalClock* source) noexcept { externalClock.store (source); }

    /** [audio, or a test between blocks] For tests: a pad's sounding voice, if any. */
    const Voice* findVoice (int pad) const noexcept;

    /** For tests: the worker stall hook and the workers' threads. */
    VoiceMixer& getVoiceMixer() noexcept { return mixer; }

private:
    struct Event
    {
        int offset;
        EngineCommand command;
    };

    void gatherEvents (juce::MidiBuffer& midi, int numFrames, const EngineSnapshot* snapshot) noexcept;
    void mapMidi (const juce::MidiMessage&, int offset, const EngineSnapshot&) noexcept;
    void changeBank (int bank, const EngineSnapshot&) noexcept;
    void forward (const juce::MidiMessage&) noexcept;
    void apply (const EngineCommand&, int offset, const EngineSnapshot*) noexcept;
    void hit (int pad, float velocity, int offset, const EngineSnapshot*) noexcept;
    void fire (const LaunchQueue::Launch&, const EngineSnapshot*) noexcept;
    void followTempo (const EngineSnapshot*) noexcept;
    void followExternalClock (int numFrames) noexcept;
    void clickMetronome (int numFrames) noexcept;
    void press (int pad, float velocity, double launchBeat, int offset, const EngineSnapshot*) noexcept;
    void preview (int pad, float velocity, int offset, const EngineSnapshot*) noexcept;
    /** Releases the pad's voices in the master (previews false) or its previews (true). */
    void releasePad (int pad, bool previews = false) noexcept;
    Voice* startVoice (int pad, const PadSnapshot&, float velocity, Voice::Timing timing) noexcept;
    Voice* findVoiceToUse() noexcept;
    KeyLockVoice* findFreeKeyLockVoice() const noexcept;
    void lendKeyLockVoices() noexcept;
    bool isPadSounding (int pad, bool previews = false) const noexcept;
    void publishMeters() noexcept;
    void stopKeyLockWorkers(); // [message, audio stopped] before voices go: workers read their sources

    SnapshotExchange<EngineSnapshot>& snapshots;
    CommandQueue& commands;
    ControlQueue& controls; // audio → message: MIDI for the mapping's controls and learn, bank changes
    EngineMeters& meters;
    StreamingThread& streaming;
    KeyLockPool& keyLock;
    const int voiceCount;
    const VoiceMixer::Threads voiceThreads;

    VoiceMixer mixer{ meters };
    std::vector<Voice*> voices; // all of the mixer's, in order: sized in prepare
    std::vector<Event> events;  // capacity fixed in prepare
    juce::uint64 nextOrder = 1;

    // audio only: the bank mapped pads play from (see EngineSnapshot::engineBankChangesSeen)
    int bank = 0;
    juce::uint32 bankChanges = 0;

    // audio only: the timeline
    BeatClock clock;
    double sampleRate = 48000.0;
    std::int64_t blockStart = 0; // timeline sample of this block's first frame
    std::int64_t now = 0;        // timeline sample of the event being applied
    int nudgeDirection = 0;
    LaunchQueue launches;
    std::atomic<ExternalClock*> externalClock{ nullptr };
    MetronomeClick metronome;
    bool metronomeOn = false;
    bool cueLive = false;     // this block has a cue bus (the buffer's channels 2/3)
    bool previewHeld = false; // a mapped cue-preview button is held: mapped pad triggers preview
};

} // namespace paddeck
