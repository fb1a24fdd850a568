#pragma once

#include "Dsp/KeyLockPool.h"
#include "Engine/ControlEvent.h"
#include "Engine/EngineCommand.h"
#include "Engine/EngineMeters.h"
#include "Engine/EngineSnapshot.h"
#include "Engine/HeadlessProcessor.h"
#include "Engine/Nonblocking.h"
#include "Engine/SnapshotExchange.h"
#include "Engine/SpscQueue.h"
#include "Engine/Voice.h"

namespace paddeck
{

/** The graph node that plays pads: a fixed pool of voices, triggered by MIDI notes and by
    commands from the message thread, each applied at its exact sample offset in the block. */
class PadEngine : public HeadlessProcessor
{
public:
    using CommandQueue = SpscQueue<EngineCommand, 1024>;
    using ControlQueue = SpscQueue<ControlEvent, 8192>;

    PadEngine (SnapshotExchange<EngineSnapshot>& snapshots, CommandQueue& commands, ControlQueue& controls,
               EngineMeters& meters, StreamingThread& streaming, KeyLockPool& keyLock, int voiceCount = 128);

    const juce::String getName() const override { return "PadEngine"; }
    bool acceptsMidi() const override { return true; }

    ~PadEngine() override;

    void prepareToPlay (double sampleRate, int maxBlockSize) override; // [message]
    void processBlock (juce::AudioBuffer<float>&, juce::MidiBuffer&) PADDECK_NONBLOCKING override; // [audio]

    int getVoiceCount() const noexcept { return voiceCount; }

    /** Extra voices beyond the pool that let a stolen voice fade out while its successor starts. */
    static constexpr int fadeReserve = 16;

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
    void apply (const EngineCommand&, const EngineSnapshot*) noexcept;
    void press (int pad, float velocity, const EngineSnapshot*) noexcept;
    void releasePad (int pad) noexcept;
    void startVoice (int pad, const PadSnapshot&, float velocity) noexcept;
    Voice* findVoiceToUse() noexcept;
    KeyLockVoice* findFreeKeyLockVoice() const noexcept;
    bool isPadSounding (int pad) const noexcept;
    void renderVoices (const EngineSnapshot*, float* left, float* right, int numFrames) noexcept;
    void publishMeters() noexcept;
    void stopKeyLockWorkers(); // [message, audio stopped] before voices go: workers read their sources

    SnapshotExchange<EngineSnapshot>& snapshots;
    CommandQueue& commands;
    ControlQueue& controls; // audio → message: MIDI for the mapping's controls and learn, bank changes
    EngineMeters& meters;
    StreamingThread& streaming;
    KeyLockPool& keyLock;
    const int voiceCount;

    std::vector<std::unique_ptr<Voice>> voices; // sized in prepare
    std::vector<Event> events;                  // capacity fixed in prepare
    juce::uint64 nextOrder = 1;

    // audio only: the bank mapped pads play from (see EngineSnapshot::engineBankChangesSeen)
    int bank = 0;
    juce::uint32 bankChanges = 0;
};

} // namespace paddeck
