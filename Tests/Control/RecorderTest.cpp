#include "Control/Recorder.h"
#include "Control/MidiController.h"
#include "Control/Session.h"
#include "Engine/AudioDeviceHost.h"
#include "Engine/MidiPerformance.h"
#include "Streaming/RecordingFile.h"
#include "Support/BackgroundProcess.h"
#include "Support/TempSettings.h"
#include "Support/TestAudio.h"
#include "Support/TestServers.h"

#include <gtest/gtest.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <csignal>
#include <regex>
#include <tuple>

namespace paddeck
{

/** A set of two pads and a performance of them, played by the engine block by block while the
    recorder records; and the same set rendered with --render. */
struct RecorderFixture : ::testing::Test
{
    static constexpr double rate = 48000.0;
    static constexpr int block = 256;

    void SetUp() override
    {
        test::writeWav (temp / "click.wav", rate, 1, 4800,
                        [] (juce::int64 i, int) { return i < 48 ? 0.5f : 0.0f; });
        test::writeWav (temp / "tone.wav", rate, 2, 24000, test::sine (330.0, rate));
        (temp / "set.paddeck").replaceWithText (R"({"format": "PadDeck set", "version": 2, "masterGainDb": -3,
            "banks": [{"name": "A", "pads": [{"index": 12, "file": "click.wav"}, {"index": 13, "file": "tone.wav", "semitones": 5}]}]})");
        juce::MidiMessageSequence track;
        track.addEvent (juce::MidiMessage::tempoMetaEvent (500000), 0);
        for (int beat = 1; beat < 6; ++beat)
            track.addEvent (juce::MidiMessage::noteOn (1, 36 + beat % 2, (juce::uint8) 127), beat * 960 + 13);
        juce::MidiFile midi;
        midi.setTicksPerQuarterNote (960);
        midi.addTrack (track);
        juce::FileOutputStream out (temp / "performance.mid");
        midi.writeTo (out);
        settings.settings.properties().setValue ("recordingsFolder", (temp / "recordings").getFullPathName());
    }

    void waitIdle()
    {
        for (int i = 0; i < 3000 && !session.isIdle(); ++i)
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
        ASSERT_TRUE (session.isIdle());
    }

    /** Plays the performance through the engine as a device would; returns what it played. */
    juce::AudioBuffer<float> play (juce::int64 frames)
    {
        MidiPerformance performance;
        EXPECT_TRUE (performance.load (temp / "performance.mid", rate).wasOk());
        engine.prepare (rate, block);
        session.publishNow();
        juce::AudioBuffer<float> out (2, (int) frames), buffer (2, block);
        juce::MidiBuffer events;
        for (juce::int64 pos = 0; pos < frames; pos += block)
        {
            events.clear();
            performance.fillBlock (pos, block, events);
            engine.renderBlock (buffer, events);
            for (int c = 0; c < 2; ++c)
                out.copyFrom (c, (int) pos, buffer, c, 0,
                              (int) juce::jmin ((juce::int64) block, frames - pos));
            if (pos % (block * 64) == 0)
                juce::Thread::sleep (1); // the writer thread keeps up as it would live
        }
        return out;
    }

    static juce::AudioBuffer<float> read (const juce::File& file)
    {
        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatReader> reader (
            wav.createReaderFor (new juce::FileInputStream (file), true));
        if (reader == nullptr)
            return {};
        juce::AudioBuffer<float> b ((int) reader->numChannels, (int) reader->lengthInSamples);
        reader->read (&b, 0, b.getNumSamples(), 0, true, true);
        return b;
    }

    test::TempFolder temp;
    test::TempSettings settings;
    AudioEngine engine;
    SampleLoader loader{ []
                         {
                             LoadOptions o;
                             o.engineRate = rate;
                             return o;
                         }() };
    Session session{ engine, loader };
    MidiController midi{ session };
    Recorder recorder{ engine, &settings.settings };
};

