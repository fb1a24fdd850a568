#include "Dsp/KeyLockVoice.h"

#include "Dsp/CrossfadeLaw.h"

#include <juce_core/juce_core.h>

#include <algorithm>
#include <limits>

namespace paddeck
{

static_assert (std::atomic<double>::is_always_lock_free && std::atomic<std::int64_t>::is_always_lock_free
                   && std::atomic<std::uint64_t>::is_always_lock_free,
               "the audio thread's side of a KeyLockVoice must be wait-free");

// The history holds what a cut may re-read: the input behind the FIFO's frames (the render-ahead
// at the slowest time ratio), what Rubber Band holds back, and the pre-roll before the cut.
static int historyFramesFor (const KeyLockRenderer::Extents& extents, int renderAhead)
{
    return (int) std::ceil (renderAhead / KeyLockRenderer::minTimeRatio) + extents.inputLatency
           + extents.startPad + 2 * KeyLockRenderer::chunkFrames;
}

KeyLockVoice::KeyLockVoice (double sampleRate, KeyLockEngine engineToUse, int renderAheadFrames,
                            int maxBlockFrames)
    : renderer (sampleRate, engineToUse)
    , extents (KeyLockRenderer::measureExtents (sampleRate, engineToUse))
    , history (historyFramesFor (extents, std::max (KeyLockRenderer::chunkFrames, renderAheadFrames)))
    , chunkL ((size_t) KeyLockRenderer::chunkFrames, 0.0f)
    , chunkR ((size_t) KeyLockRenderer::chunkFrames, 0.0f)
    , renderAhead (std::max (KeyLockRenderer::chunkFrames, renderAheadFrames))
    , engine (engineToUse)
    , maxBlock (std::max (1, maxBlockFrames))
    // A quarter of a render-ahead chunk is rendered in well under 5 ms even by a busy worker.
    , cutMargin (2 * maxBlock + KeyLockRenderer::chunkFrames / 2)
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
    primeCover.store (primeFrames, std::memory_order_relaxed);
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
    if (pitchRequest.exchange (pitchRatio, std::memory_order_relaxed) != pitchRatio)
        moveAskedAt.store (position, std::memory_order_relaxed);
}

void KeyLockVoice::setTimeRatio (double timeRatio) noexcept
{
    if (timeRatioRequest.exchange (timeRatio, std::memory_order_relaxed) != timeRatio)
        moveAskedAt.store (position, std::memory_order_relaxed);
}

void KeyLockVoice::noteMoveHeardAt (std::int64_t outputFrame) noexcept
{
    // One count for every voice: the meter shows the move made last, whichever voice made it.
    static std::atomic<std::uint64_t> moves{ 0 };
    moveLatency.store (std::max<std::int64_t> (0, outputFrame - moveAskedAt.load (std::memory_order_relaxed)),
                       std::memory_order_relaxed);
    moveSerial.store (moves.fetch_add (1, std::memory_order_relaxed) + 1, std::memory_order_release);
}

