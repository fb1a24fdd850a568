#include "Tempo/TempoDetector.h"

#include "Streaming/AudioFileOpener.h"
#include "Tempo/AubioPtr.h"
#include "Tempo/BeatGridFit.h"
#include "Tempo/MonoMixdown.h"
#include "Tempo/OnsetFinder.h"
#include "Tempo/TempoTags.h"

namespace paddeck
{

namespace
{
juce::String describeBpm (double bpm) { return juce::String (bpm, 2) + " BPM"; }
} // namespace

double TempoDetector::aubioTempo (const float* mono, juce::int64 numFrames, double sampleRate)
{
    const auto win = (uint_t) OnsetFinder::windowSize (sampleRate), hop = win / 2;
    AubioTempo tempo (new_aubio_tempo ("default", win, hop, (uint_t) std::lround (sampleRate)));
    AubioVec in (new_fvec (hop)), out (new_fvec (2));
    if (tempo == nullptr || in == nullptr || out == nullptr || mono == nullptr)
        return 0.0;

    // The tracker looks at 6 s windows every 1.5 s: a little silence after the end lets it judge
    // the last of the signal, and a loop shorter than a window at all.
    const auto total = numFrames + (juce::int64) std::lround (3.0 * sampleRate);
    double best = 0.0, bestConfidence = 0.0;

    for (juce::int64 pos = 0; pos < total; pos += hop)
    {
        for (uint_t i = 0; i < hop; ++i)
            in->data[i] = pos + i < numFrames ? mono[pos + i] : 0.0f;
        aubio_tempo_do (tempo.get(), in.get(), out.get());

        const double confidence = aubio_tempo_get_confidence (tempo.get());
        if (confidence > bestConfidence && aubio_tempo_get_bpm (tempo.get()) > 0.0f)
        {
            bestConfidence = confidence;
            best = aubio_tempo_get_bpm (tempo.get());
        }
    }
    return best;
}

TempoAnalysis TempoDetector::detect (const float* mono, juce::int64 numFrames, double sampleRate,
                                     int beatsPerBar)
{
    TempoAnalysis result;
    if (mono == nullptr || numFrames <= 0 || sampleRate <= 0.0)
    {
        result.notes.add ("There is no audio to find a tempo in.");
        return result;
    }

    const auto onsets = OnsetFinder::find (mono, numFrames, sampleRate);
    const auto grid =
        BeatGridFit::fit (onsets, sampleRate, aubioTempo (mono, numFrames, sampleRate), beatsPerBar);

    if (!grid.found())
    {
        result.notes.add (
            "No steady beat was found in the audio (a one-shot, a sustained sound or silence).");
        return result;
    }

    result.detectedBpm = grid.bpm (sampleRate);
    result.downbeatSeconds = grid.downbeat / sampleRate;
    result.confidence = grid.confidence;
    return result;
}

TempoAnalysis TempoDetector::detect (juce::AudioFormatReader& reader, int beatsPerBar)
{
    const auto rate = reader.sampleRate;
    const auto channels = (int) reader.numChannels;
    const auto frames = juce::jmin (reader.lengthInSamples, (juce::int64) (maxSeconds * rate));
    if (channels <= 0 || rate <= 0.0 || frames <= 0)
        return detect (nullptr, 0, rate, beatsPerBar);

    std::vector<float> mono ((size_t) frames, 0.0f);
    const auto done = MonoMixdown::read (reader, 0, frames, mono.data());

    auto result = detect (mono.data(), done, rate, beatsPerBar);
    if (done < frames)
        result.notes.add ("The audio could not be decoded past " + juce::String ((double) done / rate, 1)
                          + " s; the tempo comes from what came before.");
    if (reader.lengthInSamples > frames)
        result.notes.add ("Only the first " + juce::String ((int) (maxSeconds / 60.0))
                          + " minutes were analysed for the tempo.");
    return result;
}

TempoAnalysis TempoDetector::analyse (const juce::File& file, int beatsPerBar)
{
    TempoAnalysis result;
    auto opened = AudioFileOpener::open (file);

    if (opened.reader != nullptr)
        result = detect (*opened.reader, beatsPerBar);
    else
        result.notes.add (opened.message);

    auto tag = TempoTags::metadataBpm (file);
    auto name = TempoTags::bpmFromName (file.getFileName());
    result.metadataBpm = tag.bpm;
    result.metadataSource = tag.source;
    result.oneShot = tag.oneShot;
    result.nameBpm = name.bpm;
    result.notes.addArray (tag.notes);
    result.notes.addArray (name.notes);

    if (result.oneShot)
        result.notes.add ("The file says it is a one-shot: it plays without a tempo.");

    if (result.tagDisagrees())
    {
        const bool fromTag = result.metadataBpm > 0.0;
        const auto written = fromTag ? result.metadataBpm : result.nameBpm;
        result.notes.add ((fromTag ? "The file's " + result.metadataSource : juce::String ("The file name"))
                          + " says " + describeBpm (written) + ", but the audio was detected at "
                          + describeBpm (result.detectedBpm) + ".");
    }
    return result;
}

} // namespace paddeck
