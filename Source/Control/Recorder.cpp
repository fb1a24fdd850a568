#include "Control/Recorder.h"

#include "Model/Settings.h"

namespace paddeck
{

static constexpr const char* folderKey = "recordingsFolder";
static constexpr const char* firstHitKey = "recordFromFirstHit";

Recorder::Recorder (AudioEngine& e, Settings* s)
    : engine (e)
    , settings (s)
    , writer (e.getRecordingTap().getRing())
{
}

Recorder::~Recorder() { stop(); }

juce::File Recorder::getFolder() const
{
    const auto stored = settings != nullptr ? settings->properties().getValue (folderKey) : juce::String();
    if (juce::File::isAbsolutePath (stored))
        return juce::File (stored);
    return juce::File::getSpecialLocation (juce::File::userHomeDirectory).getChildFile ("Music/PadDeck");
}

void Recorder::setFolder (const juce::File& folder)
{
    if (settings != nullptr)
        settings->properties().setValue (folderKey, folder.getFullPathName());
}

bool Recorder::recordsFromFirstHit() const
{
    return settings != nullptr && settings->properties().getBoolValue (firstHitKey, false);
}

void Recorder::setRecordsFromFirstHit (bool on)
{
    if (settings != nullptr)
        settings->properties().setValue (firstHitKey, on);
}

juce::File Recorder::nameFor (const juce::File& folder, juce::Time when)
{
    const auto stem = when.formatted ("%Y-%m-%d %H-%M-%S");
    auto file = folder.getChildFile (stem + ".wav");
    for (int n = 2; file.exists(); ++n)
        file = folder.getChildFile (stem + " " + juce::String (n) + ".wav");
    return file;
}

juce::Result Recorder::begin (double sampleRate, RecordingTap::Mode mode)
{
    stop();
    rate = sampleRate > 0.0 ? sampleRate : 48000.0;
    const auto folder = getFolder();
    if (!folder.createDirectory())
        return juce::Result::fail ("Cannot create the recordings folder " + folder.getFullPathName() + ".");
    // A rate change from before this recording is not this recording's.
    double staleRate = 0.0;
    engine.getRecordingTap().takeRateChange (staleRate);
    if (auto r = writer.start (nameFor (folder, juce::Time::getCurrentTime()), rate); r.failed())
        return r;
    droppedAtStart = engine.getRecordingTap().getRing().getDroppedFrames();
    engine.getRecordingTap().setMode (mode);
    return juce::Result::ok();
}

juce::Result Recorder::start (double sampleRate) { return begin (sampleRate, RecordingTap::Mode::recording); }

juce::Result Recorder::arm (double sampleRate) { return begin (sampleRate, RecordingTap::Mode::armed); }

void Recorder::stop()
{
    // The tap first: the writer then takes everything the audio thread gave, in the file of its
    // rate when the rate changed just before.
    engine.getRecordingTap().setMode (RecordingTap::Mode::off);
    followRateChange();
    writer.stop();
}

juce::String Recorder::followRateChange()
{
    auto& tap = engine.getRecordingTap();
    double newRate = 0.0;
    if (!writer.isWriting() || !tap.takeRateChange (newRate) || newRate <= 0.0)
        return {};

    const auto before = writer.getFile();
    const auto next = nameFor (getFolder(), juce::Time::getCurrentTime());
    writer.continueInto (next, newRate);
    rate = newRate;
    if (writer.getFramesWritten() == 0 && tap.getRing().getQueuedFrames() == 0)
        return {}; // armed, nothing recorded yet: nothing to tell
    const auto message = "The device now runs at " + juce::String (newRate / 1000.0, 1)
                         + " kHz: the recording goes on in " + next.getFileName() + " (until then it is in "
                         + before.getFileName() + ").";
    juce::Logger::writeToLog (message);
    return message;
}

bool Recorder::isRecording() const noexcept
{
    return writer.isWriting() && engine.getRecordingTap().getMode() == RecordingTap::Mode::recording;
}

bool Recorder::isArmed() const noexcept
{
    return writer.isWriting() && engine.getRecordingTap().getMode() == RecordingTap::Mode::armed;
}

double Recorder::getElapsedSeconds() const noexcept
{
    return writer.getSecondsBeforeFile()
           + (double) (writer.getFramesWritten() + engine.getRecordingTap().getRing().getQueuedFrames())
                 / rate;
}

double Recorder::getLostSeconds() const noexcept
{
    return (double) (engine.getRecordingTap().getRing().getDroppedFrames() - droppedAtStart) / rate;
}

juce::String Recorder::poll()
{
    if (const auto message = followRateChange(); message.isNotEmpty())
        return message;

    if (!writer.hasFailed() || engine.getRecordingTap().getMode() == RecordingTap::Mode::off)
        return {};

    engine.getRecordingTap().setMode (RecordingTap::Mode::off);
    const auto kept = writer.getFramesWritten() / rate;
    const auto message = "Recording stopped: " + writer.getError() + ". The first " + juce::String (kept, 1)
                         + " s are saved in " + writer.getFile().getFileName() + ".";
    writer.stop();
    juce::Logger::writeToLog (message);
    return message;
}

} // namespace paddeck
