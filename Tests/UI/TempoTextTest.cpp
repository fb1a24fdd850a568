#include "UI/TempoText.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST (TempoText, PadTempiReadShortAndTheMasterWithTwoDecimals)
{
    EXPECT_EQ (TempoText::padBpm (128.0), "128");
    EXPECT_EQ (TempoText::padBpm (126.5), "126.5");
    EXPECT_EQ (TempoText::padBpm (127.956), "127.96");
    EXPECT_EQ (TempoText::padBpm (0.0), juce::String::fromUTF8 ("\u2014"));
    EXPECT_EQ (TempoText::padBpm (PadSettings::unknownBpm), "");
    EXPECT_EQ (TempoText::bpm (128.0), "128.00");
    EXPECT_EQ (TempoText::bpm (93.456), "93.46");
}

TEST (TempoText, ATypedTempoIsANumberOrNothing)
{
    EXPECT_EQ (TempoText::parseBpm ("128"), 128.0);
    EXPECT_EQ (TempoText::parseBpm (" 127.5 "), 127.5);
    EXPECT_EQ (TempoText::parseBpm ("127,25"), 127.25);
    EXPECT_EQ (TempoText::parseBpm ("140 BPM"), 140.0);
    EXPECT_EQ (TempoText::parseBpm ("400"), 400.0) << "a number; the range is the session's to refuse";
    for (auto bad : { "", "fast", "12a", "1.2.3", ".", "-5" })
        EXPECT_FALSE (TempoText::parseBpm (bad).has_value()) << bad;
}

TEST (TempoText, ALoopsLengthReadsInBarsAndBeats)
{
    EXPECT_EQ (TempoText::length (8.0, 4), "2 bars");
    EXPECT_EQ (TempoText::length (4.0, 4), "1 bar");
    EXPECT_EQ (TempoText::length (6.0, 4), "1 bar 2 beats");
    EXPECT_EQ (TempoText::length (9.0, 4), "2 bars 1 beat");
    EXPECT_EQ (TempoText::length (3.0, 4), "3 beats");
    EXPECT_EQ (TempoText::length (1.5, 4), "1.5 beats");
    EXPECT_EQ (TempoText::length (9.0, 3), "3 bars");
    EXPECT_EQ (TempoText::length (7.995, 4), "2 bars") << "a hair off the grid still reads as its bars";
    EXPECT_EQ (TempoText::length (7.43, 4), juce::String::fromUTF8 ("\u2248 7.43 beats"));
    EXPECT_EQ (TempoText::length (0.0, 4), "");
}

TEST (TempoText, BarAndBeatCountFromOne)
{
    EXPECT_EQ (TempoText::barAndBeat (0.0, 4), "1.1");
    EXPECT_EQ (TempoText::barAndBeat (0.99, 4), "1.1");
    EXPECT_EQ (TempoText::barAndBeat (5.5, 4), "2.2");
    EXPECT_EQ (TempoText::barAndBeat (44.0, 4), "12.1");
    EXPECT_EQ (TempoText::barAndBeat (7.0, 3), "3.2");
    EXPECT_EQ (TempoText::barAndBeat (-0.4, 4), "1.1") << "just after the clock started";
}

static Sample::Ptr sampleOf (double seconds, double fileRate, double engineRate)
{
    Sample::Info info;
    info.sampleRate = engineRate; // what a RAM sample delivers
    info.fileSampleRate = fileRate;
    info.lengthInFrames = (juce::int64) std::round (seconds * engineRate);
    return new Sample (info, {}, nullptr);
}

TEST (TempoText, ALoopRegionIsMeasuredInTheFilesOwnFramesAtThePadsTempo)
{
    PadSettings pad;
    pad.file = "loop.wav";
    pad.bpm = 120.0;
    pad.playMode = PlayMode::loop;
    const auto sample = sampleOf (4.0, 44100.0, 48000.0); // 2 bars at 120, converted to 48 kHz

    EXPECT_NEAR (TempoText::regionBeats (pad, sample.get()), 8.0, 1.0e-9);
    pad.loopStart = 44100; // from 1 s on
    EXPECT_NEAR (TempoText::regionBeats (pad, sample.get()), 6.0, 1.0e-9);
    pad.loopEnd = 3 * 44100;
    EXPECT_NEAR (TempoText::regionBeats (pad, sample.get()), 4.0, 1.0e-9);
    pad.playMode = PlayMode::oneShot; // plays once: from its start to the end of the file
    pad.startFrame = 22050;
    EXPECT_NEAR (TempoText::regionBeats (pad, sample.get()), 7.0, 1.0e-9);
    pad.endFrame = 2 * 44100 + 22050; // …or to its end point
    EXPECT_NEAR (TempoText::regionBeats (pad, sample.get()), 4.0, 1.0e-9);
    pad.playMode = PlayMode::gateLoop;
    EXPECT_NEAR (TempoText::regionBeats (pad, sample.get()), 4.0, 1.0e-9) << "a gate loop loops its region";
    pad.bpm = 0.0;
    EXPECT_EQ (TempoText::regionBeats (pad, sample.get()), 0.0) << "no tempo, no beats";
    EXPECT_EQ (TempoText::regionBeats ({}, nullptr), 0.0);
}

