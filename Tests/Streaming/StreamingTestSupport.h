#pragma once

#include "Streaming/SampleReader.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <chrono>
#include <thread>

namespace paddeck::test
{

/** A folder of generated audio files, deleted afterwards. */
struct TempAudioFolder
{
    juce::TemporaryFile folder{ "paddeck-streaming" };

    TempAudioFolder() { folder.getFile().createDirectory(); }
    ~TempAudioFolder() { folder.getFile().deleteRecursively(); }

    juce::File file (const juce::String& name) const { return folder.getFile().getChildFile (name); }
};

/** Uniform noise in [-0.9, 0.9]: any stale or misplaced frame shows. */
inline juce::AudioBuffer<float> makeNoise (int numChannels, int numFrames, juce::int64 seed)
{
    juce::Random random (seed);
    juce::AudioBuffer<float> buffer (numChannels, numFrames);

    for (int ch = 0; ch < numChannels; ++ch)
        for (int i = 0; i < numFrames; ++i)
            buffer.setSample (ch, i, random.nextFloat() * 1.8f - 0.9f);

    return buffer;
}

inline juce::AudioBuffer<float> makeSine (int numChannels, int numFrames, double frequency, double rate)
{
    juce::AudioBuffer<float> buffer (numChannels, numFrames);

    for (int ch = 0; ch < numChannels; ++ch)
        for (int i = 0; i < numFrames; ++i)
            buffer.setSample (
                ch, i, (float) (0.5 * std::sin (juce::MathConstants<double>::twoPi * frequency * i / rate)));

    return buffer;
}

/** Writes with any JUCE format; 32 bits in WAV is IEEE float, so it reads back bit-exact. */
inline bool writeAudio (juce::AudioFormat&& format, const juce::File& file,
                        const juce::AudioBuffer<float>& audio, double rate, int bitsPerSample,
                        int quality = 0)
{
    file.deleteFile();
    auto stream = std::make_unique<juce::FileOutputStream> (file);

    if (stream->failedToOpen())
        return false;

    std::unique_ptr<juce::AudioFormatWriter> writer (format.createWriterFor (
        stream.get(), rate, (unsigned int) audio.getNumChannels(), bitsPerSample, {}, quality));

    if (writer == nullptr)
        return false;

    stream.release();
    return writer->writeFromAudioSampleBuffer (audio, 0, audio.getNumSamples());
}

inline bool writeFloatWav (const juce::File& file, const juce::AudioBuffer<float>& audio, double rate)
{
    return writeAudio (juce::WavAudioFormat(), file, audio, rate, 32);
}

/** Waits (the test's thread, not an audio thread) until a streaming reader has frames ready. */
inline bool waitForBuffered (const SampleReader& reader, const Sample& sample, juce::int64 frames,
                             int timeoutMs = 10000)
{
    if (!sample.isStreamed())
        return true;

    for (int waited = 0; waited < timeoutMs; ++waited)
    {
        if (reader.getBufferedFrames() >= frames)
            return true;

        std::this_thread::sleep_for (std::chrono::milliseconds (1));
    }

    return false;
}

/** Paces blocks like an audio device: each block is due one block duration after the last. */
class DevicePacer
{
public:
    DevicePacer (double sampleRate, int blockSize, double speed = 1.0)
        : period (std::chrono::duration<double> (blockSize / sampleRate / speed))
    {
    }

    void waitForNextBlock()
    {
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration> (period);
        std::this_thread::sleep_until (next);
    }

private:
    std::chrono::duration<double> period;
    std::chrono::steady_clock::time_point next = std::chrono::steady_clock::now();
};

} // namespace paddeck::test