TEST_F (RecorderFixture, ARecordingIsWhatWasHeardAndMatchesARenderOfTheSameEvents)
{
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    ASSERT_TRUE (recorder.start (rate).wasOk());
    EXPECT_TRUE (recorder.isRecording());
    const auto frames = (juce::int64) (3.2 * rate) / block * block;
    const auto heard = play (frames);
    recorder.stop();

    const auto file = recorder.getFile();
    EXPECT_TRUE (file.isAChildOf (temp / "recordings"));
    EXPECT_TRUE (std::regex_match (file.getFileName().toStdString(),
                                   std::regex (R"(20\d\d-\d\d-\d\d \d\d-\d\d-\d\d\.wav)")))
        << file.getFileName();
    const auto recorded = read (file);
    ASSERT_EQ (recorded.getNumSamples(), frames);
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < (int) frames; ++i)
            ASSERT_EQ (recorded.getSample (c, i), heard.getSample (c, i)) << "frame " << i;

    std::string log;
    ASSERT_EQ (test::BackgroundProcess::run (
                   { PADDECK_APP_PATH, "--render", (temp / "set.paddeck").getFullPathName().toStdString(),
                     "--midi", (temp / "performance.mid").getFullPathName().toStdString(), "--out",
                     (temp / "render.wav").getFullPathName().toStdString() },
                   &log),
               0)
        << log;
    const auto rendered = read (temp / "render.wav");
    ASSERT_GE (rendered.getNumSamples(), 2 * 48000);
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < juce::jmin (rendered.getNumSamples(), (int) frames); ++i)
            ASSERT_EQ (recorded.getSample (c, i), rendered.getSample (c, i)) << "frame " << i;
}

TEST_F (RecorderFixture, ArmedItStartsWithTheBlockOfTheFirstHit)
{
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    ASSERT_TRUE (recorder.arm (rate).wasOk());
    EXPECT_TRUE (recorder.isArmed());
    const auto frames = (juce::int64) (2.0 * rate) / block * block;
    const auto heard = play (frames);
    EXPECT_TRUE (recorder.isRecording());
    recorder.stop();

    // The first hit is at beat 1 (frame 24,325): the recording starts with its block.
    const auto firstBlock = (juce::int64) 24325 / block * block;
    const auto recorded = read (recorder.getFile());
    ASSERT_EQ (recorded.getNumSamples(), frames - firstBlock);
    for (int i = 0; i < recorded.getNumSamples(); ++i)
        ASSERT_EQ (recorded.getSample (0, i), heard.getSample (0, (int) firstBlock + i));
}

/** Blocks played as a device at `deviceRate` would, after it was (re)started at that rate; the
    click pad is hit at the first block and every tenth. */
static juce::AudioBuffer<float> playAtRate (AudioEngine& engine, double deviceRate, int blocks, int block)
{
    engine.prepare (deviceRate, block); // what the device's restart does before its first callback
    juce::AudioBuffer<float> out (2, blocks * block), buffer (2, block);
    juce::MidiBuffer events;
    for (int b = 0; b < blocks; ++b)
    {
        if (b % 10 == 0)
            engine.send (EngineCommand::press (12, 1.0f));
        events.clear();
        engine.renderBlock (buffer, events);
        for (int c = 0; c < 2; ++c)
            out.copyFrom (c, b * block, buffer, c, 0, block);
        if (b % 64 == 0)
            juce::Thread::sleep (1);
    }
    return out;
}

TEST_F (RecorderFixture, ARateChangeGoesOnInANewFileAtTheNewRateFromExactlyThatFrame)
{
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    engine.prepare (rate, block);
    session.publishNow();
    ASSERT_TRUE (recorder.start (rate).wasOk());
    const auto first = recorder.getFile();
    const auto at48 = playAtRate (engine, 48000.0, 200, block);
    EXPECT_TRUE (recorder.poll().isEmpty());

    // The performer picks 44.1 kHz in the Audio dialog while recording.
    const auto at44 = playAtRate (engine, 44100.0, 150, block);
    juce::Thread::sleep (200); // the writer takes what it can before the screen's next look
    const auto message = recorder.poll();
    EXPECT_TRUE (message.contains ("44.1 kHz")) << message;
    EXPECT_TRUE (recorder.isRecording());
    // The writer moves to the new file once it has written every frame before the change.
    for (int i = 0; i < 500 && recorder.getFile() == first; ++i)
        juce::Thread::sleep (10);
    const auto second = recorder.getFile();
    EXPECT_NE (second, first);
    EXPECT_TRUE (message.contains (second.getFileName())) << message;
    EXPECT_TRUE (message.contains (first.getFileName())) << message;
    recorder.stop();
    EXPECT_NEAR (recorder.getElapsedSeconds(), 200.0 * block / 48000.0 + 150.0 * block / 44100.0, 1.0e-9)
        << "the time shown counts both files";

    // Each file holds exactly what was heard at its rate, and says that rate.
    for (const auto& [file, heard, fileRate] :
         { std::tuple{ first, &at48, 48000.0 }, std::tuple{ second, &at44, 44100.0 } })
    {
        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatReader> reader (
            wav.createReaderFor (new juce::FileInputStream (file), true));
        ASSERT_NE (reader, nullptr) << file.getFullPathName();
        EXPECT_EQ (reader->sampleRate, fileRate);
        const auto recorded = read (file);
        ASSERT_EQ (recorded.getNumSamples(), heard->getNumSamples()) << file.getFileName();
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < recorded.getNumSamples(); ++i)
                ASSERT_EQ (recorded.getSample (c, i), heard->getSample (c, i))
                    << file.getFileName() << " frame " << i;
    }
}

