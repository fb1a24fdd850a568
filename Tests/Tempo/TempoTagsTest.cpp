#include "Tempo/TempoTags.h"

#include "Support/DrumPattern.h"
#include "Support/TestAudio.h"
#include "Tempo/TaggedFiles.h"

#include <gtest/gtest.h>

namespace paddeck
{

namespace
{
juce::File wavWithAcid (const juce::File& file, const juce::String& tempo, bool oneShot)
{
    juce::StringPairArray acid;
    acid.set (juce::WavAudioFormat::acidTempo, tempo);
    acid.set (juce::WavAudioFormat::acidBeats, "8");
    acid.set (juce::WavAudioFormat::acidNumerator, "4");
    acid.set (juce::WavAudioFormat::acidDenominator, "4");
    acid.set (juce::WavAudioFormat::acidOneShot, oneShot ? "1" : "0");
    acid.set (juce::WavAudioFormat::acidizerFlag, "1");
    return test::DrumPattern::write (test::DrumPattern::tone (48000.0, 0.5, 440.0), 48000.0, file, 1, acid);
}

bool mentions (const juce::StringArray& notes, const juce::String& text)
{
    for (auto& n : notes)
        if (n.contains (text))
            return true;
    return false;
}
} // namespace

TEST (TempoTags, ReadsTheWavAcidChunkTempo)
{
    test::TempFolder folder;
    const auto tag = TempoTags::metadataBpm (wavWithAcid (folder / "loop.wav", "127.5", false));
    EXPECT_DOUBLE_EQ (tag.bpm, 127.5);
    EXPECT_EQ (tag.source, "WAV acid chunk");
    EXPECT_FALSE (tag.oneShot);
    EXPECT_TRUE (tag.notes.isEmpty()) << tag.notes.joinIntoString ("\n");
}

TEST (TempoTags, ReadsTheAcidOneShotFlag)
{
    test::TempFolder folder;
    const auto tag = TempoTags::metadataBpm (wavWithAcid (folder / "hit.wav", "120", true));
    EXPECT_TRUE (tag.oneShot);
    EXPECT_DOUBLE_EQ (tag.bpm, 120.0);
}

TEST (TempoTags, ReadsId3TbpmInAnMp3InEveryVersionAndEncoding)
{
    test::TempFolder folder;
    struct Case
    {
        int version, encoding;
        const char* text;
        double bpm;
    };
    for (auto c : { Case{ 3, 0, "128", 128.0 }, Case{ 4, 3, "174", 174.0 }, Case{ 3, 1, "90", 90.0 },
                    Case{ 4, 2, "140.5", 140.5 }, Case{ 2, 0, "70", 70.0 } })
    {
        SCOPED_TRACE ("ID3v2." + std::to_string (c.version) + " encoding " + std::to_string (c.encoding));
        const auto file = test::TaggedFiles::writeMp3 (
            folder / "loop.mp3", test::TaggedFiles::id3Tag (c.version, c.text, c.encoding));
        const auto tag = TempoTags::metadataBpm (file);
        EXPECT_DOUBLE_EQ (tag.bpm, c.bpm);
        EXPECT_EQ (tag.source, "ID3 TBPM");
    }
}

TEST (TempoTags, ReadsId3ChunksInWavAndAiff)
{
    test::TempFolder folder;
    const auto tone = test::DrumPattern::tone (44100.0, 0.5, 440.0);

    const auto wav = test::DrumPattern::write (tone, 44100.0, folder / "loop.wav");
    ASSERT_TRUE (test::TaggedFiles::appendChunk (wav, "id3 ", test::TaggedFiles::id3Tag (3, "96")));
    EXPECT_DOUBLE_EQ (TempoTags::metadataBpm (wav).bpm, 96.0);

    const auto aiff = test::DrumPattern::write (tone, 44100.0, folder / "loop.aif");
    ASSERT_TRUE (test::TaggedFiles::appendChunk (aiff, "ID3 ", test::TaggedFiles::id3Tag (4, "132")));
    const auto tag = TempoTags::metadataBpm (aiff);
    EXPECT_DOUBLE_EQ (tag.bpm, 132.0);
    EXPECT_EQ (tag.source, "ID3 TBPM");
}

TEST (TempoTags, TheAcidChunkWinsOverAnId3Chunk)
{
    test::TempFolder folder;
    const auto wav = wavWithAcid (folder / "loop.wav", "125", false);
    ASSERT_TRUE (test::TaggedFiles::appendChunk (wav, "id3 ", test::TaggedFiles::id3Tag (3, "99")));
    const auto tag = TempoTags::metadataBpm (wav);
    EXPECT_DOUBLE_EQ (tag.bpm, 125.0);
    EXPECT_EQ (tag.source, "WAV acid chunk");
}

TEST (TempoTags, ReadsTheVorbisCommentBpmInOgg)
{
    test::TempFolder folder;
    juce::StringPairArray comments;
    comments.set ("TITLE", "A loop");
    comments.set ("bpm", "122.5");
    const auto file = test::TaggedFiles::writeOgg (folder / "loop.ogg", comments);
    ASSERT_TRUE (file.existsAsFile());

    const auto tag = TempoTags::metadataBpm (file);
    EXPECT_DOUBLE_EQ (tag.bpm, 122.5);
    EXPECT_EQ (tag.source, "Vorbis BPM");
}

TEST (TempoTags, ReadsTheFlacBpmComment)
{
    test::TempFolder folder;
    juce::StringPairArray comments;
    comments.set ("ARTIST", "Someone");
    comments.set ("BPM", "86");
    const auto file = test::TaggedFiles::writeFlac (folder / "loop.flac", comments);
    ASSERT_TRUE (file.existsAsFile());

    const auto tag = TempoTags::metadataBpm (file);
    EXPECT_DOUBLE_EQ (tag.bpm, 86.0);
    EXPECT_EQ (tag.source, "FLAC BPM");
}

TEST (TempoTags, AFileWithoutTagsHasNoTempoAndNoNotes)
{
    test::TempFolder folder;
    const auto tone = test::DrumPattern::tone (48000.0, 0.5, 440.0);
    for (auto name : { "plain.wav", "plain.aif", "plain.flac", "plain.ogg" })
    {
        SCOPED_TRACE (name);
        const auto tag = TempoTags::metadataBpm (test::DrumPattern::write (tone, 48000.0, folder / name));
        EXPECT_EQ (tag.bpm, 0.0);
        EXPECT_TRUE (tag.source.isEmpty());
        EXPECT_FALSE (tag.oneShot);
    }
    EXPECT_EQ (TempoTags::metadataBpm (folder / "missing.wav").bpm, 0.0);
}

TEST (TempoTags, ReadsEveryFileNameForm)
{
    struct Case
    {
        const char* name;
        double bpm;
    };
    for (auto c : { Case{ "Loop 128bpm.wav", 128.0 }, Case{ "128 BPM Break.flac", 128.0 },
                    Case{ "break_174_bpm", 174.0 }, Case{ "90BPM", 90.0 },
                    Case{ "Kick (120.5 bpm).aif", 120.5 }, Case{ "pad-85-Bpm-Cmin.ogg", 85.0 },
                    Case{ "bpm_140 drums.mp3", 140.0 }, Case{ "Groove BPM98.wav", 98.0 },
                    Case{ "hat_loop_96,5bpm.wav", 96.5 }, Case{ "Amen 170Bpm v2.wav", 170.0 } })
    {
        SCOPED_TRACE (c.name);
        const auto tag = TempoTags::bpmFromName (c.name);
        EXPECT_DOUBLE_EQ (tag.bpm, c.bpm);
        EXPECT_EQ (tag.source, "name");
        EXPECT_TRUE (tag.notes.isEmpty());
    }

    for (auto name : { "Kick 808.wav", "Loop 2.wav", "bpmless.wav", "120.wav", "snare_bpmx.wav" })
    {
        SCOPED_TRACE (name);
        EXPECT_EQ (TempoTags::bpmFromName (name).bpm, 0.0);
    }
}

TEST (TempoTags, RefusesOutOfRangeTemposWithANote)
{
    const auto name = TempoTags::bpmFromName ("Loop 999bpm.wav");
    EXPECT_EQ (name.bpm, 0.0);
    ASSERT_EQ (name.notes.size(), 1);
    EXPECT_TRUE (name.notes[0].contains ("999 BPM is out of range")) << name.notes[0];

    EXPECT_EQ (TempoTags::bpmFromName ("slow 12bpm.wav").bpm, 0.0);

    test::TempFolder folder;
    const auto acid = TempoTags::metadataBpm (wavWithAcid (folder / "fast.wav", "999", false));
    EXPECT_EQ (acid.bpm, 0.0);
    EXPECT_TRUE (mentions (acid.notes, "WAV acid chunk's 999 BPM is out of range"))
        << acid.notes.joinIntoString ("\n");

    const auto mp3 = TempoTags::metadataBpm (
        test::TaggedFiles::writeMp3 (folder / "odd.mp3", test::TaggedFiles::id3Tag (3, "fast")));
    EXPECT_EQ (mp3.bpm, 0.0);
    EXPECT_TRUE (mentions (mp3.notes, "\"fast\" is not a number")) << mp3.notes.joinIntoString ("\n");

    juce::StringPairArray comments;
    comments.set ("BPM", "310");
    const auto flac = TempoTags::metadataBpm (test::TaggedFiles::writeFlac (folder / "fast.flac", comments));
    EXPECT_EQ (flac.bpm, 0.0);
    EXPECT_TRUE (mentions (flac.notes, "310 BPM is out of range")) << flac.notes.joinIntoString ("\n");

    // The edges of the range are in it.
    juce::StringArray notes;
    EXPECT_EQ (TempoTags::parseBpm ("20", "tag", notes), 20.0);
    EXPECT_EQ (TempoTags::parseBpm ("300", "tag", notes), 300.0);
    EXPECT_EQ (TempoTags::parseBpm ("300.01", "tag", notes), 0.0);
}

} // namespace paddeck
