#include "Streaming/RecordingWriter.h"

namespace paddeck
{

static constexpr int chunkFrames = 8192;

RecordingWriter::RecordingWriter (FrameRing& r)
    : juce::Thread ("PadDeck recording writer")
    , ring (r)
    , left ((size_t) chunkFrames)
    , right ((size_t) chunkFrames)
    , interleaved ((size_t) chunkFrames * 2)
{
}

RecordingWriter::~RecordingWriter() { stop(); }

juce::Result RecordingWriter::start (const juce::File& file, double sampleRate)
{
    stop();
    failed = false;
    written = 0;
    {
        const std::lock_guard<std::mutex> lock (errorLock);
        error.clear();
    }
    if (auto r = recording.open (file, sampleRate); r.failed())
        return r;
    ring.clear();
    startThread (juce::Thread::Priority::normal);
    return juce::Result::ok();
}

void RecordingWriter::stop()
{
    if (isThreadRunning())
    {
        signalThreadShouldExit();
        notify();
        stopThread (-1); // it drains and closes: never killed halfway through a write
    }
    recording.close();
}

juce::String RecordingWriter::getError() const
{
    const std::lock_guard<std::mutex> lock (errorLock);
    return error;
}

bool RecordingWriter::drain()
{
    for (int n; (n = ring.read (left.data(), right.data(), chunkFrames)) > 0;)
    {
        for (int i = 0; i < n; ++i)
        {
            interleaved[(size_t) (2 * i)] = left[(size_t) i];
            interleaved[(size_t) (2 * i + 1)] = right[(size_t) i];
        }
        if (!recording.append (interleaved.data(), n))
            return false;
        written = recording.getFramesWritten();
    }
    return true;
}

void RecordingWriter::run()
{
    auto lastHeader = juce::Time::getMillisecondCounter(), lastSync = lastHeader;
    bool ok = true;

    while (ok && !threadShouldExit())
    {
        wait (20);
        ok = drain();
        const auto now = juce::Time::getMillisecondCounter();
        if (ok && now - lastHeader >= 250)
        {
            const bool sync = now - lastSync >= 1000;
            ok = recording.updateHeader (sync);
            lastHeader = now;
            if (sync)
                lastSync = now;
        }
    }

    if (ok)
        ok = drain(); // stopping: the last frames the audio thread gave
    if (!ok)
    {
        // A full disk or a lost folder: keep what is there, with a header that says so.
        recording.updateHeader (true);
        const std::lock_guard<std::mutex> lock (errorLock);
        error = recording.getError();
        failed = true;
    }
}

} // namespace paddeck
