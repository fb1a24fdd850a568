#include "Engine/VoiceBank.h"

namespace paddeck
{

void VoiceBank::prepare (double sampleRate, int maxBlockSize, StreamingThread& streaming)
{
    eq.prepare (sampleRate, maxBlockSize);
    own.setSize (2, maxBlockSize);
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

void VoiceBank::render (const EngineSnapshot* snapshot, const VoiceTiming& timing, float* left, float* right,
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
            voices[s].mixInto (pads[s], left, right, numFrames);
}

void VoiceBank::renderToOwnBuffers (const EngineSnapshot* snapshot, const VoiceTiming& timing,
                                    int numFrames) noexcept PADDECK_NONBLOCKING
{
    own.clear (0, numFrames);
    render (snapshot, timing, own.getWritePointer (0), own.getWritePointer (1), numFrames);
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
