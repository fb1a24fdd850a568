#include "PacedDevice.h"

#include "Support/AllocationCounter.h"

#include <chrono>

namespace paddeck::soak
{

PacedDevice::PacedDevice (double sampleRate, int blockSize)
    : juce::AudioIODevice ("Soak", "Soak")
    , rate (sampleRate)
    , block (blockSize)
{
}

PacedDevice::~PacedDevice() { stop(); }

void PacedDevice::start (juce::AudioIODeviceCallback* callback)
{
    stop();
    callback->audioDeviceAboutToStart (this);
    running = true;
    thread = std::thread ([this, callback] { run (callback); });
}

void PacedDevice::stop()
{
    running = false;
    if (thread.joinable())
        thread.join();
}

void PacedDevice::run (juce::AudioIODeviceCallback* callback)
{
    using Clock = std::chrono::steady_clock;
    const auto period =
        std::chrono::duration_cast<Clock::duration> (std::chrono::duration<double> (block / rate));
    juce::AudioBuffer<float> out (2, block); // before counting starts: the device's own buffer
    const juce::AudioIODeviceCallbackContext context{};
    auto due = Clock::now();

    // Everything this thread allocates from here is the engine's doing, inside a callback.
    const test::ScopedAllocationCounter counter;
    while (running.load (std::memory_order_relaxed))
    {
        due += period;
        callback->audioDeviceIOCallbackWithContext (nullptr, 0, out.getArrayOfWritePointers(), 2, block,
                                                    context);
        blocks.fetch_add (1, std::memory_order_relaxed);
        allocations.store ((juce::int64) counter.getAllocations(), std::memory_order_relaxed);

        const auto now = Clock::now();
        if (now > due)
        {
            lateBlocks.fetch_add (1, std::memory_order_relaxed);
            due = now; // a driver that missed its period carries on from now, as JACK does after an xrun
        }
        std::this_thread::sleep_until (due);
    }
}

} // namespace paddeck::soak
