#include "Dsp/KeyLockRenderer.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <mutex>
#include <random>

namespace paddeck
{

using Stretcher = RubberBand::RubberBandStretcher;

Stretcher::Options KeyLockRenderer::optionsFor (KeyLockEngine engine) noexcept
{
    // Threading off keeps the output deterministic and the cost on the calling worker;
    // HighConsistency lets the pitch move while playing without discontinuities.
    const auto common = Stretcher::OptionProcessRealTime | Stretcher::OptionThreadingNever
                        | Stretcher::OptionChannelsTogether;
    switch (engine)
    {
        case KeyLockEngine::fasterFixedPitch:
            return common | Stretcher::OptionEngineFaster | Stretcher::OptionPitchHighSpeed;
        case KeyLockEngine::finer:
            return common | Stretcher::OptionEngineFiner;
        case KeyLockEngine::finerShortWindow:
            return common | Stretcher::OptionEngineFiner | Stretcher::OptionWindowShort;
        case KeyLockEngine::faster:
            break;
    }
    return common | Stretcher::OptionEngineFaster | Stretcher::OptionPitchHighConsistency;
}

KeyLockRenderer::KeyLockRenderer (double rate, KeyLockEngine engineToUse)
    : sampleRate (rate)
    , engine (engineToUse)
    , inL ((size_t) chunkFrames + 1, 0.0f)
    , inR ((size_t) chunkFrames + 1, 0.0f)
    , scratchL ((size_t) chunkFrames, 0.0f)
    , scratchR ((size_t) chunkFrames, 0.0f)
{
    makeStretcher();
}

KeyLockRenderer::Extents KeyLockRenderer::measureExtents (double sampleRate, KeyLockEngine engine)
{
    // Nine stretchers per call: remembered per rate and engine, as a pool builds many voices.
    struct Known
    {
        double sampleRate;
        KeyLockEngine engine;
        Extents extents;
    };
    static std::mutex lock;
    static std::vector<Known> known;
    const std::lock_guard<std::mutex> guard (lock);
    for (auto& k : known)
        if (k.sampleRate == sampleRate && k.engine == engine)
            return k.extents;

    Extents extents;
    for (auto ratio : { minTimeRatio, 1.0, 2.0 })
        for (auto pitchRatio : { 0.5, 1.0, 2.0 })
        {
            Stretcher stretcher ((size_t) std::lround (sampleRate), 2, optionsFor (engine), ratio,
                                 pitchRatio);
            extents.startPad = std::max (extents.startPad, (int) stretcher.getPreferredStartPad());
            extents.inputLatency =
                std::max (extents.inputLatency, (int) std::ceil ((double) stretcher.getStartDelay() / ratio));
        }
    known.push_back ({ sampleRate, engine, extents });
    return extents;
}

void KeyLockRenderer::makeStretcher()
{
    stretcher = nullptr; // the old one's memory first: the new one can take it
    stretcher =
        std::make_unique<Stretcher> ((size_t) std::lround (sampleRate), 2, optionsFor (engine), 1.0, 1.0);
    stretcher->setMaxProcessSize ((size_t) chunkFrames);
}

int KeyLockRenderer::restart (double pitchRatio, double newTimeRatio)
{
    if (movedSinceStart || engine == KeyLockEngine::finer || engine == KeyLockEngine::finerShortWindow)
        makeStretcher();
    else
        stretcher->reset();
    movedSinceStart = false;
    pitch = pitchRatio;
    timeRatio = newTimeRatio;
    stretcher->setPitchScale (pitch);
    stretcher->setTimeRatio (timeRatio);

    toDiscard = (int) stretcher->getStartDelay();
    sourceFrames = delivered = 0;
    expectedOutput = 0.0;
    sourceEnded = finalGiven = stretcherDone = false;
    carried = false;
    segments[0] = { 0.0, 0, timeRatio };
    numSegments = 1;
    firstInputFrame = 0;
    return (int) stretcher->getPreferredStartPad();
}

void KeyLockRenderer::feedSilence (int frames)
{
    std::fill (inL.begin(), inL.end(), 0.0f);
    std::fill (inR.begin(), inR.end(), 0.0f);
    const float* in[] = { inL.data(), inR.data() };
    while (frames > 0)
    {
        const auto n = std::min (frames, chunkFrames);
        stretcher->process (in, (size_t) n, false);
        frames -= n;
    }
}

void KeyLockRenderer::start (double pitchRatio, double newTimeRatio)
{
    feedSilence (restart (pitchRatio, newTimeRatio));
}

void KeyLockRenderer::startAt (double pitchRatio, double newTimeRatio, FrameSource& source, int preRollFrames,
                               std::int64_t startFrame)
{
    const auto pad = restart (pitchRatio, newTimeRatio);
    firstInputFrame = startFrame;

    // The pad's last frames are the real ones before startFrame, so the stretcher is in the state
    // it would be in had it played through them; the alignment is start()'s.
    auto skip = std::max (0, preRollFrames - pad);
    while (skip > 0)
    {
        const auto n = std::min (skip, chunkFrames);
        skip -= std::max (1, source.readFrames (inL.data(), inR.data(), n));
    }
    const auto real = std::min (pad, preRollFrames);
    feedSilence (pad - real);
    const float* in[] = { inL.data(), inR.data() };
    for (int left = real; left > 0;)
    {
        const auto n = std::min (left, chunkFrames);
        source.readFrames (inL.data(), inR.data(), n);
        stretcher->process (in, (size_t) n, false);
        left -= n;
    }
}

double KeyLockRenderer::inputFrameFor (std::int64_t outputFrame) const noexcept
{
    auto* segment = &segments[0];
    for (int i = 1; i < numSegments && segments[i].output <= (double) outputFrame; ++i)
        segment = &segments[i];
    return (double) (firstInputFrame + segment->input)
           + ((double) outputFrame - segment->output) / segment->ratio;
}

void KeyLockRenderer::setPitch (double pitchRatio)
{
    if (pitchRatio != pitch)
    {
        pitch = pitchRatio;
        stretcher->setPitchScale (pitch);
        movedSinceStart = true;
    }
}

void KeyLockRenderer::setTimeRatio (double ratio)
{
    if (ratio != timeRatio)
    {
        timeRatio = ratio;
        stretcher->setTimeRatio (timeRatio);
        movedSinceStart = true;
    }
}

void KeyLockRenderer::feed (FrameSource& source)
{
    const auto wanted = std::clamp ((int) stretcher->getSamplesRequired(), 1, chunkFrames);
    // One frame is read ahead, so the final flag goes with the source's last frames: given a
    // final call with no frames, R3 drops the input it still holds (the last 2048 frames of a
    // 2 s tone with its short window, 3840 with its standard one).
    int got = 0;
    if (!sourceEnded)
    {
        const auto held = carried ? 1 : 0;
        if (carried)
        {
            inL[0] = carriedL;
            inR[0] = carriedR;
        }
        const auto read =
            std::max (0, source.readFrames (inL.data() + held, inR.data() + held, wanted - held + 1));
        got = held + read;
        carried = got > wanted;
        if (carried)
        {
            got = wanted;
            carriedL = inL[(size_t) wanted];
            carriedR = inR[(size_t) wanted];
        }
    }
    if (got > 0 && timeRatio != segments[numSegments - 1].ratio)
    {
        if (numSegments == maxSegments) // the oldest output frames are long played
        {
            std::copy (segments + 1, segments + maxSegments, segments);
            --numSegments;
        }
        segments[numSegments++] = { expectedOutput, sourceFrames, timeRatio };
    }
    sourceFrames += got;
    expectedOutput += got * timeRatio;
    if (!carried)
        sourceEnded = finalGiven = true;

    const float* in[] = { inL.data(), inR.data() };
    stretcher->process (in, (size_t) got, finalGiven);
}

int KeyLockRenderer::render (FrameSource& source, float* left, float* right, int numFrames)
{
    // Feeding only when the output is drained makes the sequence of process() calls depend on
    // the input alone, not on how callers slice render(): a prime and a live renderer match.
    int produced = 0;
    while (produced < numFrames && !hasEnded())
    {
        const auto available = stretcher->available();
        if (available > 0)
        {
            if (toDiscard > 0)
            {
                const auto n = std::min ({ available, toDiscard, chunkFrames });
                float* out[] = { scratchL.data(), scratchR.data() };
                toDiscard -= (int) stretcher->retrieve (out, (size_t) n);
                continue;
            }

            auto n = (std::int64_t) std::min (available, numFrames - produced);
            if (sourceEnded)
                n = std::min (n, outputLength() - delivered);
            float* out[] = { left + produced, right + produced };
            const auto got = (int) stretcher->retrieve (out, (size_t) n);
            produced += got;
            delivered += got;
            continue;
        }

        // Below 0 semitones R2 ends a little short of the expected length (0.2 % at -3): once it
        // has nothing more after the final input, the run has ended.
        if (finalGiven)
        {
            stretcherDone = true;
            break;
        }
        feed (source);
    }

    std::fill (left + produced, left + numFrames, 0.0f);
    std::fill (right + produced, right + numFrames, 0.0f);
    return produced;
}

namespace
{
struct NoiseAndTones : FrameSource
{
    explicit NoiseAndTones (double rate)
        : sampleRate (rate)
    {
    }

