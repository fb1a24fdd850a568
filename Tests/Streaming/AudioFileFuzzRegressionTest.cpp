// The inputs that crashed Tests/Fuzz/AudioFileFuzzer, decoded as the fuzzer decodes them: each
// must give an error or audio that is finite, in RAM and streamed. The fuzzer itself runs only in
// the sanitizer build; these run everywhere.
#include "Streaming/SampleDecoder.h"
#include "Streaming/StreamingTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

TEST (AudioFileFuzzRegressions, EveryCrashInputIsAnErrorOrFiniteAudio)
{
    const auto corpus = juce::File (PADDECK_SOURCE_DIR).getChildFile ("Tests/Fuzz/corpus/AudioFileFuzzer");
    const auto inputs = corpus.findChildFiles (juce::File::findFiles, false, "regression-*");
    ASSERT_FALSE (inputs.isEmpty()) << corpus.getFullPathName();

    test::TempAudioFolder folder;
    // The fuzzer's byte 0: the extension in bits 0-2, streaming in bit 3.
    static const char* const extensions[] = { "wav", "aiff", "flac", "ogg", "mp3", "wav", "flac", "mp3" };

    for (const auto& input : inputs)
    {
        SCOPED_TRACE (input.getFileName().toStdString());
        juce::MemoryBlock bytes;
        ASSERT_TRUE (input.loadFileAsData (bytes));
        ASSERT_GT (bytes.getSize(), 0u);
        const auto choice = static_cast<const juce::uint8*> (bytes.getData())[0];
        const auto file = folder.file (juce::String ("input.") + extensions[choice & 7]);
        ASSERT_TRUE (
            file.replaceWithData (static_cast<const char*> (bytes.getData()) + 1, bytes.getSize() - 1));

        for (const bool streamed : { false, true })
        {
            LoadOptions options{ 48000.0, streamed ? 0 : std::numeric_limits<juce::int64>::max(), 1.5 };
            const auto result = SampleDecoder::decode (file, {}, options);
            if (!result.wasOk())
            {
                EXPECT_FALSE (result.message.isEmpty());
                continue;
            }

            auto& sample = *result.sample;
            if (sample.isStreamed())
            {
                // Reads the whole file through the stream's reader.
                SampleDecoder::computeOverview (sample);
                EXPECT_TRUE (sample.getOverview().isReady());
                continue;
            }

            const auto all = sample.findRam (0, sample.getLengthInFrames());
            for (int i = 0; i < all.frames; ++i)
            {
                ASSERT_TRUE (std::isfinite (all.left[i])) << i;
                ASSERT_TRUE (all.right == nullptr || std::isfinite (all.right[i])) << i;
            }
        }
    }
}

} // namespace paddeck
