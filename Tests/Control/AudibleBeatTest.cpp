#include "Control/AudibleBeat.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST (AudibleBeat, TheBeatHeardIsTheEnginesLessTheLatencyAtTheClocksTempo)
{
    EngineMeters meters;
    meters.beat = 17.25;
    meters.bpm = 120.0;
    EXPECT_DOUBLE_EQ (AudibleBeat::now (meters, 0.0), 17.25);
    EXPECT_DOUBLE_EQ (AudibleBeat::now (meters, 0.125), 17.0) << "125 ms at 120 BPM is a quarter beat";

    meters.bpm = 122.4; // nudged: the clock's own tempo counts
    EXPECT_NEAR (AudibleBeat::now (meters, 0.5), 17.25 - 0.5 * 122.4 / 60.0, 1.0e-12);
    EXPECT_EQ (AudibleBeat::latencySeconds (nullptr), 0.0) << "no device, no latency";
}

TEST (AudibleBeat, QueuedThingsFlashOnTheFirstHalfOfEveryBeat)
{
    for (double beat : { 0.0, 0.49, 3.0, 3.2, 100.45 })
        EXPECT_TRUE (AudibleBeat::isFlashLit (beat)) << beat;
    for (double beat : { 0.5, 0.99, 3.7, 100.51, -0.3 })
        EXPECT_FALSE (AudibleBeat::isFlashLit (beat)) << beat;
}

} // namespace paddeck
