#include "Control/SnapshotCompiler.h"

#include "Model/Identifiers.h"

namespace paddeck
{

PadSnapshot SnapshotCompiler::compilePad (const PadSettings& settings, Sample::Ptr sample)
{
    PadSnapshot pad;
    pad.sample = std::move (sample);
    pad.settings = settings;
    pad.pitchRatio = settings.pitchRatio();
    pad.gain = settings.gainDb <= PadSettings::gainMinDb ? 0.0f : juce::Decibels::decibelsToGain (settings.gainDb);
    pad.eqLow = PadSettings::bandGain (settings.eqLowDb, settings.eqLowKill);
    pad.eqMid = PadSettings::bandGain (settings.eqMidDb, settings.eqMidKill);
    pad.eqHigh = PadSettings::bandGain (settings.eqHighDb, settings.eqHighKill);
    pad.isEqFlat = pad.eqLow == 1.0f && pad.eqMid == 1.0f && pad.eqHigh == 1.0f;
    return pad;
}

std::unique_ptr<EngineSnapshot> SnapshotCompiler::compile (const juce::ValueTree& set,
                                                           const std::vector<Sample::Ptr>& samples)
{
    auto snapshot = std::make_unique<EngineSnapshot>();
    snapshot->padsPerBank = (int) set[IDs::gridRows] * (int) set[IDs::gridColumns];
    snapshot->currentBank = set[IDs::currentBank];
    const double masterDb = set[IDs::masterGainDb];
    snapshot->masterGain = masterDb <= -100.0 ? 0.0f : juce::Decibels::decibelsToGain ((float) masterDb);

    snapshot->pads.reserve ((size_t) (set.getNumChildren() * snapshot->padsPerBank));
    for (const auto& bank : set)
        for (int p = 0; p < snapshot->padsPerBank; ++p)
        {
            const auto index = snapshot->pads.size();
            const auto padTree = bank.getChild (p);
            snapshot->pads.push_back (compilePad (padTree.isValid() ? PadSettings::fromValueTree (padTree)
                                                                    : PadSettings(),
                                                  index < samples.size() ? samples[index] : nullptr));
        }

    return snapshot;
}

} // namespace paddeck