    int readFrames (float* left, float* right, int numFrames) noexcept override
    {
        for (int i = 0; i < numFrames; ++i, ++t)
        {
            const auto tone = 0.3 * std::sin (6.283185307179586 * 220.0 * t / sampleRate)
                              + 0.2 * std::sin (6.283185307179586 * 1375.0 * t / sampleRate);
            left[i] = (float) tone + 0.05f * noise (gen);
            right[i] = (float) tone + 0.05f * noise (gen);
        }
        return numFrames;
    }

    double sampleRate;
    long t = 0;
    std::minstd_rand gen{ 1 };
    std::uniform_real_distribution<float> noise{ -1.0f, 1.0f };
};

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double) ts.tv_sec + 1.0e-9 * (double) ts.tv_nsec;
}
} // namespace

double KeyLockRenderer::measureRealtimeFactor (double sampleRate, KeyLockEngine engine, double pitchRatio,
                                               double seconds)
{
    KeyLockRenderer renderer (sampleRate, engine);
    NoiseAndTones source (sampleRate);
    std::vector<float> l (128), r (128);
    const auto total = (std::int64_t) (seconds * sampleRate);

    renderer.start (pitchRatio);
    renderer.render (source, l.data(), r.data(), 128); // first call pays for the start pad

    const auto begin = threadCpuSeconds();
    for (std::int64_t done = 0; done < total; done += 128)
        renderer.render (source, l.data(), r.data(), 128);
    const auto cpu = std::max (1.0e-9, threadCpuSeconds() - begin);

    return ((double) total / sampleRate) / cpu;
}

} // namespace paddeck
