#include "UI/StatusStrip.h"

#include <gtest/gtest.h>

namespace paddeck
{

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
    DeviceStatus s;
    s.isOpen = true;
    s.typeName = "JACK";
    s.deviceName = "system";
    s.sampleRate = 48000.0;
    s.bufferSize = 128;
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
}

} // namespace paddeck
