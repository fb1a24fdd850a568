#include "Engine/RenderedStretchPlayer.h"

namespace paddeck
{

void RenderedStretchPlayer::prepare (double engineRate, int maxBlockSize, StreamingThread& streaming)
{
    reader.prepare (streaming, SampleReader::defaultRingFrames (juce::jmax (48000.0, engineRate)));
    resampler.prepare (maxBlockSize);
    stretch = nullptr;
}

void RenderedStretchPlayer::start (const RenderedStretch& s, juce::int64 frame, bool loop) noexcept
{
    stretch = &s;
    auto& sample = *s.sample;
    const auto length = sample.getLengthInFrames();
    const bool loops = loop && s.layout.loopEnd > s.layout.loopStart;
    const auto loopStart = loops ? s.layout.loopStart : 0;
    const auto loopEnd = loops ? s.layout.loopEnd : (juce::int64) -1;
    frame = juce::jlimit ((juce::int64) 0, juce::jmax ((juce::int64) 0, length - 1), frame);
    reader.start (sample, frame, loops, loopStart, loopEnd);
    shaped.start (frame, length, loops, loopStart, loopEnd, 0); // seamless: no fades at its wraps
    resampler.reset();
}

void RenderedStretchPlayer::stop() noexcept
{
    reader.stop();
    stretch = nullptr;
}

bool RenderedStretchPlayer::isReadyFor (int numFrames) const noexcept
{
    if (stretch == nullptr)
        return false;
    const auto& sample = *stretch->sample;
    if (!sample.isStreamed() || sample.findRam (shaped.getPosition(), numFrames).frames >= numFrames)
        return true;
    // Room for the resampler's look-ahead and a ratio a little above 1.
    return reader.getBufferedFrames() >= numFrames + numFrames / 8 + 64;
}

int RenderedStretchPlayer::render (float* left, float* right, int numFrames, double ratio) noexcept
{
    if (stretch == nullptr)
    {
        juce::FloatVectorOperations::clear (left, numFrames);
        juce::FloatVectorOperations::clear (right, numFrames);
        return 0;
    }
    return resampler.process (shaped, left, right, numFrames, ratio, false);
}

} // namespace paddeck
