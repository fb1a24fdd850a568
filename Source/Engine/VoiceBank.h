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

    /** [audio or the bank's worker] Renders numFrames from timing.sample into left/right (added);
        only voices active when the block was handed out play. */
    void render (const EngineSnapshot* snapshot, const VoiceTiming& timing, float* left, float* right,
                 int numFrames) noexcept PADDECK_NONBLOCKING;

    /** [audio or the bank's worker] render() into the bank's own buffers (cleared first): how the
        engine mixes banks when workers share them. */
    void renderToOwnBuffers (const EngineSnapshot* snapshot, const VoiceTiming& timing,
                             int numFrames) noexcept PADDECK_NONBLOCKING;
    const float* getOwnBuffer (int channel) const noexcept { return own.getReadPointer (channel); }

    /** [audio, after the bank's render was handed back] Frees the voices whose fade or sample ended. */
    void retireEndedVoices() noexcept;

    /** [audio] While a late worker still renders the bank, its voices are left alone. */
    void setHeld (bool held) noexcept;

private:
    std::array<Voice, size> voices;
    DjEqBank eq;
    juce::AudioBuffer<float> own;
};

} // namespace paddeck
