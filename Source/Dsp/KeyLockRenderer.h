#pragma once

#include "Dsp/FrameSource.h"

#include <rubberband/RubberBandStretcher.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

namespace paddeck
{

enum class KeyLockEngine
{
    faster,           // Rubber Band R2; pitch may move while playing
    fasterFixedPitch, // R2 with OptionPitchHighSpeed: about twice the voices, but a pitch change
                      // while playing (above all across 0 semitones) can click
    finer,            // Rubber Band R3 (OptionEngineFiner): in tune, about 2.3x R2's CPU
    finerShortWindow  // R3 with OptionWindowShort: in tune, about R2's CPU, a crisper start
};

/** The realtime stretch every keylocked and synced pad plays through. Debian's Rubber Band 3.1.2
    R2 in realtime mode puts notes below about 1 kHz out of tune (a 110 Hz note moved -5 semitones
    comes out 66 cents sharp, a loop stretched 1.25x 51 cents sharp); R3 keeps them within
    0.2 cents and 0.5 dB (KeyLock.TheDefaultEngineKeepsNotesInTuneAndAtLevel). With its short
    window R3 costs what R2 does (17x and 25x realtime at +6 and -6 semitones, R2 15x and 27x, R3's
    standard window 7x and 12x) and starts 2 dB soft over its first 20 ms where the standard
    window is 6 dB soft. */
inline constexpr KeyLockEngine defaultKeyLockEngine = KeyLockEngine::finerShortWindow;

/** For logs and reports: "R2 faster", "R2 faster, fixed pitch", "R3 finer". */
inline const char* keyLockEngineName (KeyLockEngine engine) noexcept
{
    switch (engine)
    {
        case KeyLockEngine::faster:
            return "R2 faster";
        case KeyLockEngine::fasterFixedPitch:
            return "R2 faster, fixed pitch";
        case KeyLockEngine::finer:
            return "R3 finer";
        case KeyLockEngine::finerShortWindow:
            break;
    }
    return "R3 finer, short window";
}

/** One Rubber Band realtime stretcher, stereo, pitch and time ratio (a synced pad's tempo), with its start
    delay compensated: the input is padded with getPreferredStartPad() frames of silence and the
    first getStartDelay() output frames are dropped, so output frame 0 is source frame 0.

    Identical settings and input give identical output (Rubber Band is deterministic with
    threading off), which is what lets a KeyLockPrime hand over to a live renderer seamlessly.

    Not for the audio thread: Rubber Band allocates and its cost is bursty. Runs on a KeyLockPool
    worker, or wherever a prime is made. One thread at a time. */
class KeyLockRenderer
{
public:
    static constexpr int chunkFrames = 512; // input frames per Rubber Band process() call at most

    KeyLockRenderer (double sampleRate, KeyLockEngine engine); // allocates

    /** Restarts from source frame 0 at this pitch (2^(semitones/12)) and time ratio (output
        frames per input frame: for a synced pad, its own tempo ÷ the master's). Plays exactly as
        a fresh renderer would, whatever this one played before. Allocates when the pitch or time
        ratio moved while it last played (see movedSinceStart). */
    void start (double pitchRatio, double timeRatio = 1.0);

    /** Restarts at input frame `startFrame` of `source` (a cut: the pitch or tempo moved), pre-rolled
        with the preRollFrames real frames just before it, which `source` must deliver first; silence
        stands in for any the start pad needs beyond them, extra ones are skipped. Output frame 0 is
        input frame startFrame, as with start(): a start at frame 0 with no pre-roll is start().
        Reads the pre-roll from `source` at once. */
    void startAt (double pitchRatio, double timeRatio, FrameSource& source, int preRollFrames,
                  std::int64_t startFrame);

    struct Extents
    {
        int startPad = 0;     // the most pre-roll startAt() uses
        int inputLatency = 0; // the most input frames Rubber Band holds back (its start delay)
    };
    /** Both at pitches from -12 to +12 semitones and time ratios from minTimeRatio to 2, measured on
        throwaway stretchers: for sizing a KeyLockVoice's history. Allocates and locks: not for the
        audio thread. */
    static Extents measureExtents (double sampleRate, KeyLockEngine engine);
    static constexpr double minTimeRatio = 0.5; // the slowest tempo a cut's history is sized for

    /** The input frame (since the source's frame 0) that this run's output frame corresponds to:
        exact at time ratio 1, and kept per time-ratio segment when the ratio moves within a run. */
    double inputFrameFor (std::int64_t outputFrame) const noexcept;

    /** Applies from the next frames rendered; Rubber Band glides it (no click). */
    void setPitch (double pitchRatio);
    double getPitch() const noexcept { return pitch; }

    /** Applies from the next frames fed. */
    void setTimeRatio (double ratio);
    double getTimeRatio() const noexcept { return timeRatio; }

    /** Renders numFrames output frames, pulling the source as needed. Returns how many are the
        sample's own (as many as the source had, times the time ratio); the rest are zeroed. */
    int render (FrameSource& source, float* left, float* right, int numFrames);

    bool hasEnded() const noexcept { return sourceEnded && (delivered >= outputLength() || stretcherDone); }

    /** Frames processed per second of this thread's CPU time ÷ sample rate, for one voice
        rendering `seconds` of a noise-plus-tones signal at this pitch. */
    static double measureRealtimeFactor (double sampleRate, KeyLockEngine engine, double pitchRatio,
                                         double seconds = 5.0);

    static RubberBand::RubberBandStretcher::Options optionsFor (KeyLockEngine engine) noexcept;

private:
    void makeStretcher();
    int restart (double pitchRatio, double timeRatio); // returns the start pad to feed
    void feedSilence (int frames);
    void feed (FrameSource& source);
    std::int64_t outputLength() const noexcept { return (std::int64_t) std::llround (expectedOutput); }

    const double sampleRate;
    const KeyLockEngine engine;
    std::unique_ptr<RubberBand::RubberBandStretcher> stretcher;
    // Rubber Band 3.1's R2 resampler keeps, through reset(), the filter state it crossfaded from
    // when the pitch last moved, and starts its next run from it: a later hit's output would then
    // be shifted against a prime made by a fresh renderer, and the handover would click. An R2
    // renderer whose pitch or time ratio moved while playing is therefore rebuilt at its next
    // start (about 1 ms). R3 is never the same after reset() as a fresh stretcher, moved or not,
    // so an R3 renderer is rebuilt at every start (0.5 ms with its short window).
    bool movedSinceStart = false;
    std::vector<float> inL, inR, scratchL, scratchR; // in: a chunk and the frame read ahead
    double pitch = 1.0, timeRatio = 1.0;
    int toDiscard = 0;
    std::int64_t sourceFrames = 0, delivered = 0;
    double expectedOutput = 0.0; // the source's frames so far, each times the time ratio it was fed at

    // Where each time ratio of this run started, to map output frames back to input frames.
    struct Segment
    {
        double output = 0.0;
        std::int64_t input = 0;
        double ratio = 1.0;
    };
    static constexpr int maxSegments = 16;
    Segment segments[maxSegments];
    int numSegments = 0;
    std::int64_t firstInputFrame = 0;
    bool sourceEnded = false, finalGiven = false, stretcherDone = false;
    bool carried = false; // a frame read ahead of what was fed (see feed)
    float carriedL = 0.0f, carriedR = 0.0f;
};

} // namespace paddeck
