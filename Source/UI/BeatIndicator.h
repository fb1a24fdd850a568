#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** Where the music is: the bar and beat ("12.3") and a light for every beat of the bar, the
    current one lit (the downbeat larger and in the accent colour), flashing brighter as each beat
    begins. It moves on the beat the performer hears (see AudibleBeat); it repaints only when what
    it shows changes. [message] */
class BeatIndicator : public juce::Component
{
public:
    BeatIndicator();

    /** The beat heard now and the bar's length; the main window calls it at 30 Hz. */
    void setBeat (double beat, int beatsPerBar);

    juce::String getBarAndBeatText() const;
    int getLitBeat() const noexcept { return litBeat; } // 0 = the downbeat
    int getBeatsPerBar() const noexcept { return beatsPerBar; }
    bool isFlashing() const noexcept { return flash; }

    void paint (juce::Graphics&) override;

    static constexpr double flashBeats = 0.2; // how long a light flashes as its beat begins

private:
    juce::int64 wholeBeat = 0;
    int beatsPerBar = 4, litBeat = 0;
    bool flash = false;
};

} // namespace paddeck
