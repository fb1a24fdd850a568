#include "UI/StatusStrip.h"

#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

StatusStrip::StatusStrip() { setOpaque (true); }

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

    if (status.lost)
    {
        result.add ({ "AUDIO LOST", status.error, Palette::danger,
                      "The audio device went away while PadDeck played. PadDeck opens it again by itself as "
                      "soon as it is back; the set and the screen stay as they are, and pads sound again "
                      "from then on." });
    }
    else if (!status.isOpen)
    {
        result.add ({ "NO AUDIO DEVICE", status.error, Palette::danger,
                      "Start a JACK server or choose a device in Audio." });
    }
    else
    {
        auto percent = [] (double v) {
            return (v < 0.1 ? juce::String (v * 100.0, 1) : juce::String (juce::roundToInt (v * 100.0)))
                   + "%";
        };

        result.add ({ status.typeName, status.deviceName, Palette::text, {} });
        result.add ({ "RATE", juce::String (status.sampleRate / 1000.0, 1) + " kHz", Palette::text, {} });
        result.add ({ "BUFFER", juce::String (status.bufferSize), Palette::text, {} });
        result.add ({ "CPU", percent (status.cpuAverage) + " avg  " + percent (status.cpuPeak) + " peak",
                      PadDeckLookAndFeel::loadColour (status.cpuPeak),
                      "Time spent making each block of audio, of the time the block lasts: the average and "
                      "the peak of the last second" });
        // A KeyLock hit adds nothing here (its start delay is compensated and its start primed);
        // a KeyLock pitch or tempo move does: the stretch re-renders from a little ahead of the
        // playhead and crossfades, on top of the device's latency.
        juce::String latency = juce::String (status.latencyMs, 1) + " ms";
        juce::String latencyDetails = "From a hit to its sound: the device's buffer and its output latency.";
        if (engine.keyLockMoveMs >= 0.0)
        {
            latency << "  move +" << juce::String (engine.keyLockMoveMs, 1) << " ms";
            latencyDetails
                << " The last KeyLock pitch or tempo move was heard "
                << juce::String (engine.keyLockMoveMs, 1)
                << " ms later than that: the stretch starts again a little ahead of what is playing "
                   "and crossfades over 3 ms (a busy machine, or a move that has to wait for the "
                   "stretch to catch up, makes it longer).";
        }
        result.add ({ "LATENCY", latency, Palette::text, latencyDetails });
        result.add ({ "XRUNS", juce::String (status.xruns),
                      status.xruns > 0 ? Palette::warning : Palette::text,
                      "Blocks the audio device missed (a gap in the sound), counted since start" });
        result.add ({ "UNDERRUNS", juce::String ((juce::int64) engine.streamUnderruns),
                      engine.streamUnderruns > 0 ? Palette::warning : Palette::text,
                      "Streamed pads that played a moment of silence because the disk was late" });
        if (status.reconnects > 0)
            result.add ({ "RECONNECTED", juce::String (status.reconnects) + juce::String::fromUTF8 ("\u00d7"),
                          Palette::warning,
                          "The audio device was lost and found again " + juce::String (status.reconnects)
                              + (status.reconnects == 1 ? " time" : " times")
                              + "; the last time it was gone for "
                              + juce::String (status.lastOutageSeconds, 1) + " s" });
    }

    addCounters (result);
    result.add ({ "VOICES", juce::String (engine.voices), Palette::text, {} });
    result.add (
        { "RAM",
          megabytes (engine.ramBytes) + " held  " + megabytes (engine.streamBufferBytes) + " streaming",
          Palette::text, "Samples held in memory, and the buffers of the pads streamed from disk" });
    return result;
}

void StatusStrip::addCounters (juce::Array<Field>& result) const
{
    // Each says what was lost, and what to do about it, on hover.
    const auto add = [&result] (const char* label, juce::int64 count, const juce::String& details)
    {
        if (count > 0)
            result.add ({ label, juce::String (count), Palette::warning, details });
    };
    add (
        "KEYLOCK LATE", engine.keyLockUnderruns,
        juce::String (engine.keyLockUnderruns)
            + " times a KeyLock pad's stretching was late and it played silence for a moment: the machine is "
              "too busy for this many keylocked pads. Fewer at once, Varispeed, or a larger buffer help.");
    add ("KEYLOCK BUSY", engine.keyLockFallbacks,
         juce::String (engine.keyLockFallbacks)
             + " keylocked hits played as Varispeed (pitch and speed together) because every KeyLock "
               "voice was busy.");
    add ("HITS LOST", engine.hitsDropped + engine.commandsDropped,
         juce::String (engine.hitsDropped) + " hits found no free voice, and "
             + juce::String (engine.commandsDropped)
             + " presses or releases from the screen or keyboard came faster than the engine takes them.");
    add ("LAUNCHES LOST", engine.launchesDropped,
         juce::String (engine.launchesDropped)
             + " quantized hits were dropped: too many pads were waiting for their beat at once.");
    add ("MIDI LOST", engine.midiInputDropped + engine.midiControlDropped,
         juce::String (engine.midiInputDropped)
             + " MIDI messages arrived faster than the audio takes them, and "
             + juce::String (engine.midiControlDropped)
             + " for knobs, buttons and learn faster than the screen takes them: a controller flooding "
               "PadDeck (e.g. sending clock or aftertouch nobody needs).");
}

juce::String StatusStrip::getText() const
{
    juce::StringArray parts;

    for (auto& f : fields())
        parts.add (f.label + " " + f.value);

    return parts.joinIntoString (" | ");
}

static const juce::Font labelFont() { return juce::Font (11.0f, juce::Font::bold); }
static const juce::Font valueFont() { return juce::Font (14.0f); }

juce::Array<juce::Rectangle<int>> StatusStrip::layOut (const juce::Array<Field>& shown) const
{
    juce::Array<juce::Rectangle<int>> places;
    auto area = getLocalBounds().reduced (10, 0);
    for (auto& f : shown)
    {
        const auto width =
            labelFont().getStringWidth (f.label) + 6 + valueFont().getStringWidth (f.value) + 22;
        places.add (area.removeFromLeft (width));
    }
    return places;
}

juce::String StatusStrip::getDetailsAt (juce::Point<int> position) const
{
    const auto shown = fields();
    const auto places = layOut (shown);
    for (int i = 0; i < shown.size(); ++i)
        if (places[i].contains (position))
            return shown[i].details;
    return {};
}

void StatusStrip::paint (juce::Graphics& g)
{
    g.fillAll (Palette::panel);
    g.setColour (Palette::outline);
    g.drawHorizontalLine (0, 0.0f, (float) getWidth());

    const auto shown = fields();
    const auto places = layOut (shown);
    for (int i = 0; i < shown.size(); ++i)
    {
        const auto& f = shown.getReference (i);
        auto place = places[i];
        g.setFont (labelFont());
        g.setColour (Palette::textDim);
        g.drawText (f.label, place.removeFromLeft (labelFont().getStringWidth (f.label) + 6),
                    juce::Justification::centredLeft, false);

        g.setFont (valueFont());
        g.setColour (f.colour);
        g.drawText (f.value, place, juce::Justification::centredLeft, true);
    }
}

} // namespace paddeck
