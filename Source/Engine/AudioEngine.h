#pragma once

#include "Engine/DirectRenderChain.h"
#include "Engine/GraphDeviceCallback.h"
#include "Engine/MasterBus.h"
#include "Engine/PadEngine.h"
#include "Streaming/SampleGarbage.h"
#include "Streaming/StreamingThread.h"

namespace paddeck
{

/** The audio graph — MIDI in → PadEngine → MasterBus → audio out, and CueBus → outputs 3/4 when
    the device has them — with the channels into it:
    snapshots from the model, commands from the UI, meters back out. The same object plays live
    (through getDeviceCallback()) and offline (renderBlock). [message] unless noted. */
class AudioEngine
{
public:
    struct Options
    {
        int voices = 128;
        KeyLockPool::Settings keyLock;    // its sampleRate follows prepare()
        VoiceMixer::Threads voiceThreads; // voice workers beside the audio thread (offline: none)
    };

    explicit AudioEngine (int voiceCount = 128);
    explicit AudioEngine (const Options& options);
    ~AudioEngine();

    /** Offline use: prepares the graph for rendering blocks by hand. */
    void prepare (double sampleRate, int maxBlockSize);

    /** [offline thread, between blocks] Waits (up to timeoutMs) until every playing KeyLock voice
        has its next numFrames rendered, so an offline render never misses and repeats exactly. */
    bool waitForKeyLock (int numFrames, int timeoutMs = 10000);

    /** [offline thread] Renders one block through the graph, MIDI events at their offsets. */
    void renderBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) PADDECK_NONBLOCKING;

    void publish (std::unique_ptr<EngineSnapshot> snapshot) { snapshots.publish (std::move (snapshot)); }
    bool send (const EngineCommand& command); // false when the queue is full (counted)
    /** [message] Frees the snapshots the audio thread has let go of, then the retired KeyLock primes
        no snapshot holds and no voice reads any more (KeyLockPool::retire). */
    void collectGarbage()
    {
        snapshots.collectGarbage();
        keyLock.freeRetiredPrimes();
    }

    /** Plays the graph on a device; also the MIDI inputs' callback. */
    GraphDeviceCallback& getDeviceCallback() noexcept { return player; }
    juce::AudioProcessorGraph& getGraph() noexcept { return graph; }
    EngineMeters& getMeters() noexcept { return meters; }

    /** [message] MIDI the mapping's message-thread controls and MIDI learn need, and the bank
        changes the engine made; taken by MidiController. */
    PadEngine::ControlQueue& getControlEvents() noexcept { return controls; }
    const PadEngine& getPadEngine() const noexcept { return *padEngine; }
    PadEngine& getPadEngine() noexcept { return *padEngine; }
    /** [message, before playback or with the audio stopped] See PadEngine::setExternalClock. */
    void setExternalClock (ExternalClock* source) noexcept { padEngine->setExternalClock (source); }
    StreamingThread& getStreamingThread() noexcept { return streaming; }
    KeyLockPool& getKeyLockPool() noexcept { return keyLock; }
    RecordingTap& getRecordingTap() noexcept { return recording; }

    /** Every sample the engine may play is kept here; it is freed off the audio thread once
        nothing refers to it and no voice plays it. */
    void keepSample (Sample::Ptr sample) { garbage.adopt (std::move (sample)); }

private:
    StreamingThread streaming; // before the graph: the voices' readers register with it
    KeyLockPool keyLock;       // likewise: the voices' KeyLock workers outlive the voices
    SampleGarbage garbage{ streaming };
    SnapshotExchange<EngineSnapshot> snapshots;
    PadEngine::CommandQueue commands;
    PadEngine::ControlQueue controls;
    EngineMeters meters;
    RecordingTap recording;
    CueBus cue{ snapshots, meters };
    juce::AudioProcessorGraph graph;
    PadEngine* padEngine = nullptr;   // owned by the graph
    DirectRenderChain chain{ graph }; // what the audio thread runs: the graph's nodes, without its locks
    GraphDeviceCallback player{ chain };
};

} // namespace paddeck
