#pragma once

#include "Engine/Nonblocking.h"
#include "Engine/Voice.h"

#include <array>

namespace paddeck
{

/** Eight voices that share one DjEqBank: the unit the engine renders and hands to a voice worker.

    render() fills each active voice's scratch from its source, runs the bank's EQ over all of them
    at once (a voice per SIMD lane), then applies each voice's gain and adds it into the given
    buffers, voice by voice in slot order (so mixing straight into the engine's output adds the
    voices in the same order as one voice after another would).

    Threads: prepare on the message thread; beginBlock and retireEndedVoices on the audio thread;
    render on the audio thread or on the voice worker that claimed the bank for that block. */
class VoiceBank
{
public:
    static constexpr int size = DjEqBank::numSlots;

    /** [message, before playback] allocates. */
    void prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming);

    Voice& getVoice (int slot) noexcept { return voices[(size_t) slot]; }

    /** [audio] Lets go of KeyLock voices whose worker is done with them; returns whether any voice
        plays (only then is the bank rendered). */
    bool beginBlock() noexcept;

    /** The master mix and, when the device has a cue bus, the cue mix (else cueLeft is null). */
    struct Mix
    {
        float *left, *right;
        float *cueLeft = nullptr, *cueRight = nullptr;
    };

    /** [audio or the bank's worker] Renders numFrames from timing.sample into the mix (added):
        each voice into the master unless it is a preview, and into the cue if it is cued. Only
        voices active when the block was handed out play. */
    void render (const EngineSnapshot* snapshot, const VoiceTiming& timing, const Mix& mix,
                 int numFrames) noexcept PADDECK_NONBLOCKING;

    /** [audio or the bank's worker] render() into the bank's own buffers (cleared first): how the
        engine mixes banks when workers share them. With withCue, the bank's own cue buffers are
        cleared and written only when one of its voices is cued (ownCueUsed()): nothing cued, no
        cost. */
    void renderToOwnBuffers (const EngineSnapshot* snapshot, const VoiceTiming& timing, int numFrames,
                             bool withCue) noexcept PADDECK_NONBLOCKING;
    /** Channels 0/1 the master mix, 2/3 the cue mix (valid only when ownCueUsed()). */
    const float* getOwnBuffer (int channel) const noexcept { return own.getReadPointer (channel); }
    bool ownCueUsed() const noexcept { return cueUsed; }

    /** [audio, after the bank's render was handed back] Frees the voices whose fade or sample ended. */
    void retireEndedVoices() noexcept;

    /** [audio] While a late worker still renders the bank, its voices are left alone. */
    void setHeld (bool held) noexcept;

private:
    std::array<Voice, size> voices;
    DjEqBank eq;
    juce::AudioBuffer<float> own;
    bool cueUsed = false; // the last renderToOwnBuffers wrote the cue channels
};

} // namespace paddeck
