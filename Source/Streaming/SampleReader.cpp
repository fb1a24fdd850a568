#include "Streaming/SampleReader.h"

#include "Streaming/StreamingStats.h"
#include "Streaming/StreamingThread.h"

#include <cmath>

namespace paddeck
{

namespace
{
constexpr juce::uint32 generationMask = (1u << 24) - 1;
constexpr double fadeInSeconds = 0.003;

void clear (float* left, float* right, int numFrames) noexcept
{
    juce::FloatVectorOperations::clear (left, numFrames);
    juce::FloatVectorOperations::clear (right, numFrames);
}
} // namespace

SampleReader::~SampleReader()
{
    if (sample != nullptr)
        sample->removeUser();

    if (streamingThread != nullptr)
        streamingThread->remove (*this);

    StreamingStats::addRingBytes (-2 * (juce::int64) ringCapacity * (juce::int64) sizeof (float));
}

int SampleReader::defaultRingFrames (double maxFileSampleRate) noexcept
{
    return (int) std::ceil (2.0 * maxFileSampleRate);
}

void SampleReader::prepare (StreamingThread& thread, int ringCapacityFrames)
{
    jassert (sample == nullptr && ringCapacityFrames > 0);

    if (streamingThread != nullptr)
        streamingThread->remove (*this);

    StreamingStats::addRingBytes (2 * (juce::int64) (ringCapacityFrames - ringCapacity)
                                  * (juce::int64) sizeof (float));
    ringCapacity = ringCapacityFrames;
    ringLeft.calloc ((size_t) ringCapacity);
    ringRight.calloc ((size_t) ringCapacity);

    streamingThread = &thread;
    streamingThread->add (*this);
}

juce::uint64 SampleReader::pack (juce::uint32 gen, juce::int64 index) noexcept
{
    return ((juce::uint64) (gen & generationMask) << indexBits)
           | ((juce::uint64) index & ((juce::uint64{ 1 } << indexBits) - 1));
}

void SampleReader::publishRequest (Sample* newSample, const PlayTimeline& t) noexcept
{
    const auto sequence = requestSequence.load (std::memory_order_relaxed);
    requestSequence.store (sequence + 1, std::memory_order_relaxed);
    std::atomic_thread_fence (std::memory_order_release);

    requestSample.store (newSample, std::memory_order_relaxed);
    requestLength.store (t.getLength(), std::memory_order_relaxed);
    requestStart.store (t.getStartFrame(), std::memory_order_relaxed);
    requestLoop.store (t.isLooping(), std::memory_order_relaxed);
    requestLoopStart.store (t.getLoopStart(), std::memory_order_relaxed);
    requestLoopEnd.store (t.getLoopEnd(), std::memory_order_relaxed);
    requestEnd.store (t.getEndFrame(), std::memory_order_relaxed);
    requestReverse.store (t.isReversed(), std::memory_order_relaxed);

    requestSequence.store (sequence + 2, std::memory_order_release);
    generation = ((sequence + 2) >> 1) & generationMask;
    consumed.store (pack (generation, 0), std::memory_order_release);
}

bool SampleReader::readRequest (Request& request) const noexcept
{
    const auto sequence = requestSequence.load (std::memory_order_acquire);

    if ((sequence & 1) != 0)
        return false;

    request.sample = requestSample.load (std::memory_order_relaxed);
    const auto length = requestLength.load (std::memory_order_relaxed);
    const auto startFrame = requestStart.load (std::memory_order_relaxed);
    const auto loop = requestLoop.load (std::memory_order_relaxed);
    const auto loopStart = requestLoopStart.load (std::memory_order_relaxed);
    const auto loopEnd = requestLoopEnd.load (std::memory_order_relaxed);
    const auto endFrame = requestEnd.load (std::memory_order_relaxed);
    const auto reverse = requestReverse.load (std::memory_order_relaxed);
    std::atomic_thread_fence (std::memory_order_acquire);

    if (requestSequence.load (std::memory_order_relaxed) != sequence)
        return false;

    request.timeline = PlayTimeline (length, startFrame, loop, loopStart, loopEnd, endFrame, reverse);
    request.generation = (sequence >> 1) & generationMask;
    return true;
}

void SampleReader::start (Sample& newSample, juce::int64 startFrame, bool loop, juce::int64 loopStart,
                          juce::int64 loopEnd) noexcept
{
    start (newSample, PlayTimeline (newSample.getLengthInFrames(), startFrame, loop, loopStart, loopEnd));
}

void SampleReader::start (Sample& newSample, const PlayTimeline& newTimeline) noexcept
{
    newSample.addUser();

    if (sample != nullptr)
        sample->removeUser();

    sample = &newSample;
    timeline = newTimeline;
    playIndex = 0;
    fadeInLength = juce::jmax (1, (int) std::ceil (fadeInSeconds * newSample.getSampleRate()));
    fadeInPosition = fadeInLength;
    streamFailed.store (false, std::memory_order_relaxed);
    publishRequest (sample, timeline);
}

void SampleReader::stop() noexcept
{
    if (sample == nullptr)
        return;

    publishRequest (nullptr, {});
    sample->removeUser();
    sample = nullptr;
}

void SampleReader::copyFromRing (float* left, float* right, int numFrames) const noexcept
{
    const auto slot = (int) (playIndex % ringCapacity);
    const auto first = juce::jmin (numFrames, ringCapacity - slot);
    juce::FloatVectorOperations::copy (left, ringLeft + slot, first);
    juce::FloatVectorOperations::copy (right, ringRight + slot, first);
    juce::FloatVectorOperations::copy (left + first, ringLeft.get(), numFrames - first);
    juce::FloatVectorOperations::copy (right + first, ringRight.get(), numFrames - first);
}

int SampleReader::readFrames (float* left, float* right, int numFrames) noexcept
{
    if (sample == nullptr)
    {
        clear (left, right, numFrames);
        return 0;
    }

    const bool failing = sample->hasStreamError();
    const auto published = filled.load (std::memory_order_acquire);
    const auto readyEnd = generationOf (published) == generation ? indexOf (published) : (juce::int64) 0;
    const bool backwards = timeline.isReversed();
    int done = 0, missed = 0;
    bool ended = false;

    while (done < numFrames)
    {
        const auto run = timeline.runAt (playIndex);

        if (run.frames == 0)
        {
            ended = true;
            clear (left + done, right + done, numFrames - done);
            break;
        }

        const auto wanted = juce::jmin ((juce::int64) (numFrames - done), run.frames);
        const auto span = sample->findRam (run.frame, wanted, backwards);
        auto n = span.frames;

        if (n > 0)
        {
            Sample::copyInPlayOrder (span, backwards, left + done, right + done);
        }
        else
        {
            const auto fromDisk = juce::jmin (wanted, span.gapFrames);
            n = (int) juce::jlimit ((juce::int64) 0, fromDisk, readyEnd - playIndex);

            if (n > 0)
            {
                copyFromRing (left + done, right + done, n);
            }
            else
            {
                n = (int) fromDisk;
                clear (left + done, right + done, n);
                missed += n;
                fadeInPosition = 0;
                playIndex += n;
                done += n;
                continue;
            }
        }

        // Fade back in after a miss, so data returning mid-waveform does not click.
        for (int i = 0; i < n && fadeInPosition < fadeInLength; ++i, ++fadeInPosition)
        {
            const auto gain = (float) fadeInPosition / (float) fadeInLength;
            left[done + i] *= gain;
            right[done + i] *= gain;
        }

        playIndex += n;
        done += n;
    }

    if (missed > 0)
    {
        underruns.fetch_add (1, std::memory_order_relaxed);
        missedFrames.fetch_add ((juce::uint64) missed, std::memory_order_relaxed);
        StreamingStats::addMiss ((juce::uint64) missed);
    }

    if (failing)
    {
        // The file went away: fade out what this block has and end the voice.
        for (int i = 0; i < done; ++i)
        {
            const auto gain = 1.0f - (float) (i + 1) / (float) done;
            left[i] *= gain;
            right[i] *= gain;
        }

        streamFailed.store (true, std::memory_order_relaxed);
        stop();
        return done;
    }

    if (ended)
        stop();
    else
        consumed.store (pack (generation, playIndex), std::memory_order_release);

    return done;
}

juce::int64 SampleReader::getBufferedFrames() const noexcept
{
    const auto f = filled.load (std::memory_order_acquire);
    const auto c = consumed.load (std::memory_order_acquire);
    return generationOf (f) == generationOf (c) ? juce::jmax ((juce::int64) 0, indexOf (f) - indexOf (c)) : 0;
}

} // namespace paddeck
