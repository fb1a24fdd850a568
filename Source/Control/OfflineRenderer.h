#pragma once

#include <juce_core/juce_core.h>

namespace paddeck
{

/** `PadDeck --render SET --midi PERFORMANCE.mid --out OUT.wav`: plays a set from a Standard MIDI
    File through the same engine as live, block by block, as fast as the machine allows, and
    writes a 32-bit float WAV. Deterministic: the same inputs give the same file. Needs a JUCE
    message thread (the caller's). */
struct OfflineRenderer
{
    struct Options
    {
        juce::File set, midi, out;
        double sampleRate = 48000.0;
        int blockSize = 512;
        double maxTailSeconds = 30.0; // after the last MIDI event, render until silence or this
    };

    struct Report
    {
        juce::int64 frames = 0;
        int events = 0;
        int pads = 0;
    };

    static juce::Result render (const Options& options, Report* report = nullptr);
};

} // namespace paddeck
