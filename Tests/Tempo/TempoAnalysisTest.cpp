#include "Tempo/TempoAnalysis.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST (TempoAnalysis, TheFileWinsThenTheNameThenTheAudio)
{
    TempoAnalysis a;
    EXPECT_EQ (a.chosenBpm(), 0.0);
    EXPECT_EQ (a.chosenSource(), "");

    a.detectedBpm = 127.98;
    EXPECT_EQ (a.chosenBpm(), 127.98);
    EXPECT_EQ (a.chosenSource(), "detected");

    a.nameBpm = 128.0;
    EXPECT_EQ (a.chosenBpm(), 128.0);
    EXPECT_EQ (a.chosenSource(), "name");

    a.metadataBpm = 126.0;
    a.metadataSource = "WAV acid chunk";
    EXPECT_EQ (a.chosenBpm(), 126.0);
    EXPECT_EQ (a.chosenSource(), "file");
}

TEST (TempoAnalysis, AOneShotHasNoTempoWhateverItsTagsSay)
{
    TempoAnalysis a;
    a.metadataBpm = 120.0;
    a.detectedBpm = 120.0;
    a.oneShot = true;
    EXPECT_EQ (a.chosenBpm(), 0.0);
    EXPECT_EQ (a.chosenSource(), "");
}

TEST (TempoAnalysis, ATagDisagreesBeyondOnePercent)
{
    TempoAnalysis a;
    a.detectedBpm = 128.0;
    EXPECT_FALSE (a.tagDisagrees()); // nothing written

    a.nameBpm = 128.0 * 1.009;
    EXPECT_FALSE (a.tagDisagrees());
    a.nameBpm = 128.0 * 1.011;
    EXPECT_TRUE (a.tagDisagrees());

    a.metadataBpm = 128.0; // the tag is what is compared when there is one
    EXPECT_FALSE (a.tagDisagrees());
    a.metadataBpm = 64.0; // half time is another tempo
    EXPECT_TRUE (a.tagDisagrees());

    a.detectedBpm = 0.0; // nothing detected: nothing to disagree with
    EXPECT_FALSE (a.tagDisagrees());
}

TEST (TempoAnalysis, TheRangeIsTwentyToThreeHundred)
{
    EXPECT_TRUE (TempoAnalysis::inRange (20.0));
    EXPECT_TRUE (TempoAnalysis::inRange (300.0));
    EXPECT_FALSE (TempoAnalysis::inRange (19.99));
    EXPECT_FALSE (TempoAnalysis::inRange (300.01));
}

} // namespace paddeck
