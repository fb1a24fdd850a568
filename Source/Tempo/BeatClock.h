#pragma once

#include <cstdint>

namespace paddeck
{

/** Which beat each sample of the output timeline falls on, at the master tempo.

    The clock is an anchor (a sample and the beat it falls on) and a tempo: every position is
    computed from them, never accumulated sample by sample, so nothing that reads the clock can
    drift, however long it runs. A tempo change takes effect at a given sample and keeps the beat
    position continuous there. Bars are counted from beat 0.

    A plain value: the audio thread owns the engine's clock and changes it only at a block start
    or an event's sample; copies may be read anywhere. Wait-free, no allocation. */
class BeatClock
{
public:
    static constexpr double minBpm = 20.0, maxBpm = 300.0;
    static constexpr int maxBeatsPerBar = 16;

    BeatClock (double sampleRate = 48000.0, double bpm = 120.0, int beatsPerBar = 4) noexcept;

    /** Restarts the timeline at sample 0 = beat 0 (a new device rate, or a fresh render). */
    void reset (double sampleRate) noexcept;

    /** The tempo from `atSample` on; the beat at that sample stays where it was. */
    void setTempo (double bpm, std::int64_t atSample) noexcept;
    void setBeatsPerBar (int beats) noexcept;

    /** Follows an outside clock (Link, MIDI clock in) from `atSample`: its tempo, and there the
        beat nearest the one this clock has whose phase in a cycle of `quantum` beats is the
        outside `beat`'s. So bars (quantum = beats per bar) or beats (quantum = 1) line up with
        the outside world's, while the count goes on from where it was: a clock in step moves by
        a rounding error, one that joins late by at most half a cycle. quantum <= 0 follows the
        tempo only. */
    void follow (double bpm, double beat, double quantum, std::int64_t atSample) noexcept;

    double getBpm() const noexcept { return bpm; }
    int getBeatsPerBar() const noexcept { return beatsPerBar; }
    double getSampleRate() const noexcept { return sampleRate; }
    double getFramesPerBeat() const noexcept { return framesPerBeat; }

    /** The beat (fractional) at a sample at or after the last tempo change. */
    double beatAt (std::int64_t sample) const noexcept;
    double beatAt (double sample) const noexcept;

    /** The instant (fractional sample) at which a beat falls, at the current tempo. */
    double instantOf (double beat) const noexcept;

    /** The first sample at or after the instant of `beat`: where something launched on that beat
        sounds. */
    std::int64_t sampleOf (double beat) const noexcept;

    /** The first sample at or after `from` that starts a step of `gridBeats` (0.25 = 1/16 note,
        1 = a beat, getBeatsPerBar() = a bar), steps counted from beat 0. `from` itself when it
        starts one. gridBeats <= 0 returns `from`. */
    std::int64_t nextBoundary (std::int64_t from, double gridBeats) const noexcept;

    /** The beat a step of `gridBeats` starts on, for the step nextBoundary (from) found. */
    double nextBoundaryBeat (std::int64_t from, double gridBeats) const noexcept;

    struct Position
    {
        std::int64_t bar = 0; // from 0
        int beat = 0;         // in the bar, from 0
        double phase = 0.0;   // in the beat, [0, 1)
    };
    Position positionAt (std::int64_t sample) const noexcept;

    /** The beat the current bar started on, at a sample. */
    double barStartBeat (std::int64_t sample) const noexcept;

    static double clampBpm (double bpm) noexcept;

private:
    double sampleRate = 48000.0, bpm = 120.0, framesPerBeat = 24000.0;
    int beatsPerBar = 4;
    std::int64_t anchorSample = 0;
    double anchorBeat = 0.0;
};

} // namespace paddeck
