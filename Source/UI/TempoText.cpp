#include "UI/TempoText.h"

namespace paddeck
{

juce::String TempoText::padBpm (double bpm)
{
    if (bpm == 0.0)
        return juce::String::fromUTF8 ("\u2014");
    if (bpm < 0.0)
        return {};
    auto text = juce::String (std::round (bpm * 100.0) / 100.0, 2);
    while (text.containsChar ('.') && (text.endsWithChar ('0') || text.endsWithChar ('.')))
        text = text.dropLastCharacters (1);
    return text;
}

juce::String TempoText::bpm (double bpm) { return juce::String (bpm, 2); }

std::optional<double> TempoText::parseBpm (const juce::String& text)
{
    const auto typed = text.trim().replaceCharacter (',', '.').upToFirstOccurrenceOf (" ", false, false);
    if (typed.isEmpty() || !typed.containsOnly ("0123456789.")
        || typed.indexOfChar ('.') != typed.lastIndexOfChar ('.') || !typed.containsAnyOf ("0123456789"))
        return std::nullopt;
    return typed.getDoubleValue();
}

juce::String TempoText::source (const juce::String& bpmSource)
{
    if (bpmSource == "file")
        return "file tag";
    if (bpmSource == "name")
        return "file name";
    return bpmSource;
}

double TempoText::regionBeats (const PadSettings& settings, const Sample* sample)
{
    if (!settings.hasTempo() || sample == nullptr || sample->getSampleRate() <= 0.0
        || sample->getFileSampleRate() <= 0.0)
        return 0.0;
    const auto fileRate = sample->getFileSampleRate();
    const auto fileFrames = (double) sample->getLengthInFrames() * fileRate / sample->getSampleRate();
    if (!settings.shouldLoop())
    {
        // A one-shot plays from its start to its end point (the file's end without one).
        const auto end =
            settings.endFrame >= 0 ? juce::jmin ((double) settings.endFrame, fileFrames) : fileFrames;
        return juce::jmax (0.0, end - (double) settings.startFrame) / fileRate * settings.bpm / 60.0;
    }
    const auto end = settings.loopEnd >= 0 ? juce::jmin ((double) settings.loopEnd, fileFrames) : fileFrames;
    const auto frames = juce::jmax (0.0, end - (double) settings.loopStart);
    return frames / fileRate * settings.bpm / 60.0;
}

static juce::String count (double n, const char* one, const char* many)
{
    const bool whole = n == std::floor (n);
    return (whole ? juce::String ((int) n) : juce::String (n, 1)) + " " + (n == 1.0 ? one : many);
}

juce::String TempoText::length (double beats, int beatsPerBar)
{
    if (beats <= 0.0)
        return {};
    // A loop cut a hair off the grid still reads as its bars: within 1 % of a beat.
    const auto halves = std::round (beats * 2.0);
    if (std::abs (beats * 2.0 - halves) > 0.02)
        return juce::String::fromUTF8 ("\u2248 ") + juce::String (beats, 2) + " beats";

    const auto rounded = halves / 2.0;
    const auto bars = std::floor (rounded / juce::jmax (1, beatsPerBar));
    const auto rest = rounded - bars * juce::jmax (1, beatsPerBar);
    if (bars == 0.0)
        return count (rest, "beat", "beats");
    return count (bars, "bar", "bars") + (rest > 0.0 ? " " + count (rest, "beat", "beats") : juce::String());
}

juce::String TempoText::barAndBeat (double beat, int beatsPerBar)
{
    beatsPerBar = juce::jmax (1, beatsPerBar);
    const auto whole = (juce::int64) std::floor (juce::jmax (0.0, beat));
    return juce::String (whole / beatsPerBar + 1) + "." + juce::String (whole % beatsPerBar + 1);
}

static const juce::String dot = juce::String::fromUTF8 ("  \u00b7  ");

juce::String TempoText::padSummary (const PadSettings& settings, const PadMaterials::PadStatus& status,
                                    int beatsPerBar)
{
    if (settings.file.isEmpty())
        return {};
    if (settings.bpm == PadSettings::unknownBpm)
        return status.analysingTempo ? juce::String::fromUTF8 ("Analysing tempo\u2026")
                                     : juce::String ("Tempo not known yet: type or tap it");
    if (!settings.hasTempo())
        return "No tempo: a one-shot at its own speed" + dot + "Sync needs a tempo";

    juce::StringArray parts;
    parts.add (source (settings.bpmSource));
    parts.add (length (regionBeats (settings, status.sample.get()), beatsPerBar));
    if (settings.playMode == PlayMode::oneShot)
        parts.add ("one-shot");
    parts.removeEmptyStrings();
    return parts.joinIntoString (dot);
}

juce::String TempoText::analysis (const PadSettings& settings, const PadMaterials::PadStatus& status,
                                  bool& disagrees)
{
    juce::StringArray found;
    disagrees = false;
    if (status.analysingTempo && settings.bpm != PadSettings::unknownBpm)
    {
        found.add (juce::String::fromUTF8 ("analysing\u2026"));
    }
    else if (status.taggedBpm > 0.0 && status.detectedBpm > 0.0
             && std::abs (status.taggedBpm / status.detectedBpm - 1.0) > 0.01)
    {
        disagrees = true;
        found.add ((status.taggedSource.isEmpty() ? juce::String ("tag") : status.taggedSource) + " "
                   + padBpm (status.taggedBpm) + dot + "heard " + bpm (status.detectedBpm));
    }
    else if (status.detectedBpm > 0.0 && settings.bpmSource != "detected")
    {
        found.add ("heard " + bpm (status.detectedBpm));
    }
    found.addArray (status.tempoNotes);
    // The notes are whole sentences: after one, the next item follows a space, not "; ".
    juce::String text;
    for (const auto& item : found)
        text << (text.isEmpty() ? "" : (text.endsWithChar ('.') ? " " : "; ")) << item;
    return text;
}

} // namespace paddeck
