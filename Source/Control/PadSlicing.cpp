#include "Control/PadSlicing.h"

#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

PadSlicing::~PadSlicing() { searcher.removeAllJobs (true, 60000); }

juce::int64 PadSlicing::fileFramesOf (const Sample& sample)
{
    if (sample.isStreamed() || sample.getSampleRate() == sample.getFileSampleRate())
        return sample.getLengthInFrames();
    return (juce::int64) std::llround ((double) sample.getLengthInFrames() * sample.getFileSampleRate()
                                       / sample.getSampleRate());
}

PadSettings PadSlicing::sliceSettings (const PadSettings& source, const Slicer::Slice& slice, int k)
{
    // The slice sounds as its source does (pitch, EQ, gain), plays once, at once: a hit on a
    // slice is a drum hit, never held back for the bar. Its tempo is the file's, not synced.
    auto s = source;
    const auto name =
        source.name.isNotEmpty() ? source.name : juce::File (source.file).getFileNameWithoutExtension();
    s.name = name + " " + juce::String (k + 1);
    s.playMode = PlayMode::oneShot;
    s.chokeGroup = 0;
    s.startFrame = s.loopStart = slice.start; // a slice made to loop loops itself
    s.endFrame = s.loopEnd = slice.end;
    s.reverse = false;
    s.fadeInMs = s.fadeOutMs = 0.0f;
    s.sync = false;
    s.quantize = (int) Quantize::off;
    s.inPhase = false;
    s.cue = false;
    return s;
}

std::pair<juce::int64, juce::int64> PadSlicing::regionOf (const PadSettings& pad, juce::int64 fileFrames)
{
    const auto to = pad.endFrame < 0 ? fileFrames : juce::jlimit ((juce::int64) 0, fileFrames, pad.endFrame);
    return { juce::jlimit ((juce::int64) 0, to, pad.startFrame), to };
}

std::vector<Slicer::Slice> PadSlicing::endingAtFileEnd (std::vector<Slicer::Slice> slices,
                                                        juce::int64 fileFrames)
{
    for (auto& s : slices)
        if (s.end >= fileFrames)
            s.end = -1;
    return slices;
}

void PadSlicing::find (const PadSettings& pad, const Sample& sample, SliceMode mode, int maxCount,
                       Found found)
{
    const auto fileFrames = fileFramesOf (sample);
    const auto [from, to] = regionOf (pad, fileFrames);

    if (mode == SliceMode::equalParts)
        return found (juce::Result::ok(), endingAtFileEnd (Slicer::equal (from, to, maxCount), fileFrames));

    if (mode == SliceMode::beats)
    {
        if (!pad.hasTempo())
            return found (juce::Result::fail ("This pad has no tempo to slice it by beats."), {});
        return found (juce::Result::ok(),
                      endingAtFileEnd (Slicer::byBeats (from, to, sample.getFileSampleRate(), pad.bpm,
                                                        pad.downbeat, maxCount),
                                       fileFrames));
    }

    ++searches;
    searcher.addJob (
        [this, file = sample.getFile(), start = pad.startFrame, end = pad.endFrame, maxCount,
         found = std::move (found)]
        {
            auto opened = AudioFileOpener::open (file);
            auto result = juce::Result::ok();
            std::vector<Slicer::Slice> slices;
            if (opened.reader == nullptr)
                result = juce::Result::fail (opened.message);
            else
            {
                // The reader knows the file's exact length, whatever rate the pad's sample plays at.
                const auto length = opened.reader->lengthInSamples;
                PadSettings region;
                region.startFrame = start;
                region.endFrame = end;
                const auto [onsetsFrom, onsetsTo] = regionOf (region, length);
                slices = endingAtFileEnd (
                    Slicer::atOnsets (Slicer::findOnsets (*opened.reader, onsetsFrom, onsetsTo), onsetsFrom,
                                      onsetsTo, maxCount),
                    length);
                if (slices.empty())
                    result = juce::Result::fail ("No onsets were found in " + file.getFileName() + ".");
            }

            juce::MessageManager::callAsync (
                [this, result, slices = std::move (slices), found, alive = std::weak_ptr<bool> (lifetime)]
                {
                    if (alive.expired())
                        return;
                    --searches;
                    found (result, slices);
                });
        });
}

} // namespace paddeck
