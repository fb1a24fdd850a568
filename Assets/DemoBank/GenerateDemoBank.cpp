// Synthesizes PadDeck's demo bank: 12 drum and synth hits and 4 loops at 120 BPM, all made here
// from oscillators and noise, so the project ships no third-party audio. Run by hand:
//   Builds/build/PadDeckDemoBankGenerator Assets/DemoBank
// The WAVs it writes are committed; Demo.paddeck maps them onto bank A. (The icon is drawn in
// Assets/Icons/paddeck.svg.)
#include <juce_audio_formats/juce_audio_formats.h>

#include <iostream>

namespace
{
constexpr double rate = 48000.0;
constexpr double twoPi = juce::MathConstants<double>::twoPi;

struct Rng
{
    juce::uint32 state = 0x12345678u;
    float next() // white noise in [-1, 1], the same every run
    {
        state = state * 1664525u + 1013904223u;
        return (float) ((state >> 8) & 0xffff) / 32767.5f - 1.0f;
    }
};

using Buffer = juce::AudioBuffer<float>;

Buffer make (double seconds, int channels = 1)
{
    Buffer b (channels, (int) (seconds * rate));
    b.clear();
    return b;
}

float envelope (double t, double decay) { return (float) std::exp (-t / decay); }

Buffer kick()
{
    auto b = make (0.45);
    double phase = 0.0;
    for (int i = 0; i < b.getNumSamples(); ++i)
    {
        const double t = i / rate;
        phase += twoPi * (45.0 + 110.0 * std::exp (-t / 0.04)) / rate;
        b.setSample (0, i, 0.95f * envelope (t, 0.14) * (float) std::sin (phase));
    }
    return b;
}

Buffer noiseHit (double seconds, double decay, double lowCut, double highCut, double toneHz, float toneLevel)
{
    auto b = make (seconds);
    Rng rng;
    juce::IIRFilter hp, lp;
    hp.setCoefficients (juce::IIRCoefficients::makeHighPass (rate, lowCut));
    lp.setCoefficients (juce::IIRCoefficients::makeLowPass (rate, highCut));
    for (int i = 0; i < b.getNumSamples(); ++i)
    {
        const double t = i / rate;
        const float noise = lp.processSingleSampleRaw (hp.processSingleSampleRaw (rng.next()));
        const float tone = toneLevel * (float) std::sin (twoPi * toneHz * t) * envelope (t, decay * 0.5);
        b.setSample (0, i, 0.8f * (noise * envelope (t, decay) + tone));
    }
    return b;
}

Buffer clap()
{
    auto b = noiseHit (0.35, 0.09, 900.0, 5000.0, 0.0, 0.0f);
    for (int i = 0; i < b.getNumSamples(); ++i)
    {
        const double t = i / rate;
        const bool gap = (t > 0.008 && t < 0.012) || (t > 0.020 && t < 0.024);
        b.setSample (0, i, gap ? 0.0f : b.getSample (0, i) * 1.4f);
    }
    return b;
}

Buffer tone (double seconds, double startHz, double endHz, double decay, float level)
{
    auto b = make (seconds);
    double phase = 0.0;
    for (int i = 0; i < b.getNumSamples(); ++i)
    {
        const double t = i / rate;
        phase += twoPi * (endHz + (startHz - endHz) * std::exp (-t / 0.03)) / rate;
        b.setSample (0, i, level * envelope (t, decay) * (float) std::sin (phase));
    }
    return b;
}

Buffer cowbell()
{
    auto b = make (0.3);
    for (int i = 0; i < b.getNumSamples(); ++i)
    {
        const double t = i / rate;
        const float sq = (std::sin (twoPi * 540.0 * t) > 0 ? 0.3f : -0.3f)
                         + (std::sin (twoPi * 800.0 * t) > 0 ? 0.3f : -0.3f);
        b.setSample (0, i, 0.6f * sq * envelope (t, 0.07));
    }
    juce::IIRFilter bp;
    bp.setCoefficients (juce::IIRCoefficients::makeBandPass (rate, 800.0, 1.5));
    bp.processSamples (b.getWritePointer (0), b.getNumSamples());
    return b;
}

float saw (double phase) { return (float) (2.0 * (phase - std::floor (phase)) - 1.0); }

Buffer sawChord (double seconds, std::initializer_list<double> notesHz, double decay, double cutoff,
                 int channels)
{
    auto b = make (seconds, channels);
    juce::IIRFilter lp[2];
    for (auto& f : lp)
        f.setCoefficients (juce::IIRCoefficients::makeLowPass (rate, cutoff, 0.9));
    for (int ch = 0; ch < channels; ++ch)
        for (int i = 0; i < b.getNumSamples(); ++i)
        {
            const double t = i / rate;
            float v = 0.0f;
            for (auto hz : notesHz)
                v += saw (t * hz * (1.0 + 0.002 * ch)); // a touch of detune per side
            v /= (float) notesHz.size();
            b.setSample (ch, i, 0.7f * lp[ch].processSingleSampleRaw (v) * envelope (t, decay));
        }
    return b;
}

Buffer zap()
{
    auto b = make (0.3);
    double phase = 0.0;
    for (int i = 0; i < b.getNumSamples(); ++i)
    {
        const double t = i / rate;
        phase += (2000.0 * std::exp (-t / 0.05) + 80.0) / rate;
        b.setSample (0, i, 0.5f * saw (phase) * envelope (t, 0.08));
    }
    return b;
}

// Loops: 2 bars at 120 BPM = 4 s exactly, so they loop seamlessly.
constexpr double beat = 0.5;
constexpr double loopSeconds = 8 * beat;

void mixAt (Buffer& dest, const Buffer& hit, double atSeconds, float gain)
{
    const int start = (int) (atSeconds * rate);
    const int n = juce::jmin (hit.getNumSamples(), dest.getNumSamples() - start);
    for (int ch = 0; ch < dest.getNumChannels(); ++ch)
        dest.addFrom (ch, start, hit, juce::jmin (ch, hit.getNumChannels() - 1), 0, n, gain);
}

Buffer drumLoop()
{
    auto b = make (loopSeconds, 2);
    const auto k = kick(), s = noiseHit (0.25, 0.07, 300.0, 7000.0, 185.0, 0.6f),
               h = noiseHit (0.06, 0.015, 7000.0, 16000.0, 0.0, 0.0f);
    for (int step = 0; step < 16; ++step)
    {
        const double t = step * beat / 2.0;
        if (step % 4 == 0 || step == 10)
            mixAt (b, k, t, 0.9f);
        if (step % 8 == 4)
            mixAt (b, s, t, 0.8f);
        mixAt (b, h, t, step % 2 == 0 ? 0.5f : 0.3f);
    }
    b.applyGain (0.8f / b.getMagnitude (0, b.getNumSamples())); // headroom where hits coincide
    return b;
}

Buffer bassLoop()
{
    auto b = make (loopSeconds, 2);
    const double notes[] = { 55.0, 55.0, 65.41, 73.42, 55.0, 82.41, 73.42, 65.41 };
    for (int n = 0; n < 8; ++n)
        mixAt (b, sawChord (beat, { notes[n] }, 0.18, 600.0, 1), n * beat, 1.0f);
    return b;
}

Buffer padLoop()
{
    auto b = sawChord (loopSeconds, { 220.0, 261.63, 329.63 }, 1000.0, 1800.0, 2);
    for (int i = 0; i < b.getNumSamples(); ++i) // swell in each bar and meet at the loop point
    {
        const float g = 0.5f - 0.5f * (float) std::cos (twoPi * (i / rate) / (loopSeconds / 2.0));
        for (int ch = 0; ch < 2; ++ch)
            b.setSample (ch, i, b.getSample (ch, i) * (0.3f + 0.7f * g));
    }
    return b;
}

Buffer hatLoop()
{
    auto b = make (loopSeconds, 2);
    const auto closed = noiseHit (0.05, 0.012, 8000.0, 16000.0, 0.0, 0.0f);
    const auto open = noiseHit (0.2, 0.06, 6000.0, 16000.0, 0.0, 0.0f);
    for (int step = 0; step < 32; ++step)
        mixAt (b, step % 8 == 6 ? open : closed, step * beat / 4.0, step % 2 == 0 ? 0.6f : 0.35f);
    return b;
}

/** The file says what it is, as sample packs do, in an `acid` chunk: a one-shot, or a loop of so
    many beats at 120 BPM (PadDeck reads it and plays the loop in sync). */
juce::StringPairArray acidChunk (const Buffer& b, bool loop)
{
    juce::StringPairArray acid;
    acid.set (juce::WavAudioFormat::acidOneShot, loop ? "0" : "1");
    acid.set (juce::WavAudioFormat::acidStretch, loop ? "1" : "0");
    acid.set (juce::WavAudioFormat::acidTempo, "120");
    acid.set (juce::WavAudioFormat::acidBeats,
              juce::String (loop ? juce::roundToInt (b.getNumSamples() / (rate / 2.0)) : 0));
    acid.set (juce::WavAudioFormat::acidNumerator, "4");
    acid.set (juce::WavAudioFormat::acidDenominator, "4");
    return acid;
}

bool write (const juce::File& dir, const juce::String& name, const Buffer& b)
{
    auto file = dir.getChildFile (name + ".wav");
    file.deleteFile();
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatWriter> writer (
        wav.createWriterFor (new juce::FileOutputStream (file), rate, (unsigned int) b.getNumChannels(), 16,
                             acidChunk (b, name.contains ("Loop")), 0));
    return writer != nullptr && writer->writeFromAudioSampleBuffer (b, 0, b.getNumSamples());
}
} // namespace

