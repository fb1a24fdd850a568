#include "Dsp/KeyLockHistory.h"

#include <juce_core/juce_core.h>

#include <algorithm>

namespace paddeck
{

KeyLockHistory::KeyLockHistory (int capacityFrames)
{
    const auto capacity = juce::nextPowerOfTwo (std::max (1024, capacityFrames));
    ringL.assign ((size_t) capacity, 0.0f);
    ringR.assign ((size_t) capacity, 0.0f);
    mask = capacity - 1;
}

void KeyLockHistory::reset (FrameSource& liveSource) noexcept
{
    live = &liveSource;
    liveCount = position = 0;
    liveEnded = false;
}

std::int64_t KeyLockHistory::getOldestFrame() const noexcept
{
    return std::max<std::int64_t> (0, liveCount - (mask + 1));
}

bool KeyLockHistory::seek (std::int64_t frame) noexcept
{
    if (frame < getOldestFrame() || frame > liveCount)
        return false;
    position = frame;
    return true;
}

int KeyLockHistory::readFrames (float* left, float* right, int numFrames) noexcept
{
    int done = 0;
    while (done < numFrames && position < liveCount)
    {
        const auto slot = (int) (position & mask);
        const auto n =
            (int) std::min<std::int64_t> ({ numFrames - done, liveCount - position, mask + 1 - slot });
        std::copy_n (ringL.data() + slot, n, left + done);
        std::copy_n (ringR.data() + slot, n, right + done);
        done += n;
        position += n;
    }

    if (done < numFrames && !liveEnded && live != nullptr)
    {
        // Once the live source came up short it has ended: it is not read again.
        const auto wanted = numFrames - done;
        const auto got = std::clamp (live->readFrames (left + done, right + done, wanted), 0, wanted);
        liveEnded = got < wanted;
        for (int i = 0; i < got;)
        {
            const auto slot = (int) ((liveCount + i) & mask);
            const auto n = std::min (got - i, mask + 1 - slot);
            std::copy_n (left + done + i, n, ringL.data() + slot);
            std::copy_n (right + done + i, n, ringR.data() + slot);
            i += n;
        }
        liveCount += got;
        position += got;
        done += got;
    }

    std::fill (left + done, left + numFrames, 0.0f);
    std::fill (right + done, right + numFrames, 0.0f);
    return done;
}

} // namespace paddeck
