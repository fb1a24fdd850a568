#include "Dsp/KeyLockVoice.h"

#include <juce_core/juce_core.h>

#include <algorithm>

namespace paddeck
{

static_assert (std::atomic<double>::is_always_lock_free && std::atomic<std::int64_t>::is_always_lock_free
                   && std::atomic<std::uint64_t>::is_always_lock_free,
               "the audio thread's side of a KeyLockVoice must be wait-free");

KeyLockVoice::KeyLockVoice (double sampleRate, KeyLockEngine engineToUse, int renderAheadFrames)
    : renderer (sampleRate, engineToUse)
    , chunkL ((size_t) KeyLockRenderer::chunkFrames, 0.0f)
    , chunkR ((size_t) KeyLockRenderer::chunkFrames, 0.0f)
    , renderAhead (std::max (KeyLockRenderer::chunkFrames, renderAheadFrames))
    , engine (engineToUse)
{
    const auto capacity = juce::nextPowerOfTwo (renderAhead + 2 * KeyLockRenderer::chunkFrames);
    fifoL.assign ((size_t) capacity, 0.0f);
    fifoR.assign ((size_t) capacity, 0.0f);
    fifoMask = capacity - 1;
}

bool KeyLockVoice::isIdle() const noexcept
{
    const auto req = request.load (std::memory_order_acquire);
    return (req & 1) == 0 && acknowledged.load (std::memory_order_acquire) == req;
}

void KeyLockVoice::start (FrameSource& workerSideSource, const KeyLockPrime* primeToPlay, double pitchRatio,
                          double timeRatio) noexcept
{
    jassert (isIdle());
    source = &workerSideSource;
    startPitch = pitchRatio;
    startTimeRatio = timeRatio;
    prime = primeToPlay != nullptr && primeToPlay->getPitch() == pitchRatio
                    && primeToPlay->getTimeRatio() == timeRatio && primeToPlay->getEngine() == engine
                ? primeToPlay
                : nullptr;
    // What the voice needs of the prime after its frames are played is kept here: the prime itself
    // is let go once played, so a prime replaced (and freed) later is never read again.
    primeInUse.store (prime, std::memory_order_release);
    primeFrames = prime != nullptr ? prime->getNumFrames() : 0;
    if (prime == nullptr || !prime->holdsWholeSample())
        primeEnd = INT64_MAX;
    else
        primeEnd = primeFrames;
    position = 0;
    playPosition.store (0, std::memory_order_relaxed);
    readCount.store (0, std::memory_order_relaxed);
    pitchRequest.store (pitchRatio, std::memory_order_relaxed);
    timeRatioRequest.store (timeRatio, std::memory_order_relaxed);
    ++generation;
    request.store ((generation << 1) | 1, std::memory_order_release);
}

void KeyLockVoice::setPitch (double pitchRatio) noexcept
{
    pitchRequest.store (pitchRatio, std::memory_order_relaxed);
}

void KeyLockVoice::setTimeRatio (double timeRatio) noexcept
{
    timeRatioRequest.store (timeRatio, std::memory_order_relaxed);
}

void KeyLockVoice::stop() noexcept
{
    request.store (generation << 1, std::memory_order_release);
    prime = nullptr;
    primeInUse.store (nullptr, std::memory_order_release);
}

int KeyLockVoice::readFrames (float* left, float* right, int numFrames, bool countMisses) noexcept
{
    const auto req = request.load (std::memory_order_relaxed);
    if ((req & 1) == 0)
    {
        std::fill (left, left + numFrames, 0.0f);
        std::fill (right, right + numFrames, 0.0f);
        return 0;
    }

    const auto live = acknowledged.load (std::memory_order_acquire) == req;
    const auto written = live ? writeCount.load (std::memory_order_acquire) : std::int64_t{ 0 };
    auto end = live ? endFrame.load (std::memory_order_relaxed) : INT64_MAX;
    end = std::min (end, primeEnd);

    int done = 0;

    // The FIFO holds [readCount, written), and readCount never passes position.
    if (written > position)
    {
        const auto n = (int) std::min<std::int64_t> (numFrames, written - position);
        const auto first = (int) (position & fifoMask);
        const auto firstPart = std::min (n, fifoMask + 1 - first);
        std::copy_n (fifoL.data() + first, firstPart, left);
        std::copy_n (fifoR.data() + first, firstPart, right);
        std::copy_n (fifoL.data(), n - firstPart, left + firstPart);
        std::copy_n (fifoR.data(), n - firstPart, right + firstPart);
        done = n;
    }

    // The prime is frame-identical to the worker's output, so the two can meet anywhere.
    if (prime != nullptr && done < numFrames && position + done < primeFrames)
    {
        const auto from = (int) (position + done);
        const auto n = std::min (numFrames - done, primeFrames - from);
        std::copy_n (prime->getLeft() + from, n, left + done);
        std::copy_n (prime->getRight() + from, n, right + done);
        done += n;
    }

    std::fill (left + done, left + numFrames, 0.0f);
    std::fill (right + done, right + numFrames, 0.0f);

    const auto real = (int) std::clamp<std::int64_t> (end - position, 0, numFrames);
    if (done < real && countMisses)
        underruns.fetch_add (1, std::memory_order_relaxed);

    position += numFrames;
    if (position >= primeFrames && prime != nullptr)
    {
        prime = nullptr;
        primeInUse.store (nullptr, std::memory_order_release);
    }
    playPosition.store (position, std::memory_order_relaxed);
    if (live)
        readCount.store (std::min (position, written), std::memory_order_release);

    return real;
}

bool KeyLockVoice::isReadyFor (int numFrames) const noexcept
{
    const auto req = request.load (std::memory_order_acquire);
    if ((req & 1) == 0)
        return true;
    if (acknowledged.load (std::memory_order_acquire) != req)
        return false;

    const auto wanted = playPosition.load (std::memory_order_relaxed) + numFrames;
    return writeCount.load (std::memory_order_acquire)
           >= std::min (wanted, endFrame.load (std::memory_order_relaxed));
}

bool KeyLockVoice::renderAheadChunk()
{
    const auto req = request.load (std::memory_order_acquire);
    if (req != workerRequest)
    {
        workerRequest = req;
        if ((req & 1) != 0)
        {
            renderer.start (startPitch, startTimeRatio);
            writeCount.store (0, std::memory_order_relaxed);
            endFrame.store (INT64_MAX, std::memory_order_relaxed);
        }
        acknowledged.store (req, std::memory_order_release);
    }

    if ((workerRequest & 1) == 0 || renderer.hasEnded())
        return false;

    // Ahead of what the listener has taken, or of where the listener is when the worker fell
    // behind: then it renders on until it is ahead of the playhead again, instead of stalling with
    // a full FIFO of frames nobody will play. (Rendering the skipped frames keeps the stream's
    // input and output in step; restarting at the playhead would be cheaper.)
    const auto written = writeCount.load (std::memory_order_relaxed);
    const auto consumed =
        std::max (readCount.load (std::memory_order_acquire), playPosition.load (std::memory_order_relaxed));
    const auto fill = written - consumed;
    if (fill >= renderAhead)
        return false;

    // A new pitch starts only where the worker is ahead of the listener, so frames the audio
    // thread may still take from the prime are never replaced by differently pitched ones.
    const auto wantedPitch = pitchRequest.load (std::memory_order_relaxed);
    const auto wantedTimeRatio = timeRatioRequest.load (std::memory_order_relaxed);
    if (written >= playPosition.load (std::memory_order_relaxed))
    {
        if (wantedPitch != renderer.getPitch())
            renderer.setPitch (wantedPitch);
        if (wantedTimeRatio != renderer.getTimeRatio())
            renderer.setTimeRatio (wantedTimeRatio);
    }

    const auto n = (int) std::min<std::int64_t> (KeyLockRenderer::chunkFrames, renderAhead - fill);
    const auto real = renderer.render (*source, chunkL.data(), chunkR.data(), n);

    const auto first = (int) (written & fifoMask);
    const auto firstPart = std::min (n, fifoMask + 1 - first);
    std::copy_n (chunkL.data(), firstPart, fifoL.data() + first);
    std::copy_n (chunkR.data(), firstPart, fifoR.data() + first);
    std::copy_n (chunkL.data() + firstPart, n - firstPart, fifoL.data());
    std::copy_n (chunkR.data() + firstPart, n - firstPart, fifoR.data());

    if (renderer.hasEnded())
        endFrame.store (written + real, std::memory_order_relaxed);
    writeCount.store (written + n, std::memory_order_release);
    return true;
}

} // namespace paddeck
