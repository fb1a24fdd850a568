#include "Control/SnapshotCompiler.h"

#include "Dsp/ResampledSource.h"
#include "Engine/LoopFadeSource.h"
#include "Model/ControlRanges.h"
#include "Model/Identifiers.h"
#include "Streaming/SampleRamSource.h"

namespace paddeck
{

PadSnapshot SnapshotCompiler::compilePad (const PadSettings& settings, Sample::Ptr sample,
                                          std::shared_ptr<const KeyLockPrime> keyLockPrime,
                                          Quantize globalQuantize, int beatsPerBar)
{
    PadSnapshot pad;
    pad.sample = std::move (sample);
    pad.keyLockPrime = std::move (keyLockPrime);
    pad.settings = settings;
    pad.region = regionOf (settings);
    pad.pitchRatio = settings.pitchRatio();
    pad.gain =
        settings.gainDb <= PadSettings::gainMinDb ? 0.0f : juce::Decibels::decibelsToGain (settings.gainDb);
    pad.eqLow = PadSettings::bandGain (settings.eqLowDb, settings.eqLowKill);
    pad.eqMid = PadSettings::bandGain (settings.eqMidDb, settings.eqMidKill);
    pad.eqHigh = PadSettings::bandGain (settings.eqHighDb, settings.eqHighKill);
    pad.isEqFlat = pad.eqLow == 1.0f && pad.eqMid == 1.0f && pad.eqHigh == 1.0f;
    pad.bpm = settings.hasTempo() ? settings.bpm : 0.0;
    pad.synced = settings.isSynced();
    pad.quantizeBeats = QuantizeGrid::beats (settings.launchQuantize (globalQuantize), beatsPerBar);
    pad.quantizeStop = settings.quantizeStop;
    pad.inPhase = settings.inPhase;
    pad.downbeat = settings.downbeat;
    if (pad.sample != nullptr && settings.hasTempo() && settings.shouldLoop())
        pad.loopBeats = snapLoop (*pad.sample, settings, settings.bpm).beats;
    return pad;
}

PlaybackRegion SnapshotCompiler::regionOf (const PadSettings& s) noexcept
{
    return { s.playStartFrame(), s.loopStart, s.loopEnd, s.endFrame, s.reverse };
}

std::shared_ptr<const KeyLockPrime>
    SnapshotCompiler::makeKeyLockPrime (const Sample& sample, const PadSettings& settings, double engineRate,
                                        KeyLockEngine engine, double masterBpm)
{
    // What a hit plays first, from RAM, shaped as the voice shapes it (its order, fades and
    // seams), at the engine rate, pitched.
    const auto timeline = PlayTimeline::of (sample, regionOf (settings), settings.shouldLoop());
    SampleRamSource ram (sample, timeline);
    LoopFadeSource shaped (ram);
    shaped.startForPad (timeline, settings, sample.getSampleRate());
    const auto rateRatio = sample.getResampleRatio (engineRate);
    ResampledSource atEngineRate;
    atEngineRate.prepare (KeyLockRenderer::chunkFrames);
    atEngineRate.reset (shaped, rateRatio);
    FrameSource& source = rateRatio == 1.0 ? static_cast<FrameSource&> (shaped) : atEngineRate;

    const auto available =
        (double) ram.framesAvailable ((juce::int64) (4.0 * sample.getSampleRate())) / rateRatio;
    const auto frames = (int) juce::jmin (KeyLockPrime::defaultSeconds * engineRate, available - 64.0);
    if (frames <= 0)
        return {};
    return KeyLockPrime::make (source, engineRate, engine, settings.pitchRatio(), frames,
                               keyLockTimeRatio (settings, masterBpm));
}

LoopSnap SnapshotCompiler::snapLoop (const Sample& sample, const PadSettings& s, double bpm)
{
    const auto fileLength = (juce::int64) std::llround (
        (double) sample.getLengthInFrames() * sample.getFileSampleRate() / sample.getSampleRate());
    const auto end = s.loopEnd < 0 || s.loopEnd > fileLength ? fileLength : s.loopEnd;
    const auto length = juce::jmax ((juce::int64) 0, end - juce::jlimit ((juce::int64) 0, end, s.loopStart));
    return LoopSnap::snap (bpm, length, sample.getFileSampleRate());
}

double SnapshotCompiler::keyLockTimeRatio (const PadSettings& settings, double masterBpm) noexcept
{
    return settings.isSynced() && masterBpm > 0.0 ? settings.bpm / masterBpm : 1.0;
}

std::unique_ptr<EngineSnapshot> SnapshotCompiler::compile (const juce::ValueTree& set,
                                                           const std::vector<PadMaterial>& material,
                                                           const MidiMapping& mapping)
{
    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->padsPerBank = (int) set[IDs::gridRows] * (int) set[IDs::gridColumns];
    snapshot->midi = MidiTriggerMap::compile (mapping, set[IDs::gridRows], set[IDs::gridColumns]);
    snapshot->currentBank = set[IDs::currentBank];
    const double masterDb = set[IDs::masterGainDb];
    snapshot->masterGain = masterDb <= -100.0 ? 0.0f : juce::Decibels::decibelsToGain ((float) masterDb);
    snapshot->tempoBpm = set.getProperty (IDs::tempoBpm, 120.0);
    snapshot->beatsPerBar = set.getProperty (IDs::beatsPerBar, 4);
    snapshot->metronome = set.getProperty (IDs::metronome, false);
    const double cueDb = set.getProperty (IDs::cueLevelDb, 0.0);
    snapshot->cueGain =
        cueDb <= ControlRanges::masterOffDb ? 0.0f : juce::Decibels::decibelsToGain ((float) cueDb);
    snapshot->cueBlend = juce::jlimit (0.0f, 1.0f, (float) (double) set.getProperty (IDs::cueBlend, 0.0));
    snapshot->metronomeToCue = set.getProperty (IDs::metronomeToCue, false);
    Quantize globalQuantize = Quantize::bar;
    QuantizeGrid::parse (set[IDs::quantize].toString(), globalQuantize);

    snapshot->pads.reserve ((size_t) (set.getNumChildren() * snapshot->padsPerBank));
    for (const auto& bank : set)
        for (int p = 0; p < snapshot->padsPerBank; ++p)
        {
            const auto index = snapshot->pads.size();
            const auto padTree = bank.getChild (p);
            const auto settings = padTree.isValid() ? PadSettings::fromValueTree (padTree) : PadSettings();
            snapshot->pads.push_back (
                index < material.size()
                    ? compilePad (settings, material[index].sample, material[index].keyLockPrime,
                                  globalQuantize, snapshot->beatsPerBar)
                    : compilePad (settings, nullptr, {}, globalQuantize, snapshot->beatsPerBar));
            if (index < material.size())
                snapshot->pads.back().renderedStretch = material[index].renderedStretch;
        }

    return snapshot;
}

} // namespace paddeck