int main (int argc, char** argv)
{
    if (argc != 2)
    {
        std::cerr << "usage: PadDeckDemoBankGenerator OUTPUT_DIR\n";
        return 2;
    }

    const juce::File dir (juce::File::getCurrentWorkingDirectory().getChildFile (argv[1]));
    dir.createDirectory();

    const std::vector<std::pair<juce::String, Buffer>> sounds = {
        { "01 Kick", kick() },
        { "02 Snare", noiseHit (0.3, 0.07, 300.0, 7000.0, 185.0, 0.6f) },
        { "03 Closed Hat", noiseHit (0.08, 0.015, 7000.0, 16000.0, 0.0, 0.0f) },
        { "04 Open Hat", noiseHit (0.5, 0.12, 6000.0, 16000.0, 0.0, 0.0f) },
        { "05 Clap", clap() },
        { "06 Low Tom", tone (0.5, 180.0, 90.0, 0.15, 0.9f) },
        { "07 High Tom", tone (0.4, 300.0, 160.0, 0.12, 0.9f) },
        { "08 Rim", noiseHit (0.06, 0.01, 1500.0, 9000.0, 1700.0, 0.8f) },
        { "09 Cowbell", cowbell() },
        { "10 Bass Stab", sawChord (0.5, { 55.0, 110.0 }, 0.15, 900.0, 1) },
        { "11 Chord Stab", sawChord (0.7, { 261.63, 311.13, 392.0 }, 0.2, 3000.0, 2) },
        { "12 Zap", zap() },
        { "13 Drum Loop", drumLoop() },
        { "14 Bass Loop", bassLoop() },
        { "15 Pad Loop", padLoop() },
        { "16 Hat Loop", hatLoop() },
    };

    for (auto& [name, buffer] : sounds)
        if (!write (dir, name, buffer))
        {
            std::cerr << "could not write " << name << "\n";
            return 1;
        }

    std::cout << "wrote " << sounds.size() << " sounds to " << dir.getFullPathName() << "\n";
    return 0;
}
