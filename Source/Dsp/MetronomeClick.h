#pragma once

namespace paddeck
{

/** The metronome's click: a short decaying tone, higher on a bar's first beat, started on an exact
    frame and added into a stereo mix. [audio] for trigger/render; no allocation. */
class MetronomeClick
{
public:
    static constexpr double clickSeconds = 0.03;

    void prepare (double sampleRate) noexcept; // [message]

    /** Starts a click at frame `offset` of the next render() call. */
    void trigger (int offset, bool accent) noexcept;

    /** Adds the click(s) sounding in these frames; `gain` is linear. */
    void render (float* left, float* right, int numFrames, float gain) noexcept;

private:
    double rate = 48000.0;
    int length = 1440;
    int position = -1; // frames into the click; < 0 silent
    int startOffset = 0;
    double phaseStep = 0.0;
};

} // namespace paddeck