TEST_F (RecorderFixture, AJackServerBackAtAnotherRateGoesOnInAFileAtThatRate)
{
    test::JackDummyServer jack (48000, 256);
    ASSERT_TRUE (jack.isReady());
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    AudioDeviceHost host (settings.settings);
    host.setClient (&engine.getDeviceCallback());
    ASSERT_TRUE (host.open ({ AudioDeviceHost::jackTypeName }));
    ASSERT_TRUE (recorder.start (48000.0).wasOk());
    const auto pump = [] (int ms) { juce::MessageManager::getInstance()->runDispatchLoopUntil (ms); };
    for (int i = 0; i < 500 && recorder.getElapsedSeconds() < 0.3; ++i)
        pump (10);
    const auto first = recorder.getFile();

    // The server dies and comes back at 44.1 kHz: PadDeck reconnects by itself, and the recording
    // goes on in a file of the new rate.
    jack.crash();
    ASSERT_TRUE (jack.restart (44100, 256));
    juce::String message;
    for (int i = 0; i < 1000 && message.isEmpty(); ++i)
    {
        pump (10);
        message = recorder.poll();
    }
    EXPECT_TRUE (message.contains ("44.1 kHz")) << message << "; device open: " << host.getStatus().isOpen;
    const auto resumedAt = recorder.getElapsedSeconds();
    for (int i = 0; i < 500 && recorder.getElapsedSeconds() < resumedAt + 0.3; ++i)
        pump (10);
    recorder.stop();
    host.close();

    const auto second = recorder.getFile();
    EXPECT_NE (second, first);
    for (const auto& [file, fileRate] : { std::pair{ first, 48000.0 }, std::pair{ second, 44100.0 } })
    {
        juce::WavAudioFormat wav;
        std::unique_ptr<juce::AudioFormatReader> reader (
            wav.createReaderFor (new juce::FileInputStream (file), true));
        ASSERT_NE (reader, nullptr) << file.getFullPathName();
        EXPECT_EQ (reader->sampleRate, fileRate) << file.getFileName();
        EXPECT_GT (reader->lengthInSamples, (juce::int64) (0.2 * fileRate)) << file.getFileName();
    }
}

TEST_F (RecorderFixture, AudioTheWriterCouldNotTakeIsCountedAsLost)
{
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    engine.prepare (rate, block);
    session.publishNow();
    ASSERT_TRUE (recorder.start (rate).wasOk());
    playAtRate (engine, rate, 100, block);
    EXPECT_EQ (recorder.getLostSeconds(), 0.0);

    // A writer that stops taking frames (its disk failed, not yet noticed): the ring fills, and
    // what does not fit is counted, not waited for.
    RecordingFile::failWritesPastBytesForTesting (0);
    for (int i = 0; i < 500 && recorder.isRecording(); ++i)
        juce::Thread::sleep (10);
    RecordingFile::failWritesPastBytesForTesting (-1);
    const int blocks = (int) (25.0 * rate) / block;
    playAtRate (engine, rate, blocks, block);
    const auto capacity = (double) engine.getRecordingTap().getRing().getCapacity();
    const auto queued = (double) engine.getRecordingTap().getRing().getQueuedFrames();
    EXPECT_EQ (queued, capacity) << "the ring is full";
    const auto lost = recorder.getLostSeconds();
    EXPECT_GT (lost, 0.0);
    // Everything played since the start, less what the ring holds and what the writer took.
    const auto atMost = ((double) (100 + blocks) * block - capacity) / rate;
    EXPECT_LE (lost, atMost + 1.0e-9);
    EXPECT_GE (lost, atMost - 1.0) << "the writer took at most its first second";
    EXPECT_TRUE (recorder.poll().contains ("Recording stopped"));
}

TEST_F (RecorderFixture, ARateChangeBeforeAnArmedRecordingStartsLeavesNoEmptyFileBehind)
{
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    engine.prepare (rate, block);
    session.publishNow();
    ASSERT_TRUE (recorder.arm (rate).wasOk());
    const auto armedFile = recorder.getFile();

    engine.prepare (96000.0, block); // changed before anything was played
    EXPECT_TRUE (recorder.poll().isEmpty()) << "nothing was recorded yet: nothing to say";
    EXPECT_TRUE (recorder.isArmed());
    const auto heard = playAtRate (engine, 96000.0, 100, block);
    EXPECT_TRUE (recorder.isRecording());
    recorder.stop();

    EXPECT_NE (recorder.getFile(), armedFile);
    EXPECT_FALSE (armedFile.existsAsFile()) << "the armed file that never got a frame is gone";
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader (
        wav.createReaderFor (new juce::FileInputStream (recorder.getFile()), true));
    ASSERT_NE (reader, nullptr);
    EXPECT_EQ (reader->sampleRate, 96000.0);
    EXPECT_EQ ((int) reader->lengthInSamples, heard.getNumSamples());
    EXPECT_EQ ((temp / "recordings").getNumberOfChildFiles (juce::File::findFiles), 1);
}

