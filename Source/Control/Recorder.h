#pragma once

#include "Engine/AudioEngine.h"
#include "Streaming/RecordingWriter.h"

namespace paddeck
{

class Settings;

/** Records the master, as heard, to a WAV in the recordings folder (a setting; ~/Music/PadDeck by
    default), named by the date and time it started. The audio thread only copies into the
    engine's recording ring (Engine/RecordingTap); a writer thread writes the file and keeps it a
    valid WAV as it grows, so a crash or a power cut keeps all but the last second or so. A full
    disk stops the recording with a message and keeps what was written; the performance goes on.
    [message] only. */
class Recorder
{
public:
    Recorder (AudioEngine& engine, Settings* settings);
    ~Recorder();

    /** Starts recording now. */
    juce::Result start (double sampleRate);
    /** Starts recording on the first block in which a pad sounds. */
    juce::Result arm (double sampleRate);
    void stop();

    bool isRecording() const noexcept;
    bool isArmed() const noexcept;
    double getElapsedSeconds() const noexcept;
    juce::File getFile() const { return writer.getFile(); }

    /** Notices a writer that stopped (a full disk), or a device that changed its sample rate (the
        recording goes on, from exactly that frame, in a new file at the new rate); returns the
        message to show, once. Called on every screen refresh. */
    juce::String poll();

    /** Audio the writer could not keep up with (a disk too slow for 21 s), since the start. */
    double getLostSeconds() const noexcept;

    juce::File getFolder() const;
    void setFolder (const juce::File& folder);
    /** Arm a recording at every start, so a performance is never lost to a forgotten REC. */
    bool recordsFromFirstHit() const;
    void setRecordsFromFirstHit (bool);

    /** "2026-11-26 21-04-17.wav" (a second file in the same second gets " 2"). */
    static juce::File nameFor (const juce::File& folder, juce::Time when);

private:
    juce::Result begin (double sampleRate, RecordingTap::Mode mode);
    juce::String followRateChange(); // a new file at the device's new rate; the message to show

    AudioEngine& engine;
    Settings* settings;
    RecordingWriter writer;
    double rate = 48000.0;
    juce::int64 droppedAtStart = 0;
};

} // namespace paddeck
