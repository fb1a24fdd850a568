#include "UI/StatusStrip.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

StatusStrip::StatusStrip()
{
    setOpaque (true);
}

void StatusStrip::setStatus (const DeviceStatus& newStatus, const EngineFigures& figures)
{
    status = newStatus;
    engine = figures;
    const auto text = getText();
    if (text == shownText)
        return; // most figures change once a second: repaint only then
    shownText = text;
    setTitle (text);
    repaint();
}

static juce::String megabytes (juce::int64 bytes)
{
    return juce::String ((double) bytes / (1024.0 * 1024.0), 1) + " MB";
}

juce::Array<StatusStrip::Field> StatusStrip::fields() const
{
    juce::Array<Field> result;

    if (! status.isOpen)
    {
        result.add ({ "NO AUDIO DEVICE", status.error, Palette::danger });
        result.add ({ "VOICES", juce::String (engine.voices), Palette::text });
        result.add ({ "RAM", megabytes (engine.ramBytes) + " held  " + megabytes (engine.streamBufferBytes)
                                 + " streaming", Palette::text });
        return result;
    }

    auto percent = [] (double v) {
        return (v < 0.1 ? juce::String (v * 100.0, 1) : juce::String (juce::roundToInt (v * 100.0))) + "%";
    };

    result.add ({ status.typeName, status.deviceName, Palette::text });
    result.add ({ "RATE", juce::String (status.sampleRate / 1000.0, 1) + " kHz", Palette::text });
    result.add ({ "BUFFER", juce::String (status.bufferSize), Palette::text });
    result.add ({ "CPU", percent (status.cpuAverage) + " avg  " + percent (status.cpuPeak) + " peak",
                  PadDeckLookAndFeel::loadColour (status.cpuPeak) });
    auto latency = juce::String (status.latencyMs + engine.keyLockLatencyMs, 1) + " ms";
    if (engine.keyLockLatencyMs > 0.0)
        latency << " (KeyLock " << juce::String (engine.keyLockLatencyMs, 1) << ")";
    result.add ({ "LATENCY", latency, Palette::text });
    result.add ({ "XRUNS", juce::String (status.xruns), status.xruns > 0 ? Palette::warning : Palette::text });
    result.add ({ "UNDERRUNS", juce::String ((juce::int64) engine.streamUnderruns),
                  engine.streamUnderruns > 0 ? Palette::warning : Palette::text });
    result.add ({ "VOICES", juce::String (engine.voices), Palette::text });
    result.add ({ "RAM", megabytes (engine.ramBytes) + " held  " + megabytes (engine.streamBufferBytes) + " streaming",
                  Palette::text });
    return result;
}

juce::String StatusStrip::getText() const
{
    juce::StringArray parts;

    for (auto& f : fields())
        parts.add (f.label + " " + f.value);

    return parts.joinIntoString (" | ");
}

void StatusStrip::paint (juce::Graphics& g)
{
    g.fillAll (Palette::panel);
    g.setColour (Palette::outline);
    g.drawHorizontalLine (0, 0.0f, (float) getWidth());

    auto area = getLocalBounds().reduced (10, 0);
    const juce::Font labelFont (11.0f, juce::Font::bold);
    const juce::Font valueFont (14.0f);

    for (auto& f : fields())
    {
        const auto labelWidth = labelFont.getStringWidth (f.label) + 6;
        const auto valueWidth = valueFont.getStringWidth (f.value) + 22;

        g.setFont (labelFont);
        g.setColour (Palette::textDim);
        g.drawText (f.label, area.removeFromLeft (labelWidth), juce::Justification::centredLeft, false);

        g.setFont (valueFont);
        g.setColour (f.colour);
        g.drawText (f.value, area.removeFromLeft (valueWidth), juce::Justification::centredLeft, true);
    }
}

} // namespace paddeck
