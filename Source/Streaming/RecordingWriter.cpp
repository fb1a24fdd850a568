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
    secondsBefore = 0.0;
    rate = sampleRate;
    {
        const std::lock_guard<std::mutex> lock (errorLock);
        error.clear();
        currentFile = file;
        next.reset();
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

juce::File RecordingWriter::getFile() const
{
    const std::lock_guard<std::mutex> lock (errorLock);
    return currentFile;
}

void RecordingWriter::continueInto (const juce::File& nextFile, double nextRate)
{
    {
        const std::lock_guard<std::mutex> lock (errorLock);
        next = Continuation{ nextFile, nextRate };
    }
    notify();
}

bool RecordingWriter::switchFile()
{
    Continuation c;
    {
        const std::lock_guard<std::mutex> lock (errorLock);
        c = *next;
        next.reset();
    }
    const auto finished = recording.getFile();
    const auto finishedFrames = recording.getFramesWritten();
    recording.close();
    if (finishedFrames == 0)
        finished.deleteFile();
    secondsBefore = secondsBefore.load() + (double) finishedFrames / rate.load();

    written = 0;
    rate = c.rate;
    {
        const std::lock_guard<std::mutex> lock (errorLock);
        currentFile = c.file;
    }
    if (auto r = recording.open (c.file, c.rate); r.failed())
    {
        const std::lock_guard<std::mutex> lock (errorLock);
        error = r.getErrorMessage();
        return false;
    }
    return true;
}

bool RecordingWriter::drain()
{
    for (;;)
    {
        // The ring stops at a change of rate; past it once the next file is open.
        if (ring.isAtBoundary())
        {
            bool nextKnown = false;
            {
                const std::lock_guard<std::mutex> lock (errorLock);
                nextKnown = next.has_value();
            }
            if (!nextKnown)
                break;
            if (!switchFile())
                return false;
            ring.passBoundary();
            continue;
        }
        const int n = ring.read (left.data(), right.data(), chunkFrames);
        if (n <= 0)
            break;
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
        if (error.isEmpty())
            error = recording.getError();
        failed = true;
    }
}

} // namespace paddeck
