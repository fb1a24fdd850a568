#include "UI/StatusStrip.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
/** A JACK device open at 48 kHz with 128-frame buffers. */
DeviceStatus openJack()
{
    DeviceStatus s;
    s.isOpen = true;
    s.typeName = "JACK";
    s.deviceName = "system";
    s.sampleRate = 48000.0;
    s.bufferSize = 128;
    return s;
}

/** Each field's hover text, left to right across the strip, once each. */
juce::StringArray hoverTexts (const StatusStrip& strip)
{
    juce::StringArray details;
    for (int x = 0; x < strip.getWidth(); ++x)
    {
        const auto d = strip.getDetailsAt ({ x, StatusStrip::preferredHeight / 2 });
        if (d.isNotEmpty() && !details.contains (d))
            details.add (d);
    }
    return details;
}
} // namespace

TEST (StatusStrip, ShowsTheNoDeviceState)
{
    StatusStrip strip;
    DeviceStatus none;
    none.error = "No audio device found: no JACK server is running and ALSA has no output device.";
    strip.setStatus (none);

    EXPECT_TRUE (strip.getText().contains ("NO AUDIO DEVICE"));
    EXPECT_TRUE (strip.getText().contains ("no JACK server"));
}

TEST (StatusStrip, ShowsWhatTheDeviceReports)
{
    StatusStrip strip;
    auto s = openJack();
    s.latencyMs = 5.333;
    s.cpuAverage = 0.123;
    s.cpuPeak = 0.456;
    s.xruns = 3;
    strip.setStatus (s);

    const auto text = strip.getText();
    EXPECT_TRUE (text.contains ("JACK system")) << text;
    EXPECT_TRUE (text.contains ("RATE 48.0 kHz")) << text;
    EXPECT_TRUE (text.contains ("BUFFER 128")) << text;
    EXPECT_TRUE (text.contains ("CPU 12% avg  46% peak")) << text;
    EXPECT_TRUE (text.contains ("LATENCY 5.3 ms")) << text;
    EXPECT_TRUE (text.contains ("XRUNS 3")) << text;
    EXPECT_FALSE (text.contains ("move")) << "no KeyLock move yet: nothing to say";
}

TEST (StatusStrip, TheLatencyShowsWhatTheLastKeyLockMoveAddedAndSaysWhyOnHover)
{
    StatusStrip strip;
    strip.setBounds (0, 0, 3000, StatusStrip::preferredHeight);
    auto s = openJack();
    s.latencyMs = 5.333;
    EngineFigures figures;
    figures.keyLockMoveMs = 13.6;
    strip.setStatus (s, figures);

    EXPECT_TRUE (strip.getText().contains ("LATENCY 5.3 ms  move +13.6 ms")) << strip.getText();
    const auto details = hoverTexts (strip).joinIntoString ("\n");
    EXPECT_TRUE (details.contains ("The last KeyLock pitch or tempo move was heard 13.6 ms later"))
        << details;
}

TEST (StatusStrip, EveryCounterOfSomethingLostShowsOnceNotZeroAndSaysWhatItMeansOnHover)
{
    StatusStrip strip;
    strip.setBounds (0, 0, 3000, StatusStrip::preferredHeight);
    const auto s = openJack();

    strip.setStatus (s, {});
    for (const auto* label : { "KEYLOCK", "LOST", "RECONNECTED" })
        EXPECT_FALSE (strip.getText().contains (label)) << "nothing lost, nothing said: " << strip.getText();

    EngineFigures figures;
    figures.keyLockUnderruns = 7;
    figures.keyLockFallbacks = 4;
    figures.hitsDropped = 2;
    figures.commandsDropped = 1;
    figures.launchesDropped = 5;
    figures.midiInputDropped = 8;
    figures.midiControlDropped = 3;
    strip.setStatus (s, figures);
    const auto text = strip.getText();
    EXPECT_TRUE (text.contains ("KEYLOCK LATE 7")) << text;
    EXPECT_TRUE (text.contains ("KEYLOCK BUSY 4")) << text;
    EXPECT_TRUE (text.contains ("HITS LOST 3")) << text;
    EXPECT_TRUE (text.contains ("LAUNCHES LOST 5")) << text;
    EXPECT_TRUE (text.contains ("MIDI LOST 11")) << text;

    const auto details = hoverTexts (strip);
    const auto hovered = [&details] (const juce::String& start)
    {
        for (auto& d : details)
            if (d.startsWith (start))
                return true;
        return false;
    };
    EXPECT_TRUE (hovered ("7 times a KeyLock pad's stretching was late")) << details.joinIntoString ("\n");
    EXPECT_TRUE (hovered ("4 keylocked hits played as Varispeed")) << details.joinIntoString ("\n");
    EXPECT_TRUE (hovered ("2 hits found no free voice, and 1 presses")) << details.joinIntoString ("\n");
    EXPECT_TRUE (hovered ("5 quantized hits were dropped")) << details.joinIntoString ("\n");
    EXPECT_TRUE (hovered ("8 MIDI messages arrived faster than the audio takes them, and 3 for knobs"))
        << details.joinIntoString ("\n");
}

TEST (StatusStrip, ADeviceLostSaysSoInPlaceOfItsFiguresAndAReconnectIsCounted)
{
    StatusStrip strip;
    strip.setBounds (0, 0, 2000, StatusStrip::preferredHeight);
    DeviceStatus lost;
    lost.lost = true;
    lost.typeName = "JACK";
    lost.error = "The JACK server stopped: reconnecting";
    strip.setStatus (lost);
    EXPECT_TRUE (strip.getText().startsWith ("AUDIO LOST The JACK server stopped")) << strip.getText();
    EXPECT_FALSE (strip.getText().contains ("RATE")) << "no figures of a device that is gone";
    EXPECT_TRUE (strip.getDetailsAt ({ 20, 15 }).contains ("the set and the screen stay as they are"));

    auto back = openJack();
    back.sampleRate = 44100.0;
    back.bufferSize = 256;
    back.reconnects = 1;
    back.lastOutageSeconds = 1.25;
    strip.setStatus (back);
    const auto text = strip.getText();
    EXPECT_FALSE (text.contains ("AUDIO LOST")) << text;
    EXPECT_TRUE (text.contains ("RATE 44.1 kHz")) << text;
    EXPECT_TRUE (text.contains (juce::String::fromUTF8 ("RECONNECTED 1\u00d7"))) << text;
}

} // namespace paddeck