TEST_F (RecorderFixture, AFullDiskStopsTheRecordingWithAMessageKeepsWhatWasWrittenAndPlaysOn)
{
    ASSERT_TRUE (session.openSet (temp / "set.paddeck").wasOk());
    waitIdle();
    RecordingFile::failWritesPastBytesForTesting (RecordingFile::headerBytes + 48000 * 8);
    ASSERT_TRUE (recorder.start (rate).wasOk());
    play ((juce::int64) (2.5 * rate) / block * block);
    juce::String message;
    for (int i = 0; i < 500 && message.isEmpty(); ++i)
    {
        juce::Thread::sleep (10);
        message = recorder.poll();
    }
    RecordingFile::failWritesPastBytesForTesting (-1);
    EXPECT_TRUE (message.contains ("Recording stopped")) << message;
    EXPECT_TRUE (message.contains ("space")) << message;
    EXPECT_FALSE (recorder.isRecording());
    const auto kept = read (recorder.getFile());
    EXPECT_GT (kept.getNumSamples(), 40000);
    EXPECT_LE (kept.getNumSamples(), 48000);

    // The performance goes on.
    const auto after = play (48000);
    EXPECT_GT (test::rmsDb (after.getReadPointer (0), 0, 48000), -60.0);
}

TEST (RecorderProcess, ARecordingKilledWithSigkillIsReadableToWithinTwoSecondsOfTheKill)
{
    if (!test::VirtualDisplay::ensureRunning())
        GTEST_SKIP() << "Xvfb is not available";
    test::JackDummyServer jack;
    ASSERT_TRUE (jack.isReady());
    test::TempFolder temp;
    const auto settingsDir = temp / "settings", dataHome = temp / "data", recordings = temp / "recordings";
    settingsDir.createDirectory();
    {
        Settings s (settingsDir.getChildFile ("settings.xml"));
        s.properties().setValue ("recordingsFolder", recordings.getFullPathName());
        s.save();
    }
    setenv ("PADDECK_SETTINGS_DIR", settingsDir.getFullPathName().toRawUTF8(), 1);
    setenv ("XDG_DATA_HOME", dataHome.getFullPathName().toRawUTF8(), 1);
    test::BackgroundProcess app;
    ASSERT_TRUE (
        app.start ({ PADDECK_APP_PATH, "--record" }, (temp / "app.log").getFullPathName().toStdString()));
    unsetenv ("PADDECK_SETTINGS_DIR");
    unsetenv ("XDG_DATA_HOME");

    juce::File take;
    for (int i = 0; i < 3000 && take == juce::File(); ++i)
    {
        juce::Thread::sleep (10);
        if (const auto found = recordings.findChildFiles (juce::File::findFiles, false, "*.wav");
            !found.isEmpty())
            take = found.getFirst();
    }
    ASSERT_NE (take, juce::File()) << (temp / "app.log").loadFileAsString();

    // Let it record a while, then kill it as a crash or a power cut would. What the writer had put
    // in the file by then is read from its size (not from a clock: a loaded machine records less
    // than the wall time); the header must cover all of it but the last two seconds.
    constexpr double frameBytes = 2 * sizeof (float);
    juce::int64 onDisk = 0;
    for (int i = 0; i < 3000 && onDisk < (juce::int64) (4 * 48000 * frameBytes); ++i)
    {
        juce::Thread::sleep (10);
        onDisk = take.getSize() - RecordingFile::headerBytes;
    }
    ASSERT_GE (onDisk, (juce::int64) (4 * 48000 * frameBytes)) << "the recording did not grow";
    ::kill (app.getPid(), SIGKILL);
    const double writtenSeconds = (double) onDisk / frameBytes / 48000.0;
    app.stop();

    std::string duration;
    ASSERT_EQ (test::BackgroundProcess::run ({ "sox", "--i", "-D", take.getFullPathName().toStdString() },
                                             &duration),
               0)
        << duration;
    EXPECT_GE (std::stod (duration), writtenSeconds - 2.0) << "sox reads " << duration;
    std::string info;
    EXPECT_EQ (
        test::BackgroundProcess::run ({ "sox", take.getFullPathName().toStdString(), "-n", "stat" }, &info),
        0)
        << info;
}

} // namespace paddeck
