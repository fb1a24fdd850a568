#include "BenchSupport.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace paddeck::bench
{

namespace
{
constexpr double fileRate = 48000.0;
constexpr const char* childVariable = "PADDECK_BENCH_CHILD";

juce::AudioFormatManager& formats()
{
    static auto manager = []
    {
        auto m = std::make_unique<juce::AudioFormatManager>();
        m->registerBasicFormats();
        return m;
    }();
    return *manager;
}

juce::int64 lengthOf (const juce::File& file)
{
    if (!file.existsAsFile())
        return -1;
    std::unique_ptr<juce::AudioFormatReader> reader (formats().createReaderFor (file));
    return reader != nullptr ? reader->lengthInSamples : -1;
}

/** Two cosines (one per channel) and a little noise; frame 0 is at full level. */
struct Generator
{
    explicit Generator (int seed)
    {
        const double hz = 110.0 + (double) ((seed * 37) % 800);
        for (int c = 0; c < 2; ++c)
        {
            const double w = juce::MathConstants<double>::twoPi * hz * (c == 0 ? 1.0 : 1.5) / fileRate;
            stepCos[c] = std::cos (w);
            stepSin[c] = std::sin (w);
        }
        noise = (juce::uint32) (seed * 2654435761u + 1u);
    }

    void fill (juce::AudioBuffer<float>& buffer, int frames)
    {
        for (int c = 0; c < 2; ++c)
        {
            auto* out = buffer.getWritePointer (c);
            for (int i = 0; i < frames; ++i)
            {
                noise = noise * 1664525u + 1013904223u;
                const float n = (float) (noise >> 8) / (float) (1u << 24) - 0.5f;
                out[i] = 0.3f * (float) re[c] + 0.1f * n;
                const double r = re[c] * stepCos[c] - im[c] * stepSin[c];
                im[c] = re[c] * stepSin[c] + im[c] * stepCos[c];
                re[c] = r;
            }
            const double norm = std::sqrt (re[c] * re[c] + im[c] * im[c]); // no drift over minutes
            re[c] /= norm;
            im[c] /= norm;
        }
    }

    double re[2]{ 1.0, 1.0 }, im[2]{ 0.0, 0.0 }, stepCos[2]{}, stepSin[2]{};
    juce::uint32 noise;
};

bool writeFile (const juce::File& file, juce::int64 frames, int seed)
{
    auto* format = formats().findFormatForFileExtension (file.getFileExtension());
    if (format == nullptr)
        return false;

    const auto temp =
        file.getSiblingFile (file.getFileNameWithoutExtension() + ".partial" + file.getFileExtension());
    temp.deleteFile();
    std::unique_ptr<juce::OutputStream> stream (temp.createOutputStream().release());
    if (stream == nullptr)
        return false;

    std::unique_ptr<juce::AudioFormatWriter> writer (
        format->createWriterFor (stream.get(), fileRate, 2, 16, {}, 0));
    if (writer == nullptr)
        return false;
    stream.release(); // the writer owns it now

    Generator generator (seed);
    juce::AudioBuffer<float> chunk (2, 65536);
    for (juce::int64 done = 0; done < frames;)
    {
        const int n = (int) juce::jmin ((juce::int64) chunk.getNumSamples(), frames - done);
        generator.fill (chunk, n);
        if (!writer->writeFromAudioSampleBuffer (chunk, 0, n))
            return false;
        done += n;
    }
    writer.reset();
    return temp.moveFileTo (file);
}
/** (steal, total) jiffies of all CPUs from /proc/stat. */
std::pair<double, double> cpuStealAndTotal()
{
    const auto fields = juce::StringArray::fromTokens (
        juce::File ("/proc/stat").loadFileAsString().upToFirstOccurrenceOf ("\n", false, false), true);
    double total = 0.0;
    for (int i = 1; i < fields.size(); ++i)
        total += fields[i].getDoubleValue();
    return { fields.size() > 8 ? fields[8].getDoubleValue() : 0.0, total };
}
} // namespace

juce::File BenchAudio::ensureFile (const juce::File& dataDir, const juce::String& name, double secs, int seed)
{
    const auto file = dataDir.getChildFile (name);
    const auto frames = (juce::int64) std::llround (secs * fileRate);
    if (lengthOf (file) == frames)
        return file;

    if (!writeFile (file, frames, seed) || lengthOf (file) != frames)
    {
        std::cerr << "PadDeckBench: could not write " << file.getFullPathName() << "\n";
        std::exit (1);
    }
    return file;
}

double BenchAudio::longFileSeconds (const BenchContext& context) { return context.quick ? 20.0 : 300.0; }

namespace
{
/** `count` files named prefix00.wav …, written by two threads (generating 3.7 GB is the slow part
    of a first full run). File i is seeded 1000 + i whatever its length, so a shorter file is the
    start of a longer one. Plain joined threads: nothing is ever stopped by force. */
juce::Array<juce::File> fileSet (const BenchContext& context, const juce::String& prefix, double secs,
                                 int count)
{
    juce::Array<juce::File> files;
    files.resize (count);
    std::atomic<int> next{ 0 };

    auto write = [&]
    {
        for (int i = next++; i < count; i = next++)
            files.getReference (i) = BenchAudio::ensureFile (
                context.dataDir, prefix + juce::String (i).paddedLeft ('0', 2) + ".wav", secs, 1000 + i);
    };
    std::thread helper (write);
    write();
    helper.join();
    return files;
}
} // namespace

juce::Array<juce::File> BenchAudio::longFiles (const BenchContext& context, int count)
{
    return fileSet (context, context.quick ? "quick-" : "long-", longFileSeconds (context), count);
}

juce::Array<juce::File> BenchAudio::shortFiles (const BenchContext& context, double seconds, int count)
{
    const auto tenths = juce::String (juce::roundToInt (seconds * 10.0));
    return fileSet (context, (context.quick ? "quick-short" : "short") + tenths + "-", seconds, count);
}

juce::AudioBuffer<float> BenchAudio::readSection (const juce::File& file, juce::int64 start, int frames)
{
    juce::AudioBuffer<float> buffer (2, frames);
    buffer.clear();
    std::unique_ptr<juce::AudioFormatReader> reader (formats().createReaderFor (file));
    if (reader != nullptr)
        reader->read (&buffer, 0, frames, start, true, true);
    return buffer;
}

Distribution::Distribution (std::vector<double> values)
    : sorted (std::move (values))
{
    std::sort (sorted.begin(), sorted.end());
}

double Distribution::percentile (double fraction) const
{
    if (sorted.empty())
        return 0.0;
    const auto index = (size_t) std::floor (fraction * (double) sorted.size());
    return sorted[std::min (index, sorted.size() - 1)];
}

PacedRun PacedRun::run (int numBlocks, double periodSeconds, const std::function<void (int)>& renderBlock)
{
    using Clock = std::chrono::steady_clock;
    PacedRun result;
    result.loads.reserve ((size_t) numBlocks);
    const auto period =
        std::chrono::duration_cast<Clock::duration> (std::chrono::duration<double> (periodSeconds));

    // A device calls back on a real-time thread that preempts everything else (KeyLock workers,
    // the streaming thread, other processes); do the same when allowed.
    int oldPolicy = 0;
    sched_param oldParam{};
    pthread_getschedparam (pthread_self(), &oldPolicy, &oldParam);
    sched_param param{};
    param.sched_priority = 70;
    result.realtimePriority = pthread_setschedparam (pthread_self(), SCHED_FIFO, &param) == 0;

    const auto stealBefore = cpuStealAndTotal();
    const auto start = Clock::now() + std::chrono::milliseconds (5);
    juce::ScopedNoDenormals noDenormals; // as a device callback (and PadEngine) does

    for (int b = 0; b < numBlocks; ++b)
    {
        std::this_thread::sleep_until (start + period * b);
        const auto t0 = Clock::now();
        renderBlock (b);
        const auto t1 = Clock::now();
        result.loads.push_back (seconds (t1 - t0) / periodSeconds);
        if (t1 > start + period * (b + 1))
            ++result.overruns;
    }

    const auto stealAfter = cpuStealAndTotal();
    if (stealAfter.second > stealBefore.second)
        result.stealPercent =
            100.0 * (stealAfter.first - stealBefore.first) / (stealAfter.second - stealBefore.second);

    if (result.realtimePriority)
        pthread_setschedparam (pthread_self(), oldPolicy, &oldParam);
    return result;
}

CountSearch::Trial CountSearch::Trial::fromRun (const PacedRun& run)
{
    Trial trial;
    trial.details = describeLoads (run);
    trial.stealPercent = run.stealPercent;
    return trial;
}

CountSearch CountSearch::run (int start, int maxCount, bool coarse, double resolution,
                              const std::function<Trial (int)>& trial)
{
    CountSearch search;
    int pass = 0, fail = maxCount + 1;

    auto describe = [] (const Trial& t, bool counted)
    {
        auto* o = new juce::DynamicObject();
        o->setProperty ("passed", t.passed);
        if (!counted)
            o->setProperty ("run_again", "CPU steal above 5 %");
        if (t.details != nullptr)
            for (auto& p : t.details->getProperties())
                o->setProperty (p.name, p.value);
        return juce::var (o);
    };

    auto attempt = [&] (int count)
    {
        juce::Array<juce::var> runs;
        std::vector<Trial> counted;
        int passes = 0, fails = 0, repeats = 0;

        while (passes * 2 <= trialsPerCount && fails * 2 <= trialsPerCount)
        {
            auto t = trial (count);
            for (int again = 0; t.stealPercent > maxStealPercent && again < maxStealRepeats; ++again)
            {
                search.maxSteal = juce::jmax (search.maxSteal, t.stealPercent);
                runs.add (describe (t, false));
                ++repeats;
                t = trial (count);
            }
            search.maxSteal = juce::jmax (search.maxSteal, t.stealPercent);
            runs.add (describe (t, true));
            (t.passed ? passes : fails) += 1;
            counted.push_back (std::move (t));
        }

        const bool passed = passes > fails;
        search.stealRepeats += repeats;

        auto* entry = new juce::DynamicObject();
        entry->setProperty ("count", count);
        entry->setProperty ("passed", passed);
        entry->setProperty ("steal_repeats", repeats);
        entry->setProperty ("trials", runs);
        search.tried.add (juce::var (entry));

        if (passed)
        {
            // The median trial of those that passed (by p99.9 block time where the trial has one).
            std::vector<const Trial*> agreeing;
            for (auto& t : counted)
                if (t.passed)
                    agreeing.push_back (&t);
            auto p999 = [] (const Trial* t)
            { return t->details != nullptr ? (double) t->details->getProperty ("p999") : 0.0; };
            std::sort (agreeing.begin(), agreeing.end(),
                       [&] (const Trial* a, const Trial* b) { return p999 (a) < p999 (b); });
            search.bestDetails = juce::var (agreeing[agreeing.size() / 2]->details.get());
            pass = count;
        }
        else
            fail = count;
        return passed;
    };

    int count = juce::jlimit (1, maxCount, start);
    if (attempt (count))
    {
        while (count < maxCount && attempt (juce::jmin (maxCount, count * 2)))
            count = juce::jmin (maxCount, count * 2);
    }
    else
    {
        while (count > 1 && !attempt (count / 2))
            count /= 2;
    }

    if (!coarse)
        while (fail - pass > juce::jmax (1, (int) std::ceil (pass * resolution)))
            attempt ((pass + fail) / 2);

    search.best = pass;
    return search;
}

juce::DynamicObject::Ptr CountSearch::describe() const
{
    juce::DynamicObject::Ptr o (new juce::DynamicObject());
    o->setProperty ("judged", "each count on the median of 3 trials (the third only when the first two "
                              "disagree); a trial with more than 5 % CPU steal runs again, up to 3 times");
    o->setProperty ("steal_repeats", stealRepeats);
    o->setProperty ("max_cpu_steal_pct", maxSteal);
    o->setProperty ("best", bestDetails);
    o->setProperty ("tried", tried);
    return o;
}

void CountSearch::describeIn (juce::NamedValueSet& details) const
{
    const auto described = describe();
    for (auto& p : described->getProperties())
        details.set (p.name, p.value);
}

juce::DynamicObject::Ptr describeLoads (const PacedRun& run)
{
    const Distribution d (run.loads);
    juce::DynamicObject::Ptr o (new juce::DynamicObject());
    o->setProperty ("p50", d.percentile (0.5));
    o->setProperty ("p99", d.percentile (0.99));
    o->setProperty ("p999", d.percentile (0.999));
    o->setProperty ("max", d.max());
    o->setProperty ("overruns", run.overruns);
    o->setProperty ("blocks", (int) run.loads.size());
    o->setProperty ("audio_thread", run.realtimePriority ? "SCHED_FIFO 70" : "normal priority");
    o->setProperty ("cpu_steal_pct", run.stealPercent);
    return o;
}

double seconds (std::chrono::steady_clock::duration d) { return std::chrono::duration<double> (d).count(); }

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
    return (double) t.tv_sec + 1.0e-9 * (double) t.tv_nsec;
}