TEST (TempoText, ThePadSummarySaysWhereTheTempoCameFromAndHowLongTheLoopIs)
{
    PadMaterials::PadStatus status;
    status.sample = sampleOf (4.0, 48000.0, 48000.0);
    PadSettings pad;
    pad.file = "loop.wav";
    const auto dot = juce::String::fromUTF8 ("  \u00b7  ");

    EXPECT_EQ (TempoText::padSummary (pad, status, 4), "Tempo not known yet: type or tap it");
    status.analysingTempo = true;
    EXPECT_EQ (TempoText::padSummary (pad, status, 4), juce::String::fromUTF8 ("Analysing tempo\u2026"));

    pad.bpm = 120.0;
    pad.bpmSource = "file";
    EXPECT_EQ (TempoText::padSummary (pad, status, 4), "file tag" + dot + "2 bars" + dot + "one-shot");
    pad.playMode = PlayMode::loop;
    EXPECT_EQ (TempoText::padSummary (pad, status, 4), "file tag" + dot + "2 bars");
    pad.bpmSource = "tapped";
    pad.bpm = 90.0;
    EXPECT_EQ (TempoText::padSummary (pad, status, 4), "tapped" + dot + "1 bar 2 beats");

    pad.bpm = 0.0;
    EXPECT_TRUE (TempoText::padSummary (pad, status, 4).startsWith ("No tempo"));
    EXPECT_TRUE (TempoText::padSummary (pad, status, 4).contains ("Sync needs a tempo"));
    EXPECT_EQ (TempoText::padSummary ({}, status, 4), "") << "an empty pad";
}

TEST (TempoText, ATagThatDisagreesWithWhatWasHeardIsShownBesideIt)
{
    PadMaterials::PadStatus status;
    PadSettings pad;
    pad.file = "loop.wav";
    pad.bpm = 140.0;
    pad.bpmSource = "file";
    bool disagrees = true;
    EXPECT_EQ (TempoText::analysis (pad, status, disagrees), "");
    EXPECT_FALSE (disagrees);

    status.taggedBpm = 140.0;
    status.taggedSource = "ID3 TBPM";
    status.detectedBpm = 70.0;
    EXPECT_EQ (TempoText::analysis (pad, status, disagrees),
               "ID3 TBPM 140" + juce::String::fromUTF8 ("  \u00b7  ") + "heard 70.00");
    EXPECT_TRUE (disagrees);

    status.detectedBpm = 140.3; // agrees within 1 %: nothing more to say about the tag
    EXPECT_EQ (TempoText::analysis (pad, status, disagrees), "heard 140.30");
    EXPECT_FALSE (disagrees);

    pad.bpmSource = "detected";
    status.taggedBpm = 0.0;
    status.tempoNotes.add ("The name's 999 BPM is out of range: ignored");
    EXPECT_EQ (TempoText::analysis (pad, status, disagrees), "The name's 999 BPM is out of range: ignored");

    // Two sentences read as two sentences, not "silence).; The file says".
    status.tempoNotes.clear();
    status.tempoNotes.add (
        "No steady beat was found in the audio (a one-shot, a sustained sound or silence).");
    status.tempoNotes.add ("The file says it is a one-shot: it plays without a tempo.");
    EXPECT_EQ (
        TempoText::analysis (pad, status, disagrees),
        "No steady beat was found in the audio (a one-shot, a sustained sound or silence). The file says "
        "it is a one-shot: it plays without a tempo.");

    status.analysingTempo = true;
    EXPECT_TRUE (
        TempoText::analysis (pad, status, disagrees).startsWith (juce::String::fromUTF8 ("analysing\u2026")));
}

} // namespace paddeck