KeyLockVoice::MoveLatency KeyLockVoice::getLastMoveLatency() const noexcept
{
    MoveLatency m;
    m.serial = moveSerial.load (std::memory_order_acquire);
    m.frames = moveLatency.load (std::memory_order_relaxed);
    return m;
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
    // seq_cst pairs with the worker's cut (tryCut): either this sees the retracted count, or the
    // playhead this block starts at was stored before the worker checks it.
    const auto written = live ? writeCount.load (std::memory_order_seq_cst) : std::int64_t{ 0 };
    auto end = live ? endFrame.load (std::memory_order_relaxed) : INT64_MAX;
    end = std::min (end, primeEnd);
    const auto primeUsable =
        std::min<std::int64_t> (primeFrames, live ? primeLimit.load (std::memory_order_relaxed) : INT64_MAX);

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
    // Only below a cut, though: past it the FIFO's frames are re-rendered at the new pitch.
    if (prime != nullptr && done < numFrames && position + done < primeUsable)
    {
        const auto from = (int) (position + done);
        const auto n = std::min (numFrames - done, (int) primeUsable - from);
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
    playPosition.store (position, std::memory_order_seq_cst);
    if (live)
        readCount.store (std::min (position, written), std::memory_order_release);

    return real;
}

std::int64_t KeyLockVoice::getWorkerSlack() const noexcept
{
    const auto req = request.load (std::memory_order_acquire);
    if (acknowledged.load (std::memory_order_acquire) != req)
        return std::numeric_limits<std::int64_t>::lowest();
    if ((req & 1) == 0)
        return noWorkerNeeded;
    if (pitchRequest.load (std::memory_order_relaxed) != renderedPitch.load (std::memory_order_relaxed)
        || timeRatioRequest.load (std::memory_order_relaxed)
               != renderedTimeRatio.load (std::memory_order_relaxed))
        return std::numeric_limits<std::int64_t>::lowest();

    const auto covered = std::max (
        writeCount.load (std::memory_order_relaxed),
        std::min (primeCover.load (std::memory_order_relaxed), primeLimit.load (std::memory_order_relaxed)));
    return covered - playPosition.load (std::memory_order_relaxed);
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

KeyLockVoice::Cut KeyLockVoice::tryCut (double wantedPitch, double wantedTimeRatio)
{
    if (renderAhead < cutMargin + cutFadeFrames)
        return Cut::never;

    const auto written = writeCount.load (std::memory_order_relaxed);
    const auto consumed =
        std::max (readCount.load (std::memory_order_acquire), playPosition.load (std::memory_order_seq_cst));
    const auto cut = consumed + cutMargin;
    if (renderer.hasEnded() && cut >= endFrame.load (std::memory_order_relaxed))
        return Cut::never; // nothing left to re-render
    if (cut < runStart + std::max (cutFadeFrames, minCutSpacing) || written < cut + cutFadeFrames)
        return Cut::later;

    const auto inputFrame = std::min (history.getLiveCount(),
                                      (std::int64_t) std::llround (renderer.inputFrameFor (cut - runStart)));
    const auto preRoll = std::min<std::int64_t> (extents.startPad, inputFrame);
    if (inputFrame - preRoll < history.getOldestFrame())
        return Cut::never;

    // The audio thread reads only below the write count it loaded at the top of its block, and
    // stores the playhead at the end of the block; all four are seq_cst. So once the count is
    // retracted to `cut`, a block still reading with the old count started at a playhead stored
    // before the load below: it reads at most [playedTo, playedTo + maxBlock). If that reaches the
    // cut (this thread stalled since `consumed` was read), the old count is put back, untouched,
    // and the cut is tried later. Blocks that see the retracted count stop at the cut, and take
    // nothing from the prime past it (primeLimit, published before the count).
    const auto oldPrimeLimit = primeLimit.load (std::memory_order_relaxed);
    primeLimit.store (std::min (oldPrimeLimit, cut), std::memory_order_relaxed);
    writeCount.store (cut, std::memory_order_seq_cst);
    const auto playedTo = playPosition.load (std::memory_order_seq_cst);
    if (playedTo + maxBlock > cut)
    {
        writeCount.store (written, std::memory_order_seq_cst);
        primeLimit.store (oldPrimeLimit, std::memory_order_relaxed);
        return Cut::later;
    }

    restartAt (cut, inputFrame, preRoll, wantedPitch, wantedTimeRatio);
    lastCut.store (cut, std::memory_order_relaxed);
    return Cut::made;
}

void KeyLockVoice::restartAt (std::int64_t outputFrame, std::int64_t inputFrame, std::int64_t preRoll,
                              double pitchRatio, double timeRatio)
{
    endFrame.store (INT64_MAX, std::memory_order_relaxed); // the new run finds the end again
    history.seek (inputFrame - preRoll);
    renderer.startAt (pitchRatio, timeRatio, history, (int) preRoll, inputFrame);
    runStart = outputFrame;
    fadeEnd = outputFrame + cutFadeFrames;
    fadeMeasured = false;
}

bool KeyLockVoice::skipToPlayhead (std::int64_t written, std::int64_t consumed, double wantedPitch,
                                   double wantedTimeRatio)
{
    // The new run starts a cut's margin past the playhead, so the audio thread is not reading there
    // yet; the input up to its frame is read through the history (cheap: no Rubber Band).
    const auto target = consumed + cutMargin;
    auto inputFrame = (std::int64_t) std::llround (renderer.inputFrameFor (target - runStart));
    const auto live = history.getLiveCount();
    if (inputFrame <= live)
    {
        if (inputFrame - std::min<std::int64_t> (extents.startPad, inputFrame) < history.getOldestFrame())
            return false;
    }
    else
    {
        // Once read forward, the history's read position has left the renderer's: the restart is
        // made whatever follows. A sample that ends before the playhead restarts at its end, and ends.
        history.seek (live);
        while (history.getLiveCount() < inputFrame)
        {
            const auto n = (int) std::min<std::int64_t> (KeyLockRenderer::chunkFrames,
                                                         inputFrame - history.getLiveCount());
            if (history.readFrames (chunkL.data(), chunkR.data(), n) < n)
                break;
        }
        inputFrame = std::min (inputFrame, history.getLiveCount());
    }
    const auto preRoll = std::min<std::int64_t> (extents.startPad, inputFrame);

    // Up to the new run the FIFO plays silence, and the run fades in from it (a cut's fade from
    // silent frames): the playhead is past the prime, so the listener already heard a gap there.
    for (auto frame = std::max (written, consumed); frame < target + cutFadeFrames; ++frame)
        fifoL[(size_t) (frame & fifoMask)] = fifoR[(size_t) (frame & fifoMask)] = 0.0f;
    primeLimit.store (std::min (primeLimit.load (std::memory_order_relaxed), target),
                      std::memory_order_relaxed);
    restartAt (target, inputFrame, preRoll, wantedPitch, wantedTimeRatio);
    // The audio thread reads those silent frames without counting a miss: one is counted for them.
    underruns.fetch_add (1, std::memory_order_relaxed);
    writeCount.store (target, std::memory_order_release);
    return true;
}

void KeyLockVoice::writeChunk (std::int64_t at, int n)
{
    // Over a cut's fade the FIFO still holds the old frames (slots at and past the write count are
    // only ever written here): they fade into the new ones.
    if (at < fadeEnd)
    {
        const auto m = (int) std::min<std::int64_t> (n, fadeEnd - at);
        if (!fadeMeasured)
        {
            double xy = 0.0, xx = 0.0, yy = 0.0;
            for (int i = 0; i < m; ++i)
            {
                const auto slot = (size_t) ((at + i) & fifoMask);
                for (auto [o, v] : { std::pair{ fifoL[slot], chunkL[(size_t) i] },
                                     std::pair{ fifoR[slot], chunkR[(size_t) i] } })
                {
                    xy += (double) o * v;
                    xx += (double) o * o;
                    yy += (double) v * v;
                }
            }
            fadeCorrelation = CrossfadeLaw::correlation (xy, xx, yy);
            fadeMeasured = true;
        }
        for (int i = 0; i < m; ++i)
        {
            const auto slot = (size_t) ((at + i) & fifoMask);
            float fromGain = 1.0f, toGain = 0.0f;
            const auto t = ((double) (at + i - runStart) + 0.5) / cutFadeFrames;
            CrossfadeLaw::gains (t, fadeCorrelation, fromGain, toGain);
            chunkL[(size_t) i] = fromGain * fifoL[slot] + toGain * chunkL[(size_t) i];
            chunkR[(size_t) i] = fromGain * fifoR[slot] + toGain * chunkR[(size_t) i];
        }
    }

    const auto first = (int) (at & fifoMask);
    const auto firstPart = std::min (n, fifoMask + 1 - first);
    std::copy_n (chunkL.data(), firstPart, fifoL.data() + first);
    std::copy_n (chunkR.data(), firstPart, fifoR.data() + first);
    std::copy_n (chunkL.data() + firstPart, n - firstPart, fifoL.data());
    std::copy_n (chunkR.data() + firstPart, n - firstPart, fifoR.data());
}

bool KeyLockVoice::renderAheadChunk()
{
    const auto req = request.load (std::memory_order_acquire);
    if (req != workerRequest)
    {
        workerRequest = req;
        if ((req & 1) != 0)
        {
            history.reset (*source);
            renderer.start (startPitch, startTimeRatio);
            runStart = fadeEnd = 0;
            fadeMeasured = true;
            primeLimit.store (INT64_MAX, std::memory_order_relaxed);
            lastCut.store (-1, std::memory_order_relaxed);
            writeCount.store (0, std::memory_order_relaxed);
            endFrame.store (INT64_MAX, std::memory_order_relaxed);
        }
        acknowledged.store (req, std::memory_order_release);
    }

    if ((workerRequest & 1) == 0)
        return false;

    auto worked = false;
    const auto wantedPitch = pitchRequest.load (std::memory_order_relaxed);
    const auto wantedTimeRatio = timeRatioRequest.load (std::memory_order_relaxed);
    if (wantedPitch != renderer.getPitch() || wantedTimeRatio != renderer.getTimeRatio())
    {
        const auto cut = tryCut (wantedPitch, wantedTimeRatio);
        worked = cut == Cut::made;
        if (worked)
            noteMoveHeardAt (fadeEnd);
        // Without a cut, a new pitch starts only where the worker is ahead of the listener, so
        // frames the audio thread may still take from the prime are never replaced by
        // differently pitched ones.
        if (cut == Cut::never
            && writeCount.load (std::memory_order_relaxed) >= playPosition.load (std::memory_order_relaxed))
        {
            renderer.setPitch (wantedPitch);
            renderer.setTimeRatio (wantedTimeRatio);
            noteMoveHeardAt (writeCount.load (std::memory_order_relaxed));
        }
    }

    renderedPitch.store (renderer.getPitch(), std::memory_order_relaxed);
    renderedTimeRatio.store (renderer.getTimeRatio(), std::memory_order_relaxed);

    if (renderer.hasEnded())
        return worked;

    // Ahead of what the listener has taken, or of where the listener is when the worker fell
    // behind. Behind the prime, it renders the frames the prime plays (they must match it); past
    // the prime, a voice that fell further behind than a restart costs restarts just ahead of the
    // playhead, instead of rendering frames nobody will hear while it stays silent.
    auto written = writeCount.load (std::memory_order_relaxed);
    const auto consumed =
        std::max (readCount.load (std::memory_order_acquire), playPosition.load (std::memory_order_relaxed));
    if (consumed - written > extents.startPad + cutMargin
        && consumed >= primeCover.load (std::memory_order_relaxed)
        && skipToPlayhead (written, consumed, wantedPitch, wantedTimeRatio))
    {
        renderedPitch.store (renderer.getPitch(), std::memory_order_relaxed);
        renderedTimeRatio.store (renderer.getTimeRatio(), std::memory_order_relaxed);
        written = consumed + cutMargin;
        worked = true;
    }
    const auto fill = written - consumed;
    if (fill >= renderAhead)
        return worked;

    const auto n = (int) std::min<std::int64_t> (KeyLockRenderer::chunkFrames, renderAhead - fill);
    const auto real = renderer.render (history, chunkL.data(), chunkR.data(), n);
    writeChunk (written, n);

    if (renderer.hasEnded())
        endFrame.store (written + real, std::memory_order_relaxed);
    writeCount.store (written + n, std::memory_order_release);
    return true;
}

} // namespace paddeck
