#include "Tempo/TempoAnalysis.h"

namespace paddeck
{

namespace
{
/** The tempo written for the file (its tag, else its name) and where it is written; 0 for none. */
std::pair<double, const char*> writtenTempo (const TempoAnalysis& a)
{
    if (a.metadataBpm > 0.0)
        return { a.metadataBpm, "file" };
    if (a.nameBpm > 0.0)
        return { a.nameBpm, "name" };
    return { 0.0, "" };
}
} // namespace

double TempoAnalysis::chosenBpm() const
{
    if (oneShot)
        return 0.0;
    const auto written = writtenTempo (*this).first;
    return written > 0.0 ? written : detectedBpm;
}

juce::String TempoAnalysis::chosenSource() const
{
    if (oneShot)
        return {};
    const auto written = writtenTempo (*this);
    if (written.first > 0.0)
        return written.second;
    return detectedBpm > 0.0 ? "detected" : "";
}

bool TempoAnalysis::tagDisagrees() const
{
    const auto written = writtenTempo (*this).first;
    return written > 0.0 && detectedBpm > 0.0 && std::abs (written / detectedBpm - 1.0) > 0.01;
}

} // namespace paddeck
