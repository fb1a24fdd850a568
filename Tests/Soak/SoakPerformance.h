#pragma once

#include "Engine/AudioEngine.h"
#include "Streaming/SampleLoader.h"

#include <random>

namespace paddeck::soak
{

/** A seeded random performer on the message thread, playing the real engine as the app's
    Session and controllers would: pad hits in every play mode (MIDI notes and UI commands), knob
    moves (pitch, EQ, gain), bank changes, loads and clears, master tempo changes, on RAM, streamed
    and KeyLock pads, synced to the tempo or not, launched at once or quantized.
    The same seed gives the same sequence of actions. [message] */
class SoakPerformance
{
public:
    SoakPerformance (AudioEngine& engine, const juce::File& materialFolder, std::uint32_t seed);
    ~SoakPerformance();

    /** Writes the files the pads load (short RAM ones, a long one over the stream threshold). */
    static void writeMaterial (const juce::File& folder);

    /** Loads every pad (each always with the same file, in random settings). */
    void loadAll();
    bool isLoading() const noexcept { return loader.getNumPending() > 0; }

    /** The first part of the warm-up: every voice of the engine streams at once for a while, the
        first 16 keylocked, at +24 and then at -24 semitones. Voices' ring buffers are calloc'ed, so their
       pages become resident only when first filled: RSS measured before every voice had played would count
       them as growth. Pumps the message loop itself. */
    void warmUpEveryVoice (int voices);

    /** One random action; the soak calls it every few milliseconds of device time. */
    void step();

    /** Stops everything and empties the pads, then waits for loads to finish. */
    void finish();

    struct Counts
    {
        juce::int64 hits = 0, releases = 0, knobMoves = 0, bankChanges = 0, loads = 0, clears = 0,
                    loadErrors = 0, stopAlls = 0, tempoChanges = 0;
    };
    const Counts& getCounts() const noexcept { return counts; }

    static constexpr int banks = 4, padsPerBank = 16;

private:
    struct Pad
    {
        Sample::Ptr sample;
        std::shared_ptr<const KeyLockPrime> prime;
        PadSettings settings;
        bool held = false;
    };

    void hit();
    void release();
    void moveKnob();
    void changeBank();
    void load();
    void loadPad (int index);
    void clear();
    void stopAll();
    void changeTempo();
    std::shared_ptr<const KeyLockPrime> makePrime (const Pad& pad) const; // at the master tempo
    void setPrime (Pad& pad, std::shared_ptr<const KeyLockPrime> prime);

    void loaded (int pad, const LoadResult& result);
    void publish();
    int randomInt (int upTo) { return std::uniform_int_distribution<int> (0, upTo - 1) (random); }

    AudioEngine& engine;
    SampleLoader loader;
    juce::Array<juce::File> material;
    std::vector<Pad> pads;
    int bank = 0;
    double tempoBpm = 120.0; // the master tempo
    Counts counts;
    std::mt19937 random;
};

} // namespace paddeck::soak
