#include "Engine/VoiceBank.h"

namespace paddeck
{

void VoiceBank::prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming)
{
    eq.prepare (sampleRate, maxBlockSize);
    own.setSize (4, maxBlockSize);
    for (int slot = 0; slot < size; ++slot)
        voices[(size_t) slot].prepare (sampleRate, maxBlockSize, streaming, eq, slot);
}

bool VoiceBank::beginBlock() noexcept
{
    bool any = false;
    for (auto& v : voices)
    {
        if (v.isDraining())
            v.pollDrain();
        any = any || v.isActive();
    }
    return any;
}

void VoiceBank::render (const EngineSnapshot* snapshot, const VoiceTiming& timing, const Mix& mix,
                        int numFrames) noexcept PADDECK_NONBLOCKING
{
    std::array<const PadSnapshot*, size> pads{};
    DjEqBank::Buffers eqLeft{}, eqRight{}; // null: the slot is skipped (no voice, or its pad is gone)
    bool any = false;

    for (size_t s = 0; s < (size_t) size; ++s)
    {
        auto& v = voices[s];
        if (!v.isActive())
            continue;
        any = true;
        pads[s] = snapshot != nullptr ? snapshot->pad (v.getPad()) : nullptr;
        if (v.renderSource (pads[s], numFrames, timing))
        {
            eqLeft[s] = v.getScratch (0);
            eqRight[s] = v.getScratch (1);
        }
    }

    if (!any)
        return;

    eq.process (eqLeft, eqRight, numFrames);

    for (size_t s = 0; s < (size_t) size; ++s)
        if (voices[s].isActive())
            voices[s].mixInto (pads[s], mix.left, mix.right, mix.cueLeft, mix.cueRight, numFrames);
}

void VoiceBank::renderToOwnBuffers (const EngineSnapshot* snapshot, const VoiceTiming& timing, int numFrames,
                                    bool withCue) noexcept PADDECK_NONBLOCKING
{
    cueUsed = false;
    if (withCue)
        for (auto& v : voices)
            if (v.isActive() && v.sendsToCue (snapshot != nullptr ? snapshot->pad (v.getPad()) : nullptr))
                cueUsed = true;

    Mix mix{ own.getWritePointer (0), own.getWritePointer (1) };
    own.clear (0, 0, numFrames);
    own.clear (1, 0, numFrames);
    if (cueUsed)
    {
        own.clear (2, 0, numFrames);
        own.clear (3, 0, numFrames);
        mix.cueLeft = own.getWritePointer (2);
        mix.cueRight = own.getWritePointer (3);
    }
    render (snapshot, timing, mix, numFrames);
}

void VoiceBank::retireEndedVoices() noexcept
{
    for (auto& v : voices)
        v.retireIfEnded();
}

void VoiceBank::setHeld (bool held) noexcept
{
    for (auto& v : voices)
        v.setHeld (held);
}

} // namespace paddeck
