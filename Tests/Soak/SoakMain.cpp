// PadDeckSoak --minutes N --seed S [--malloc-info FILE] [--mtrace]: drives the real AudioEngine from a paced
// stand-in device with a seeded random performance, and reports as JSON lines, every 10 s and at the end:
// audio-thread allocations (must be none), late blocks, stream and KeyLock underruns, and RSS after the
// warm-up, with the heap memory in use (which must grow less than 5 MB: no leak). A crash prints
// its own line. Exits non-zero on a failure.
#include "PacedDevice.h"
#include "SoakPerformance.h"

#include "Streaming/StreamingStats.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <malloc.h>
#include <mcheck.h>
#include <unistd.h>

namespace
{
using namespace paddeck;

double rssMegabytes()
{
    long pages = 0, resident = 0;
    if (auto* f = std::fopen ("/proc/self/statm", "r"))
    {
        if (std::fscanf (f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose (f);
    }
    return (double) resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/** A line of /proc/self/status in MB ("RssAnon:", "RssFile:"): which kind of resident memory grows. */
double statusMegabytes (const char* key)
{
    double kilobytes = 0.0;
    if (auto* f = std::fopen ("/proc/self/status", "r"))
    {
        char line[256];
        const auto length = std::strlen (key);
        while (std::fgets (line, sizeof (line), f) != nullptr)
            if (std::strncmp (line, key, length) == 0)
                kilobytes = std::atof (line + length);
        std::fclose (f);
    }
    return kilobytes / 1024.0;
}

/** What malloc has handed out and not had back (a leak grows it), and what it holds from the
    system for that (fragmentation grows only this). */
double heapInUseMegabytes()
{
    const auto info = mallinfo2();
    return (double) (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

double heapHeldMegabytes()
{
    const auto info = mallinfo2();
    return (double) (info.arena + info.hblkhd) / (1024.0 * 1024.0);
}

/** The median of the last third of readings minus the median of the first third. */
double medianGrowth (std::vector<double> readings)
{
    const auto third = readings.size() / 3;
    if (third == 0)
        return 0.0;
    const auto median = [] (std::vector<double> v)
    {
        std::nth_element (v.begin(), v.begin() + (long) v.size() / 2, v.end());
        return v[v.size() / 2];
    };
    return median ({ readings.end() - (long) third, readings.end() })
           - median ({ readings.begin(), readings.begin() + (long) third });
}

void reportCrash (int signal)
{
    char line[64];
    const auto n = std::snprintf (line, sizeof (line), "{\"event\":\"crash\",\"signal\":%d}\n", signal);
    [[maybe_unused]] const auto written = ::write (STDOUT_FILENO, line, (size_t) n);
    std::signal (signal, SIG_DFL);
    std::raise (signal);
}

juce::String countersJson (const soak::PacedDevice& device, AudioEngine& engine,
                           const soak::SoakPerformance& performer)
{
    const auto& c = performer.getCounts();
    const auto stream = StreamingStats::get();
    juce::String s;
    s << "\"blocks\":" << device.getBlocks() << ",\"audioThreadAllocations\":" << device.getAllocations()
      << ",\"lateBlocks\":" << device.getLateBlocks()
      << ",\"streamUnderruns\":" << (juce::int64) stream.underruns
      << ",\"keyLockUnderruns\":" << (juce::int64) engine.getKeyLockPool().getTotalUnderruns()
      << ",\"activeVoices\":" << engine.getMeters().activeVoices.load() << ",\"hits\":" << c.hits
      << ",\"releases\":" << c.releases << ",\"knobMoves\":" << c.knobMoves
      << ",\"bankChanges\":" << c.bankChanges << ",\"loads\":" << c.loads
      << ",\"loadErrors\":" << c.loadErrors << ",\"clears\":" << c.clears << ",\"stopAlls\":" << c.stopAlls
      << ",\"tempoChanges\":" << c.tempoChanges << ",\"samplesHeld\":" << stream.numSamples
      << ",\"streamedSamplesHeld\":" << stream.numStreamedSamples;
    return s;
}
} // namespace

int main (int argc, char** argv)
{
    for (const auto sig : { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL })
        std::signal (sig, reportCrash);

    const juce::StringArray args (argv + 1, argc - 1);
    const auto valueOf = [&] (const char* flag, double fallback)
    {
        const auto i = args.indexOf (flag);
        return i >= 0 && i + 1 < args.size() ? args[i + 1].getDoubleValue() : fallback;
    };
    const auto minutes = valueOf ("--minutes", 3.0);
    const auto seed = (std::uint32_t) valueOf ("--seed", 1.0);
    const auto blockSize = (int) valueOf ("--block", 256.0);
    const auto seconds = minutes * 60.0;
    const auto warmUpSeconds = juce::jmin (30.0, seconds / 4.0);
    if (seconds <= 0.0 || blockSize < 16)
    {
        std::cerr << "usage: PadDeckSoak --minutes N --seed S [--block FRAMES]\n";
        return 2;
    }

    // --malloc-info FILE: glibc's per-arena statistics every 10 s, to see where held memory grows.
    const auto mallocInfoIndex = args.indexOf ("--malloc-info");
    auto* mallocInfo = mallocInfoIndex >= 0 && mallocInfoIndex + 1 < args.size()
                           ? std::fopen (args[mallocInfoIndex + 1].toRawUTF8(), "w")
                           : nullptr;

    const juce::ScopedJuceInitialiser_GUI juce; // this thread is the message thread
    const auto folder = juce::File::createTempFile ("paddeck-soak");
    soak::SoakPerformance::writeMaterial (folder);

    int failures = 0;
    {
        AudioEngine engine;
        soak::PacedDevice device (48000.0, blockSize);
        soak::SoakPerformance performer (engine, folder, seed);
        device.start (&engine.getDeviceCallback());
        performer.loadAll();
        while (performer.isLoading())
            juce::MessageManager::getInstance()->runDispatchLoopUntil (10);

        performer.warmUpEveryVoice (AudioEngine::Options{}.voices);

        const auto start = juce::Time::getMillisecondCounterHiRes();
        const auto elapsed = [&] { return (juce::Time::getMillisecondCounterHiRes() - start) / 1000.0; };
        double nextReport = 10.0, warmRss = -1.0, warmHeap = 0.0;
        juce::int64 warmAllocations = 0, warmKeyLockUnderruns = 0;
        std::vector<double> rssAfterWarmUp, heapAfterWarmUp; // one reading a step
        rssAfterWarmUp.reserve ((size_t) (seconds * 50.0));
        heapAfterWarmUp.reserve ((size_t) (seconds * 50.0));

        while (elapsed() < seconds)
        {
            performer.step();
            juce::MessageManager::getInstance()->runDispatchLoopUntil (25); // timers: garbage, loads
            if (warmRss < 0.0 && elapsed() >= warmUpSeconds)
            {
                warmRss = rssMegabytes();
                warmHeap = heapInUseMegabytes();
                warmAllocations = device.getAllocations();
                warmKeyLockUnderruns = engine.getKeyLockPool().getTotalUnderruns();
                // --mtrace: every allocation from here on is logged to $MALLOC_TRACE (run with
                // LD_PRELOAD=libc_malloc_debug.so), to find what grows.
                if (args.contains ("--mtrace"))
                    mtrace();
            }
            if (warmRss >= 0.0 && rssAfterWarmUp.size() < rssAfterWarmUp.capacity())
            {
                rssAfterWarmUp.push_back (rssMegabytes());
                heapAfterWarmUp.push_back (heapInUseMegabytes());
            }
            if (elapsed() >= nextReport)
            {
                std::cout << "{\"t\":" << juce::roundToInt (elapsed())
                          << ",\"rssMB\":" << juce::String (rssMegabytes(), 1)
                          << ",\"rssAnonMB\":" << juce::String (statusMegabytes ("RssAnon:"), 1)
                          << ",\"rssFileMB\":" << juce::String (statusMegabytes ("RssFile:"), 1)
                          << ",\"heapInUseMB\":" << juce::String (heapInUseMegabytes(), 1)
                          << ",\"heapHeldMB\":" << juce::String (heapHeldMegabytes(), 1) << ","
                          << countersJson (device, engine, performer) << "}" << std::endl;
                nextReport += 10.0;
                if (mallocInfo != nullptr)
                {
                    std::fprintf (mallocInfo, "<soak t=\"%d\">\n", juce::roundToInt (elapsed()));
                    malloc_info (0, mallocInfo);
                    std::fflush (mallocInfo);
                }
            }
        }

        performer.finish();
        juce::MessageManager::getInstance()->runDispatchLoopUntil (500);
        device.stop();

        // Growth is the median of the last third of the readings after the warm-up over the median
        // of the first third: loads in flight and samples waiting to be freed make single readings
        // swing by a few MB either way. A leak shows as heap in use that grows. RSS is reported
        // beside it: with glibc's allocator it also grows by memory malloc keeps after frees
        // (heapHeldMB), which is not a leak.
        const auto growth = medianGrowth (rssAfterWarmUp), heapGrowth = medianGrowth (heapAfterWarmUp);
        const auto allocations = device.getAllocations();
        if (allocations > 0)
            ++failures;
        if (heapGrowth >= 5.0)
            ++failures;
        std::cout << "{\"summary\":true,\"minutes\":" << minutes << ",\"seed\":" << seed
                  << ",\"warmUpSeconds\":" << warmUpSeconds
                  << ",\"rssAfterWarmUpMB\":" << juce::String (warmRss, 1) << ",\"rssEndMB\":"
                  << juce::String (rssAfterWarmUp.empty() ? 0.0 : rssAfterWarmUp.back(), 1)
                  << ",\"rssGrowthMB\":" << juce::String (growth, 2)
                  << ",\"heapInUseAfterWarmUpMB\":" << juce::String (warmHeap, 1)
                  << ",\"heapInUseGrowthMB\":" << juce::String (heapGrowth, 2)
                  << ",\"heapHeldMB\":" << juce::String (heapHeldMegabytes(), 1)
                  << ",\"allocationsDuringWarmUp\":" << warmAllocations << ",\"keyLockUnderrunsAfterWarmUp\":"
                  << engine.getKeyLockPool().getTotalUnderruns() - warmKeyLockUnderruns << ","
                  << countersJson (device, engine, performer)
                  << ",\"crashes\":0,\"ok\":" << (failures == 0 ? "true" : "false") << "}" << std::endl;
    }

    folder.deleteRecursively();
    if (mallocInfo != nullptr)
        std::fclose (mallocInfo);
    return failures == 0 ? 0 : 1;
}
