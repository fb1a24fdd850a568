#include "Streaming/PlayTimeline.h"

#include <gtest/gtest.h>

#include <vector>

namespace paddeck
{

namespace
{
/** The file frames a timeline plays, frame by frame, for its first n play indices. */
std::vector<juce::int64> framesOf (const PlayTimeline& t, juce::int64 n)
{
    std::vector<juce::int64> frames;
    for (juce::int64 i = 0; i < n; ++i)
    {
        const auto run = t.runAt (i);
        if (run.frames == 0)
            break;
        frames.push_back (run.frame);
    }
    return frames;
}

std::vector<juce::int64> range (juce::int64 from, juce::int64 to) // inclusive, either way
{
    std::vector<juce::int64> r;
    for (auto f = from;; f += from <= to ? 1 : -1)
    {
        r.push_back (f);
        if (f == to)
            break;
    }
    return r;
}

std::vector<juce::int64> operator+ (std::vector<juce::int64> a, const std::vector<juce::int64>& b)
{
    a.insert (a.end(), b.begin(), b.end());
    return a;
}
} // namespace

TEST (PlayTimeline, AnEndPointStopsAOneShotOnTheFrameBeforeIt)
{
    const PlayTimeline t (100, 10, false, 0, -1, 20);
    EXPECT_EQ (framesOf (t, 1000), range (10, 19));
    EXPECT_EQ (t.getIntroFrames(), 10);
}

TEST (PlayTimeline, AReversedOneShotPlaysFromTheFrameBeforeTheEndDownToTheStart)
{
    EXPECT_EQ (framesOf (PlayTimeline (100, 10, false, 0, -1, 20, true), 1000), range (19, 10));
    EXPECT_EQ (framesOf (PlayTimeline (100, 0, false, 0, -1, -1, true), 1000), range (99, 0));
}

TEST (PlayTimeline, ALoopPlaysDownToItsStartThenWrapsToTheFrameBeforeItsEnd)
{
    // From the end point down into the loop, then the loop backwards, again and again.
    const PlayTimeline t (100, 0, true, 30, 40, 45, true);
    EXPECT_EQ (framesOf (t, 15 + 25), range (44, 30) + range (39, 30) + range (39, 30) + range (39, 35));
    // An end point below the loop would never reach it: the hit starts at the loop's end.
    EXPECT_EQ (framesOf (PlayTimeline (100, 0, true, 30, 40, 20, true), 12), range (39, 30) + range (39, 38));
}

TEST (PlayTimeline, SkippingIsTheSameAsPlayingThatFar)
{
    for (const bool reverse : { false, true })
        for (const bool loop : { false, true })
        {
            const PlayTimeline t (1000, 100, loop, 200, 500, 700, reverse);
            const auto all = framesOf (t, 2000);
            for (const juce::int64 skip : { 0, 1, 150, 399, 600, 1234 })
            {
                SCOPED_TRACE (std::to_string (skip) + (reverse ? " reversed" : "") + (loop ? " loop" : ""));
                const auto skipped = t.skippedBy (skip);
                const auto rest = framesOf (skipped, 2000 - skip);
                const std::vector<juce::int64> expected (
                    all.begin() + juce::jmin ((juce::int64) all.size(), skip), all.end());
                EXPECT_EQ (rest, expected);

                // What the streaming thread rebuilds from the published fields is the same timeline.
                const PlayTimeline rebuilt (skipped.getLength(), skipped.getStartFrame(), skipped.isLooping(),
                                            skipped.getLoopStart(), skipped.getLoopEnd(),
                                            skipped.getEndFrame(), skipped.isReversed());
                EXPECT_EQ (framesOf (rebuilt, 2000 - skip), rest);
            }
        }
}

} // namespace paddeck
