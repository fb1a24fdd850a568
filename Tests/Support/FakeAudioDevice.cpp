#include "Support/FakeAudioDevice.h"

#include <chrono>

namespace paddeck::test
{

FakeAudioDevice::FakeAudioDevice()
    : juce::AudioIODevice ("Fake output", FakeAudioDeviceType::typeName)
    , capture ((size_t) (captureSeconds * 96000), 0.0f)
{
}

FakeAudioDevice::~FakeAudioDevice() { close(); }

juce::String FakeAudioDevice::open (const juce::BigInteger&, const juce::BigInteger&, double sampleRate,
                                    int bufferSize)
{
    close();
    rate = getAvailableSampleRates().contains (sampleRate) ? sampleRate : 48000.0;
    block = getAvailableBufferSizes().contains (bufferSize) ? bufferSize : getDefaultBufferSize();
    opened = true;
    return {};
}

void FakeAudioDevice::close()
{
    stop();
    opened = false;
}

void FakeAudioDevice::start (juce::AudioIODeviceCallback* callback)
{
    stop();
    if (callback == nullptr || !opened)
        return;
    running = callback;
    callback->audioDeviceAboutToStart (this);
    keepRunning = true;
    thread = std::thread ([this, callback] { run (callback); });
}

void FakeAudioDevice::stop()
{
    keepRunning = false;
    if (thread.joinable())
        thread.join();
    if (auto* callback = std::exchange (running, nullptr))
        callback->audioDeviceStopped();
}

void FakeAudioDevice::run (juce::AudioIODeviceCallback* callback)
{
    using Clock = std::chrono::steady_clock;
    const auto period =
        std::chrono::duration_cast<Clock::duration> (std::chrono::duration<double> (block / rate));
    juce::AudioBuffer<float> out (2, block);
    const juce::AudioIODeviceCallbackContext context{};
    auto due = Clock::now();
    while (keepRunning.load (std::memory_order_relaxed))
    {
        due += period;
        callback->audioDeviceIOCallbackWithContext (nullptr, 0, out.getArrayOfWritePointers(), 2, block,
                                                    context);

        const auto at = captured.load (std::memory_order_relaxed);
        const auto n = (juce::int64) juce::jmin ((size_t) block, capture.size() - (size_t) at);
        std::copy_n (out.getReadPointer (0), (size_t) n, capture.begin() + at);
        captured.store (at + n, std::memory_order_release);

        if (Clock::now() > due)
            due = Clock::now(); // late: carries on from now, as a driver after an xrun
        std::this_thread::sleep_until (due);
    }
}

std::vector<float> FakeAudioDevice::getCaptured (juce::int64 start, int frames) const
{
    const auto end = juce::jmin (start + frames, getFramesCaptured());
    if (start < 0 || end <= start)
        return {};
    return { capture.begin() + start, capture.begin() + end };
}

} // namespace paddeck::test