int numCores() { return (int) std::max (1u, std::thread::hardware_concurrency()); }

int voiceSemitones (int index) { return (index % 13) - 6; }
float voiceCents (int index) { return (float) (((index * 37) % 101) - 50); }

PadSettings voicePad (int index, juce::int64 startFrame)
{
    PadSettings settings;
    settings.semitones = voiceSemitones (index);
    settings.cents = voiceCents (index);
    settings.eqLowDb = -6.0f;
    settings.eqHighDb = 3.0f;
    settings.playMode = PlayMode::oneShot;
    settings.startFrame = startFrame;
    settings.loopStart = startFrame; // one primed region, not two
    return settings;
}

juce::int64 voiceStartFrame (int index, double fileSeconds, double neededSeconds, double rate)
{
    const double room = juce::jmax (0.0, fileSeconds - neededSeconds);
    return (juce::int64) (room * rate * (double) ((index * 7919) % 1000) / 1000.0);
}

juce::String childFigureName()
{
    const char* value = std::getenv (childVariable);
    return value != nullptr ? juce::String (value) : juce::String();
}

Figure runInChildProcess (const BenchContext& context, const juce::String& figureName)
{
    Figure figure;
    figure.name = figureName;
    figure.value = std::numeric_limits<double>::quiet_NaN();

    juce::StringArray args{
        juce::File::getSpecialLocation (juce::File::currentExecutableFile).getFullPathName(), "--filter",
        figureName, "--data-dir", context.dataDir.getFullPathName()
    };
    if (context.quick)
        args.add ("--quick");

    ::setenv (childVariable, figureName.toRawUTF8(), 1);
    juce::ChildProcess child;
    const bool started = child.start (args, juce::ChildProcess::wantStdOut);
    ::unsetenv (childVariable);
    if (!started)
        return figure;

    const auto output = child.readAllProcessOutput();
    for (auto& line : juce::StringArray::fromLines (output))
    {
        const auto parsed = juce::JSON::parse (line);
        if (parsed.getProperty ("figure", {}).toString() != figureName)
            continue;
        figure.value = parsed.getProperty ("value", figure.value);
        figure.unit = parsed.getProperty ("unit", {}).toString();
        figure.target = parsed.getProperty ("target", {});
        if (auto* obj = parsed.getDynamicObject())
            for (auto& p : obj->getProperties())
                if (p.name != juce::Identifier ("figure") && p.name != juce::Identifier ("value")
                    && p.name != juce::Identifier ("unit") && p.name != juce::Identifier ("target"))
                    figure.details.set (p.name, p.value);
    }
    figure.details.set ("process", "fresh child process");
    return figure;
}

} // namespace paddeck::bench
