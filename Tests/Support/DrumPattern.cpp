#include "Support/DrumPattern.h"

#include "Streaming/AudioFileOpener.h"

namespace paddeck::test
{

namespace
{
constexpr double twoPi = juce::MathConstants<double>::twoPi;

struct Noise
{
    explicit Noise (std::uint32_t seed)
        : state (seed * 2654435761u + 1u)
    {
    }
    float next()
    {
        state = state * 1664525u + 1013904223u;
        return (float) (state >> 8) / (float) (1u << 23) - 1.0f;
    }
    std::uint32_t state;
};

/** Adds fn (t) for t in [0, seconds) from sample `at` on. */
template <typename Fn>
void addSound (std::vector<float>& out, std::int64_t at, double rate, double seconds, Fn&& fn)
{
    const auto length = (std::int64_t) (seconds * rate);
    for (std::int64_t i = 0; i < length && at + i < (std::int64_t) out.size(); ++i)
        if (at + i >= 0)
            out[(size_t) (at + i)] += (float) fn ((double) i / rate);
}

void click (std::vector<float>& out, std::int64_t at, double rate, bool accent)
{
    const double hz = accent ? 1500.0 : 1000.0, level = accent ? 0.8 : 0.4;
    addSound (out, at, rate, 0.02,
              [&] (double t) { return level * std::exp (-t / 0.003) * std::sin (twoPi * hz * t); });
}

void kick (std::vector<float>& out, std::int64_t at, double rate)
{
    double phase = 0.0;
    addSound (out, at, rate, 0.35,
              [&] (double t)
              {
                  const double v = 0.9 * std::exp (-t / 0.12) * std::sin (phase);
                  phase += twoPi * (50.0 + 100.0 * std::exp (-t / 0.03)) / rate; // a falling pitch
                  return v;
              });
}

void snare (std::vector<float>& out, std::int64_t at, double rate, Noise& noise)
{
    addSound (out, at, rate, 0.2,
              [&] (double t)
              {
                  return 0.35 * std::exp (-t / 0.05) * noise.next()
                         + 0.3 * std::exp (-t / 0.03) * std::sin (twoPi * 180.0 * t);
              });
}

void bass (std::vector<float>& out, std::int64_t at, double rate)
{
    addSound (out, at, rate, 0.2,
              [&] (double t) {
                  return 0.6 * std::min (1.0, t / 0.002) * std::exp (-t / 0.1) * std::sin (twoPi * 55.0 * t);
              });
}

void hat (std::vector<float>& out, std::int64_t at, double rate, Noise& noise)
{
    float previous = 0.0f;
    addSound (out, at, rate, 0.06,
              [&] (double t)
              {
                  const float n = noise.next(), highPassed = n - previous; // hiss, no body
                  previous = n;
                  return 0.15 * std::exp (-t / 0.012) * highPassed;
              });
}
} // namespace

std::vector<float> DrumPattern::render() const
{
    const double beat = 60.0 * sampleRate / bpm, lead = leadSeconds * sampleRate;
    const int beats = bars * 4 - firstBeat;
    std::vector<float> out ((size_t) std::ceil (lead + beats * beat + tailSeconds * sampleRate), 0.0f);
    Noise noise (seed);
    const auto at = [&] (double b) { return (std::int64_t) std::llround (lead + (b - firstBeat) * beat); };

    for (int b = firstBeat; b < bars * 4; ++b)
    {
        const int position = b % 4;
        if (kind == Kind::clicks)
        {
            click (out, at (b), sampleRate, position == 0);
            continue;
        }
        if (kind != Kind::kicks || position == 0 || position == 2)
            kick (out, at (b), sampleRate);
        if (kind == Kind::house)
            bass (out, at (b + (swing ? 2.0 / 3.0 : 0.5)), sampleRate);
        if (position == 1 || position == 3)
            snare (out, at (b), sampleRate, noise);
        hat (out, at (b), sampleRate, noise);
        hat (out, at (b + (swing ? 2.0 / 3.0 : 0.5)), sampleRate, noise);
    }
    return out;
}

std::int64_t DrumPattern::downbeatSample() const
{
    const int pickup = (4 - firstBeat % 4) % 4;
    return (std::int64_t) std::llround (leadSeconds * sampleRate + pickup * 60.0 * sampleRate / bpm);
}

std::vector<DrumPattern> DrumPattern::corpus (double bpm)
{
    std::vector<DrumPattern> patterns;
    const auto add = [&] (Kind kind, double lead, bool swing, double rate)
    {
        DrumPattern p;
        p.kind = kind;
        p.bpm = bpm;
        p.leadSeconds = lead;
        p.swing = swing;
        p.sampleRate = rate;
        p.seed = (std::uint32_t) patterns.size() + 1;
        patterns.push_back (p);
    };
    add (Kind::clicks, 0.0, false, 48000.0);
    add (Kind::clicks, 0.7313, false, 48000.0);
    add (Kind::kicks, 0.0, false, 48000.0);
    add (Kind::kicks, 0.7313, false, 48000.0);
    add (Kind::kicks, 0.0, true, 48000.0);
    add (Kind::fourOnTheFloor, 0.0, false, 48000.0);
    add (Kind::fourOnTheFloor, 0.4567, true, 48000.0);
    add (Kind::kicks, 0.3, true, 44100.0);
    add (Kind::clicks, 0.0, false, 44100.0);
    return patterns;
}

juce::String DrumPattern::describe() const
{
    const char* names[] = { "clicks", "kicks", "four on the floor", "house" };
    return juce::String (names[(int) kind]) + " at " + juce::String (bpm) + " BPM, "
           + juce::String (sampleRate) + " Hz, " + juce::String (bars) + " bars"
           + (leadSeconds > 0.0 ? ", " + juce::String (leadSeconds) + " s lead" : "")
           + (swing ? ", swung hats" : "")
           + (firstBeat != 0 ? ", from beat " + juce::String (firstBeat + 1) : "");
}

std::vector<float> DrumPattern::oneShotKick (double sampleRate, double seconds)
{
    std::vector<float> out ((size_t) (seconds * sampleRate), 0.0f);
    kick (out, 0, sampleRate);
    return out;
}

std::vector<float> DrumPattern::tone (double sampleRate, double seconds, double hz)
{
    std::vector<float> out ((size_t) (seconds * sampleRate), 0.0f);
    addSound (out, 0, sampleRate, seconds, [&] (double t) { return 0.5 * std::sin (twoPi * hz * t); });
    return out;
}

std::vector<float> DrumPattern::noise (double sampleRate, double seconds, std::uint32_t seed)
{
    std::vector<float> out ((size_t) (seconds * sampleRate), 0.0f);
    Noise n (seed);
    for (auto& v : out)
        v = 0.3f * n.next();
    return out;
}

juce::File DrumPattern::write (const std::vector<float>& mono, double sampleRate, const juce::File& file,
                               int channels, const juce::StringPairArray& metadata)
{
    file.deleteFile();
    auto* format = AudioFileOpener::formats().findFormatForFileExtension (file.getFileExtension());
    if (format == nullptr)
        return {};

    const auto depths = format->getPossibleBitDepths();
    const int bits = depths.contains (24) ? 24 : depths.getLast();
    const int quality = juce::jmax (0, format->getQualityOptions().size() - 1); // Ogg: its best
    auto stream = std::make_unique<juce::FileOutputStream> (file);
    std::unique_ptr<juce::AudioFormatWriter> writer (
        format->createWriterFor (stream.get(), sampleRate, (unsigned) channels, bits, metadata, quality));
    if (writer == nullptr)
        return {};
    stream.release(); // the writer owns it now

    std::vector<const float*> pointers ((size_t) channels, mono.data());
    if (!writer->writeFromFloatArrays (pointers.data(), channels, (int) mono.size()))
        return {};
    return file;
}

} // namespace paddeck::test
