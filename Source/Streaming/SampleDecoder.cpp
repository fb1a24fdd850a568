#include "Streaming/SampleDecoder.h"

#include "Streaming/AudioFileOpener.h"
#include "Streaming/SincResampler.h"

#include <cmath>

namespace paddeck
{

namespace
{
constexpr int decodeChunkFrames = 65536;

bool stopRequested (const SampleDecoder::ShouldStop& shouldStop)
{
    return shouldStop != nullptr && shouldStop();
}

LoadResult failed (LoadError error, juce::String message) { return { nullptr, error, std::move (message) }; }

/** Decodes [start, start + numFrames) into a buffer of the stored channel count. */
bool decodeRange (FoldingReader& reader, juce::int64 start, int numFrames, juce::AudioBuffer<float>& dest,
                  const SampleDecoder::ShouldStop& shouldStop)
{
    dest.setSize (reader.getStoredChannels(), numFrames);

    for (int done = 0; done < numFrames; done += decodeChunkFrames)
    {
        if (stopRequested (shouldStop))
            return false;

        const auto n = juce::jmin (decodeChunkFrames, numFrames - done);
        auto* right = dest.getNumChannels() > 1 ? dest.getWritePointer (1, done) : nullptr;

        if (!reader.read (start + done, n, dest.getWritePointer (0, done), right))
            return false;
    }

    return true;
}

void fillOverviewFromRam (Sample& sample)
{
    auto& overview = sample.getOverviewForLoader();
    const auto all = sample.findRam (0, sample.getLengthInFrames());
    overview.reset (all.frames);
    overview.add (all.left, all.right, all.frames, 0);
    overview.publish();
}
} // namespace

LoadResult SampleDecoder::decode (const juce::File& file, const PlaybackRegion& region,
                                  const LoadOptions& options, const ShouldStop& shouldStop)
{
    auto opened = AudioFileOpener::open (file);

    if (opened.reader == nullptr)
        return failed (opened.error, opened.message);

    Sample::Info info;
    info.file = file;
    info.fileSampleRate = opened.reader->sampleRate;
    info.lengthInFrames = opened.reader->lengthInSamples;
    info.fileChannels = (int) opened.reader->numChannels;
    info.fileSize = opened.fileSize;
    info.region = region;

    auto reader = std::make_unique<FoldingReader> (std::move (opened.reader));
    const auto ramLength =
        SincResampler::convertedLength (info.lengthInFrames, info.fileSampleRate, options.engineRate);
    const auto ramBytes = ramLength * reader->getStoredChannels() * (juce::int64) sizeof (float);
    const auto cannotRead = [&file]
    { return "\"" + file.getFileName() + "\" could not be decoded (read error)"; };
    const auto cancelled = [] { return failed (LoadError::cancelled, "loading was cancelled"); };

    constexpr auto maxBufferFrames = (juce::int64) std::numeric_limits<int>::max();
    if (ramBytes <= options.streamThresholdBytes && info.lengthInFrames <= maxBufferFrames
        && ramLength <= maxBufferFrames)
    {
        Sample::RamRegion all;

        if (!decodeRange (*reader, 0, (int) info.lengthInFrames, all.frames, shouldStop))
            return stopRequested (shouldStop) ? cancelled() : failed (LoadError::readFailed, cannotRead());

        info.sampleRate = info.fileSampleRate;

        if (info.fileSampleRate != options.engineRate)
        {
            all.frames =
                SincResampler::convert (all.frames, info.fileSampleRate, options.engineRate, shouldStop);

            if (stopRequested (shouldStop))
                return cancelled();

            info.sampleRate = options.engineRate;
            info.lengthInFrames = all.frames.getNumSamples();
        }

        std::vector<Sample::RamRegion> regions;
        regions.push_back (std::move (all));
        Sample::Ptr sample = new Sample (std::move (info), std::move (regions), nullptr);
        fillOverviewFromRam (*sample);
        return { sample, LoadError::none, {} };
    }

    // Streamed: keep primeSeconds of what a hit and a loop wrap play first in RAM: after the start
    // and the loop start, or, reversed, before the end and the loop end.
    info.sampleRate = info.fileSampleRate;
    const auto primeFrames = (juce::int64) std::ceil (options.primeSeconds * info.fileSampleRate);
    const auto length = info.lengthInFrames;
    const auto clampFrame = [length] (juce::int64 f)
    { return juce::jlimit ((juce::int64) 0, length - 1, f); };
    const auto clampEnd = [length] (juce::int64 f)
    { return f < 0 || f > length ? length : juce::jmax ((juce::int64) 1, f); };

    juce::Array<juce::Range<juce::int64>> wanted;
    if (region.reverse)
        for (auto end : { clampEnd (region.endFrame), clampEnd (region.loopEnd) })
            wanted.add ({ juce::jmax ((juce::int64) 0, end - primeFrames), end });
    else
        for (auto start : { clampFrame (region.startFrame), clampFrame (region.loopStart) })
            wanted.add ({ start, juce::jmin (length, start + primeFrames) });

    // Merge overlapping or touching ranges so findRam() sees disjoint, sorted regions.
    std::sort (wanted.begin(), wanted.end(), [] (auto a, auto b) { return a.getStart() < b.getStart(); });
    if (wanted[1].getStart() <= wanted[0].getEnd())
    {
        wanted.set (0, wanted[0].getUnionWith (wanted[1]));
        wanted.remove (1);
    }

    std::vector<Sample::RamRegion> regions;
    for (auto range : wanted)
    {
        Sample::RamRegion ram;
        ram.startFrame = range.getStart();

        if (!decodeRange (*reader, range.getStart(), (int) range.getLength(), ram.frames, shouldStop))
            return stopRequested (shouldStop) ? cancelled() : failed (LoadError::readFailed, cannotRead());

        regions.push_back (std::move (ram));
    }

    return { new Sample (std::move (info), std::move (regions), std::move (reader)), LoadError::none, {} };
}

void SampleDecoder::computeOverview (Sample& sample, const ShouldStop& shouldStop)
{
    auto& overview = sample.getOverviewForLoader();
    auto opened = AudioFileOpener::open (sample.getFile());

    if (opened.reader == nullptr)
        return;

    FoldingReader reader (std::move (opened.reader));
    const auto length = reader.getLengthInFrames();
    juce::AudioBuffer<float> chunk (2, decodeChunkFrames);
    overview.reset (length);

    for (juce::int64 position = 0; position < length; position += decodeChunkFrames)
    {
        if (stopRequested (shouldStop) || sample.isDiscarded())
            return;

        const auto n = (int) juce::jmin ((juce::int64) decodeChunkFrames, length - position);

        if (!reader.read (position, n, chunk.getWritePointer (0), chunk.getWritePointer (1)))
            return;

        overview.add (chunk.getReadPointer (0), chunk.getReadPointer (1), n, position);
    }

    overview.publish();
}

} // namespace paddeck
