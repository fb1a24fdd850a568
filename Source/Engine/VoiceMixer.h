#pragma once

#include "Engine/EngineMeters.h"
#include "Engine/VoiceBank.h"
#include "Engine/VoiceWorker.h"

#include <memory>
#include <vector>

namespace paddeck
{

/** Renders the engine's voices, in banks of eight (VoiceBank), on the audio thread and on a voice
    worker per extra core, and mixes them into the block.

    Each block, the banks that play are listed and the workers woken. Every thread, the audio
    thread included, claims the next unrendered bank from one shared counter until none is left,
    so whoever is free takes the next small batch (8 voices) and a slow thread is simply
    overtaken. Each bank is mixed into buffers of its own, written only by the thread that claimed
    it; the audio thread adds them into the block in bank order, so the mix is the same whichever
    thread rendered what (bit for bit), and a bank that misses the deadline can be left out alone.

    The join is bounded. The audio thread renders whatever nobody has claimed, then waits for the
    banks workers have claimed only until the deadline (a fraction of the block's period). A bank
    still being rendered then is dropped from this block, counted (EngineMeters::voiceWorkerStalls)
    and *held*: its late worker still owns its voices, so until it hands the bank back the audio
    thread does not start, retire, meter or render them, keeps the same snapshot (the worker reads
    it), and wakes no worker (the job the late one reads stays as it is); it renders every other
    bank itself. Waiting longer instead would let one stalled thread take the whole callback past
    its period; re-rendering the late bank is impossible (its voices are mid-render elsewhere).
    A release asked for meanwhile lands when the bank is back.

    Without workers (offline renders, or no real-time priority) voices are mixed straight into the
    block, voice after voice, as they always were: a render is byte-identical from run to run, and
    the threaded mix differs from it only by the order of additions (far below -120 dB). */
class VoiceMixer
{
public:
    struct Threads
    {
        static constexpr int automatic = -1;
        int workers = automatic;     // beside the audio thread; automatic: one per extra core
        int priority = 70;           // SCHED_FIFO, like a device's callback thread
        bool requireRealtime = true; // false: a worker refused real-time runs at normal priority (tests)
        /** When the audio thread stops waiting for workers, in periods of the block from its
            start: late enough that a worker's last bank (a few µs) is never given up in normal
            running, early enough to leave the master bus and the device most of the rest. */
        double joinDeadline = 0.7;
    };

    explicit VoiceMixer (EngineMeters& meters);
    ~VoiceMixer();

    /** [message, audio stopped] Sizes the banks for numVoices (rounded up to whole banks) and
        (re)starts the workers; logs how many threads render voices, and why only one if so. */
    void prepare (double sampleRate, int maxBlockSize, int numVoices, StreamingThread& streaming,
                  const Threads& threads);
    void stopWorkers();   // [message] returns once no worker renders (a held bank's included)
    void releaseVoices(); // [message, audio stopped] stops the workers, frees the banks

    int getNumVoices() const noexcept { return (int) banks.size() * VoiceBank::size; }
    Voice& getVoice (int index) noexcept
    {
        return banks[(size_t) (index / VoiceBank::size)]->getVoice (index % VoiceBank::size);
    }
    int getNumThreads() const noexcept { return 1 + (int) workers.size(); } // [any after prepare]
    double getJoinDeadline() const noexcept { return joinDeadline; }        // [any after prepare]

    /** [audio] First thing in a block: takes back the banks late workers have finished since. */
    void beginBlock() noexcept;
    /** [audio] A late worker still holds a bank: the engine keeps the snapshot it reads. */
    bool isHoldingBanks() const noexcept { return numHeld > 0; }

    /** [audio] Renders every playing voice for the block at blockStart and adds it into the mix
        (the cue mix too, when mix.cueLeft is set: see VoiceBank::render). deadlineTicks
        (juce::Time high-resolution ticks): when to stop waiting for workers. */
    void render (const EngineSnapshot* snapshot, const BeatClock& clock, std::int64_t blockStart,
                 const VoiceBank::Mix& mix, int numFrames, juce::int64 deadlineTicks) noexcept;

    // Test hooks: a stalled worker waits after claiming a bank, before rendering it.
    void setWorkersStalledForTest (bool stalled) noexcept { stallForTest.store (stalled); } // [any]
    int getWorkersStalledForTest() const noexcept { return stalledForTest.load(); }         // [any]
    std::vector<std::thread::id> getWorkerThreadIds() const;                                // [message]

private:
    /** One block's work as the workers read it: written by the audio thread only while no worker
        can be reading it (no bank held), before it publishes the claims word. */
    struct Job
    {
        std::uint64_t epoch = 0;
        const EngineSnapshot* snapshot = nullptr;
        BeatClock clock; // a copy: the engine's own moves on while a late worker still reads this
        std::int64_t blockStart = 0;
        int numFrames = 0;
        bool withCue = false;
        std::vector<int> banks; // capacity fixed in prepare
    };

    /** The epoch a bank was last rendered for, on a cache line of its own (the worker writes it,
        the audio thread polls it). */
    struct alignas (64) Finished
    {
        std::atomic<std::uint64_t> epoch{ 0 }; // 0: never (epochs start at 1 and never wrap)
    };

    static std::uint64_t claimsWord (std::uint64_t epoch, int count, int next) noexcept;
    bool claim (std::uint32_t forEpoch, int& index) noexcept;
    void renderShare (std::uint32_t forEpoch) noexcept; // [worker]
    void hold (int bank) noexcept;
    void addBank (int bank, const VoiceBank::Mix& mix, int numFrames) noexcept;

    EngineMeters& meters;
    std::vector<std::unique_ptr<VoiceBank>> banks;
    std::unique_ptr<Finished[]> finished;
    std::vector<std::unique_ptr<VoiceWorker>> workers;

    Job job;
    // the epoch's low 32 bits | banks in the job (16) | next bank to claim (16)
    std::atomic<std::uint64_t> claims{ 0 };

    // audio only
    std::uint64_t epoch = 0;
    double joinDeadline = Threads().joinDeadline;
    std::vector<int> playing;            // this block's banks, in order
    std::vector<char> renderedHere;      // per entry of `playing`
    std::vector<char> held;              // per bank
    std::vector<std::uint64_t> heldFrom; // per bank: the epoch its late worker renders
    int numHeld = 0;

    std::atomic<bool> stallForTest{ false }, stopping{ false };
    std::atomic<int> stalledForTest{ 0 };
};

} // namespace paddeck
