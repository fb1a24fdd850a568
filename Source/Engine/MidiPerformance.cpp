#include "Engine/MidiPerformance.h"

namespace paddeck
{

juce::Result MidiPerformance::load (const juce::File& file, double sampleRate)
{
    events.clear();
    lastEventFrame = 0;

    juce::FileInputStream in (file);
    if (!in.openedOk())
        return juce::Result::fail ("Cannot open the MIDI file " + file.getFullPathName() + ": "
                                   + in.getStatus().getErrorMessage());

    juce::MidiFile midi;
    int format = 0;
    if (!midi.readFrom (in, true, &format))
        return juce::Result::fail (file.getFullPathName()
                                   + " is not a Standard MIDI File (or it is damaged).");

    if (midi.getTimeFormat() <= 0)
        return juce::Result::fail (
            file.getFullPathName()
            + " uses SMPTE time, which PadDeck does not read; save it with a tempo map.");

    midi.convertTimestampTicksToSeconds();

    for (int t = 0; t < midi.getNumTracks(); ++t)
        for (const auto* holder : *midi.getTrack (t))
        {
            const auto& m = holder->message;
            if (m.isNoteOnOrOff() || m.isController() || m.isPitchWheel() || m.isAllNotesOff())
            {
                const auto frame = (juce::int64) std::llround (m.getTimeStamp() * sampleRate);
                events.push_back ({ frame, m });
                lastEventFrame = juce::jmax (lastEventFrame, frame);
            }
        }

    std::stable_sort (events.begin(), events.end(),
                      [] (const TimedEvent& a, const TimedEvent& b) { return a.frame < b.frame; });
    return juce::Result::ok();
}

void MidiPerformance::fillBlock (juce::int64 blockStart, int numFrames, juce::MidiBuffer& block) const
{
    auto it = std::lower_bound (events.begin(), events.end(), blockStart,
                                [] (const TimedEvent& e, juce::int64 frame) { return e.frame < frame; });

    for (; it != events.end() && it->frame < blockStart + numFrames; ++it)
        block.addEvent (it->message, (int) (it->frame - blockStart));
}

} // namespace paddeck
