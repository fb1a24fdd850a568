#include "Control/OfflineRenderer.h"

#include "Control/MidiController.h"
#include "Control/Session.h"
#include "Engine/MidiPerformance.h"

namespace paddeck
{

static juce::Result waitForLoads (Session& session)
{
    const auto deadline = juce::Time::getMillisecondCounterHiRes() + 120000.0;
    while (!session.isIdle())
    {
        if (juce::Time::getMillisecondCounterHiRes() > deadline)
            return juce::Result::fail ("Loading the set's samples took longer than two minutes.");
        juce::MessageManager::getInstance()->runDispatchLoopUntil (5);
    }

    juce::StringArray problems;
    for (int i = 0; i < session.getNumPads(); ++i)
    {
        const auto& status = session.getPadStatus (i);
        if (status.state == Session::PadState::missing || status.state == Session::PadState::error)
            problems.add ("  pad " + juce::String (i % session.getPadsPerBank() + 1) + " of bank "
                          + juce::String (i / session.getPadsPerBank() + 1) + ": " + status.message);
    }

    if (!problems.isEmpty())
        return juce::Result::fail ("The set's samples could not all be loaded:\n"
                                   + problems.joinIntoString ("\n"));
    return juce::Result::ok();
}

juce::Result OfflineRenderer::render (const Options& options, Report* report)
{
    if (options.sampleRate < 8000.0 || options.sampleRate > 384000.0)
        return juce::Result::fail ("--rate must be between 8000 and 384000.");
    if (options.blockSize < 1 || options.blockSize > 8192)
        return juce::Result::fail ("--block must be between 1 and 8192.");

    juce::ValueTree set;
    if (auto r = SetFile::load (options.set, set); r.failed())
        return r;

    MidiPerformance performance;
    if (auto r = performance.load (options.midi, options.sampleRate); r.failed())
        return r;

    // One thread: the voices are mixed in the same order every run, so renders repeat byte for byte.
    AudioEngine::Options engineOptions;
    engineOptions.voiceThreads.workers = 0;
    AudioEngine engine (engineOptions);
    // Offline, nothing streams: every frame is in RAM, so no block can miss and runs repeat exactly.
    LoadOptions loadOptions;
    loadOptions.engineRate = options.sampleRate;
    loadOptions.streamThresholdBytes = std::numeric_limits<juce::int64>::max();
    SampleLoader loader (loadOptions);
    Session session (engine, loader);
    MidiController midi (session); // the set's mapping: knobs, kills and banks between blocks
    session.setEngineSampleRate (options.sampleRate);
    session.setSet (set, options.set);

    if (auto r = waitForLoads (session); r.failed())
        return r;

    options.out.getParentDirectory().createDirectory();
    juce::TemporaryFile temp (options.out);
    {
        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatWriter> writer (wav.createWriterFor (
            new juce::FileOutputStream (temp.getFile()), options.sampleRate, 2, 32, {}, 0));
        if (writer == nullptr)
            return juce::Result::fail ("Cannot write " + options.out.getFullPathName());

        engine.prepare (options.sampleRate, options.blockSize);
        session.publishNow();

        juce::AudioBuffer<float> buffer (2, options.blockSize);
        juce::MidiBuffer midiBlock;
        const auto lastEvent = performance.getLastEventFrame();
        const auto tailLimit = lastEvent + (juce::int64) (options.maxTailSeconds * options.sampleRate);
        juce::int64 position = 0;

        while (true)
        {
            midiBlock.clear();
            performance.fillBlock (position, options.blockSize, midiBlock);
            if (!engine.waitForKeyLock (options.blockSize))
                return juce::Result::fail ("KeyLock could not keep up even offline (a worker stalled).");
            engine.renderBlock (buffer, midiBlock);
            if (midi.processPending() > 0)
            {
                // A mapped knob moved: it applies from the next block. Wait for a KeyLock pad's new
                // pitched start, so the render is the same every time.
                if (auto r = waitForLoads (session); r.failed())
                    return r;
                session.publishNow();
            }

            if (!writer->writeFromAudioSampleBuffer (buffer, 0, options.blockSize))
                return juce::Result::fail ("Writing " + options.out.getFullPathName()
                                           + " failed (disk full?).");

            position += options.blockSize;
            const bool silent = engine.getMeters().activeVoices.load() == 0;
            if ((position > lastEvent && silent) || position >= tailLimit)
                break;
        }

        if (report != nullptr)
            *report = { position, performance.getNumEvents(), session.getNumPads() };
    }

    if (!temp.overwriteTargetFileWithTemporary())
        return juce::Result::fail ("Cannot replace " + options.out.getFullPathName());
    return juce::Result::ok();
}

} // namespace paddeck
