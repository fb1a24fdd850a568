#include "Dsp/DjEqBank.h"
#include "Dsp/VectorOps.h"

#include <juce_core/juce_core.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace paddeck
{

namespace
{
using vec::load, vec::store, vec::Vec4, vec::Vec8;

/** Rows of a square tile become its columns: slot rows of frames ↔ frame rows of slots. */
inline void transpose (Vec4 (&r)[4]) noexcept
{
    const Vec4 t0 = __builtin_shufflevector (r[0], r[1], 0, 4, 1, 5);
    const Vec4 t1 = __builtin_shufflevector (r[0], r[1], 2, 6, 3, 7);
    const Vec4 t2 = __builtin_shufflevector (r[2], r[3], 0, 4, 1, 5);
    const Vec4 t3 = __builtin_shufflevector (r[2], r[3], 2, 6, 3, 7);
    r[0] = __builtin_shufflevector (t0, t2, 0, 1, 4, 5);
    r[1] = __builtin_shufflevector (t0, t2, 2, 3, 6, 7);
    r[2] = __builtin_shufflevector (t1, t3, 0, 1, 4, 5);
    r[3] = __builtin_shufflevector (t1, t3, 2, 3, 6, 7);
}

inline void transpose (Vec8 (&r)[8]) noexcept
{
    Vec8 t[8], u[8];
    for (int i = 0; i < 8; i += 2)
    {
        t[i] = __builtin_shufflevector (r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[i + 1] = __builtin_shufflevector (r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (int i = 0; i < 8; i += 4)
        for (int j = 0; j < 2; ++j)
        {
            u[i + 2 * j] = __builtin_shufflevector (t[i + j], t[i + j + 2], 0, 1, 8, 9, 4, 5, 12, 13);
            u[i + 2 * j + 1] = __builtin_shufflevector (t[i + j], t[i + j + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        }
    for (int k = 0; k < 4; ++k)
    {
        r[k] = __builtin_shufflevector (u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        r[k + 4] = __builtin_shufflevector (u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

// Stages per channel: low = LP250 · LP250 · AP4k, rest = HP250 · HP250, mid = rest · LP4k · LP4k,
// high = rest · HP4k · HP4k.
enum Stage
{
    lowA,
    lowB,
    lowAllPass,
    restA,
    restB,
    midA,
    midB,
    highA,
    highB
};
} // namespace

/** The kernel, built once per vector width: `lanes` slots at a time through a chunk, tile by tile. */
struct DjEqBankKernels
{
    using Filters = DjEqBank::Filters;
    using Chunk = DjEqBank::Chunk;
    static constexpr int numStages = DjEqBank::numStages;

    /** One biquad's coefficients on a register of slots (the same in every lane). */
    template <typename Vec>
    struct Coefficients
    {
        Vec b0, b1, b2, a1, a2;
    };

    /** One biquad's state on a register of slots. */
    template <typename Vec>
    struct State
    {
        Vec s1, s2;

        [[gnu::always_inline]] void run (const Coefficients<Vec>& k, Vec& x) noexcept
        {
            // The same expressions as DjEq's biquads, so every kernel rounds as it does.
            const Vec y = k.b0 * x + s1;
            s1 = k.b1 * x - k.a1 * y + s2;
            s2 = k.b2 * x - k.a2 * y;
            x = y;
        }
    };

    /** One register of slots through the filters, a tile of frames at a time. Biquads run side
        by side over the tile (both channels, and the bands' independent stages), so their
        recurrences overlap and each one's state stays in registers across the tile. */
    template <typename Vec>
    struct Group
    {
        static constexpr int lanes = (int) (sizeof (Vec) / sizeof (float));
        using Tile = Vec[lanes]; // a frame per entry, a slot per lane
        using Stereo = Tile[2];  // left, right

        Coefficients<Vec> coefficients[numStages];
        State<Vec> states[2][numStages]; // per channel

        template <int count>
        [[gnu::always_inline]] void together (const int (&stages)[count], Stereo* const (&tiles)[count],
                                              int frames) noexcept
        {
            State<Vec> local[2][count];
            for (int ch = 0; ch < 2; ++ch)
                for (int j = 0; j < count; ++j)
                    local[ch][j] = states[ch][stages[j]];

            for (int i = 0; i < frames; ++i)
                for (int ch = 0; ch < 2; ++ch)
                    for (int j = 0; j < count; ++j)
                        local[ch][j].run (coefficients[stages[j]], (*tiles[j])[ch][i]);

            for (int ch = 0; ch < 2; ++ch)
                for (int j = 0; j < count; ++j)
                    states[ch][stages[j]] = local[ch][j];
        }

        /** Both channels' tiles, in place: the three bands, weighed against the dry signal. */
        [[gnu::always_inline]] void process (Stereo& x, const Tile (&gain)[3], const Tile& mix,
                                             int frames) noexcept
        {
            Stereo low, mid, high;
            for (int ch = 0; ch < 2; ++ch)
                for (int i = 0; i < lanes; ++i)
                    low[ch][i] = mid[ch][i] = x[ch][i];

            together<2> ({ lowA, restA }, { &low, &mid }, frames);
            together<2> ({ lowB, restB }, { &low, &mid }, frames);
            for (int ch = 0; ch < 2; ++ch)
                for (int i = 0; i < lanes; ++i)
                    high[ch][i] = mid[ch][i];
            together<3> ({ lowAllPass, midA, highA }, { &low, &mid, &high }, frames);
            together<2> ({ midB, highB }, { &mid, &high }, frames);

            for (int ch = 0; ch < 2; ++ch)
                for (int i = 0; i < frames; ++i)
                {
                    const Vec bands =
                        gain[0][i] * low[ch][i] + gain[1][i] * mid[ch][i] + gain[2][i] * high[ch][i];
                    x[ch][i] = x[ch][i] + mix[i] * (bands - x[ch][i]);
                }
        }
    };

    static int nextLanding (const Chunk& chunk, int firstSlot, int lanes, int after) noexcept
    {
        int next = INT_MAX;
        for (int b = 0; b < 3; ++b)
            for (int i = 0; i < lanes; ++i)
                if (const auto at = chunk.landsAt[b][firstSlot + i]; at > after)
                    next = std::min (next, at);
        return next;
    }

    template <typename Vec>
    [[gnu::always_inline]] static inline void loadRow (Vec& v, const float* p, int count) noexcept
    {
        if (count == (int) (sizeof (Vec) / sizeof (float)))
            return load (v, p);
        float padded[sizeof (Vec) / sizeof (float)] = {};
        std::memcpy (padded, p, (size_t) count * sizeof (float));
        load (v, padded);
    }

    template <typename Vec>
    [[gnu::always_inline]] static inline void storeRow (float* p, const Vec& v, int count) noexcept
    {
        if (count == (int) (sizeof (Vec) / sizeof (float)))
            return store (p, v);
        float padded[sizeof (Vec) / sizeof (float)];
        store (padded, v);
        std::memcpy (p, padded, (size_t) count * sizeof (float));
    }

    template <typename Vec>
    [[gnu::always_inline]] static inline void run (Filters& f, Chunk& chunk, int firstSlot) noexcept
    {
        constexpr int lanes = (int) (sizeof (Vec) / sizeof (float));

        bool any = false;
        for (int i = 0; i < lanes; ++i)
            any = any || chunk.active[(size_t) (firstSlot + i)];
        if (!any)
            return;

        // Local copies: nothing the buffers point to can alias them, so they stay in registers.
        Group<Vec> g;
        for (int st = 0; st < numStages; ++st)
        {
            auto& c = g.coefficients[st];
            const auto& k = f.coefficients[st];
            load (c.b0, k[0].v + firstSlot);
            load (c.b1, k[1].v + firstSlot);
            load (c.b2, k[2].v + firstSlot);
            load (c.a1, k[3].v + firstSlot);
            load (c.a2, k[4].v + firstSlot);
            for (int ch = 0; ch < 2; ++ch)
            {
                load (g.states[ch][st].s1, f.s1[ch][st].v + firstSlot);
                load (g.states[ch][st].s2, f.s2[ch][st].v + firstSlot);
            }
        }

        Vec gain[3], gainStep[3], mix, mixStep;
        for (int b = 0; b < 3; ++b)
        {
            load (gain[b], chunk.gain[b].v + firstSlot);
            load (gainStep[b], chunk.gainStep[b].v + firstSlot);
        }
        load (mix, chunk.mix.v + firstSlot);
        load (mixStep, chunk.mixStep.v + firstSlot);
        const Vec zero{}, one = zero + 1.0f;

        const auto n = chunk.numFrames;
        auto landing = nextLanding (chunk, firstSlot, lanes, -1);

        for (int t = 0; t < n; t += lanes)
        {
            const auto count = std::min (lanes, n - t);
            Vec tile[2][lanes]; // left, right
            for (int i = 0; i < lanes; ++i)
            {
                loadRow (tile[0][i], chunk.inL[(size_t) (firstSlot + i)] + t, count);
                loadRow (tile[1][i], chunk.inR[(size_t) (firstSlot + i)] + t, count);
            }
            transpose (tile[0]);
            transpose (tile[1]);

            // The gains and the band weight of each frame of the tile.
            Vec gains[3][lanes], mixes[lanes];
            for (int k = 0; k < count; ++k)
            {
                if (t + k == landing)
                {
                    // A ramp lands on its target exactly here, as DjEqControl::Ramp::next does.
                    for (int b = 0; b < 3; ++b)
                        for (int i = 0; i < lanes; ++i)
                            if (chunk.landsAt[b][firstSlot + i] == landing)
                            {
                                gain[b][i] = chunk.gainTarget[b].v[firstSlot + i];
                                gainStep[b][i] = 0.0f;
                            }
                    landing = nextLanding (chunk, firstSlot, lanes, landing);
                }

                for (int b = 0; b < 3; ++b)
                    gains[b][k] = gain[b] += gainStep[b];
                const Vec raised = mix + mixStep; // DjEqControl::nextMix
                const Vec floored = zero < raised ? raised : zero;
                mixes[k] = mix = floored < one ? floored : one;
            }

            if (count == lanes)
                g.process (tile, gains, mixes, lanes); // a constant count: the loops unroll
            else
                g.process (tile, gains, mixes, count);

            transpose (tile[0]);
            transpose (tile[1]);
            for (int i = 0; i < lanes; ++i)
            {
                storeRow (chunk.outL[(size_t) (firstSlot + i)] + t, tile[0][i], count);
                storeRow (chunk.outR[(size_t) (firstSlot + i)] + t, tile[1][i], count);
            }
        }

        for (int ch = 0; ch < 2; ++ch)
            for (int st = 0; st < numStages; ++st)
            {
                store (f.s1[ch][st].v + firstSlot, g.states[ch][st].s1);
                store (f.s2[ch][st].v + firstSlot, g.states[ch][st].s2);
            }
        for (int b = 0; b < 3; ++b)
            store (chunk.gain[b].v + firstSlot, gain[b]);
        store (chunk.mix.v + firstSlot, mix);
    }

    static void sse (Filters& f, Chunk& chunk) noexcept
    {
        for (int first = 0; first < DjEqBank::numSlots; first += 4)
            run<Vec4> (f, chunk, first);
    }

#if defined(__x86_64__) || defined(__i386__)
    // Without FMA on purpose: a fused multiply-add rounds differently, and the 250 Hz poles lift
    // that difference to about -100 dB. Plain multiplies and adds keep every kernel equal to
    // DjEq bit for bit.
    __attribute__ ((target ("avx2"))) static void avx2 (Filters& f, Chunk& chunk) noexcept
    {
        static_assert (DjEqBank::numSlots == 8, "one 256-bit register of slots");
        run<Vec8> (f, chunk, 0);
    }
#endif

    static DjEqBank::Kernel forLevel (SimdSupport::Level level) noexcept
    {
#if defined(__x86_64__) || defined(__i386__)
        if (level == SimdSupport::Level::avx2)
            return avx2;
#endif
        juce::ignoreUnused (level);
        return sse;
    }
};

void DjEqBank::prepare (double sampleRate, int maxBlockSize, SimdSupport::Level simd)
{
    jassert (SimdSupport::isSupported (simd));
    simdLevel = simd;
    kernel = DjEqBankKernels::forLevel (simd);
    maxBlock = std::max (1, maxBlockSize);
    silence.assign ((size_t) maxBlock, 0.0f);
    sink.assign ((size_t) maxBlock, 0.0f);

    const auto design = DjEqDesign::forSampleRate (sampleRate);
    const DjEqDesign::Biquad* stages[numStages] = {
        &design.lowPass250, &design.lowPass250, &design.allPass4k,  &design.highPass250, &design.highPass250,
        &design.lowPass4k,  &design.lowPass4k,  &design.highPass4k, &design.highPass4k
    };
    for (int st = 0; st < numStages; ++st)
    {
        const auto& b = *stages[st];
        const float values[5] = { b.b0, b.b1, b.b2, b.a1, b.a2 };
        for (int k = 0; k < 5; ++k)
            std::fill (std::begin (filters.coefficients[st][k].v), std::end (filters.coefficients[st][k].v),
                       values[k]);
    }

    for (int slot = 0; slot < numSlots; ++slot)
    {
        controls[(size_t) slot].prepare (sampleRate);
        reset (slot);
    }
}

void DjEqBank::clearFilters (int slot) noexcept
{
    for (int ch = 0; ch < 2; ++ch)
        for (int st = 0; st < numStages; ++st)
            filters.s1[ch][st].v[slot] = filters.s2[ch][st].v[slot] = 0.0f;
}

void DjEqBank::reset (int slot) noexcept
{
    clearFilters (slot);
    controls[(size_t) slot].reset();
}

void DjEqBank::setGains (int slot, float low, float mid, float high) noexcept
{
    // Engaging restarts the slot's filters from silence; the crossfade hides their settling.
    if (controls[(size_t) slot].setGains (low, mid, high))
        clearFilters (slot);
}

void DjEqBank::process (const Buffers& left, const Buffers& right, int numFrames) noexcept
{
    for (int done = 0; done < numFrames;)
    {
        const auto n = std::min (maxBlock, numFrames - done);
        Buffers l, r;
        for (size_t s = 0; s < (size_t) numSlots; ++s)
        {
            l[s] = left[s] != nullptr ? left[s] + done : nullptr;
            r[s] = right[s] != nullptr ? right[s] + done : nullptr;
        }
        processChunk (l, r, n);
        done += n;
    }
}

void DjEqBank::processChunk (const Buffers& left, const Buffers& right, int n) noexcept
{
    Chunk chunk;
    chunk.numFrames = n;
    bool any = false;

    for (size_t s = 0; s < (size_t) numSlots; ++s)
    {
        const auto& control = controls[s];
        const auto active = left[s] != nullptr && right[s] != nullptr && control.isEngaged();
        chunk.active[s] = active;
        any = any || active;

        // Flat or skipped slots read silence and write nowhere; their lanes hold still.
        chunk.inL[s] = active ? left[s] : silence.data();
        chunk.inR[s] = active ? right[s] : silence.data();
        chunk.outL[s] = active ? left[s] : sink.data();
        chunk.outR[s] = active ? right[s] : sink.data();
        chunk.mix.v[s] = control.mix;
        chunk.mixStep.v[s] = active ? control.getMixStepForChunk() : 0.0f;

        for (size_t b = 0; b < 3; ++b)
        {
            const auto& ramp = control.gains[b];
            const auto ramping = active && ramp.isSmoothing();
            chunk.gain[b].v[s] = ramping ? ramp.current : ramp.target;
            chunk.gainStep[b].v[s] = ramping ? ramp.step : 0.0f;
            chunk.gainTarget[b].v[s] = ramp.target;
            chunk.landsAt[b][s] = ramping && ramp.countdown <= n ? ramp.countdown - 1 : -1;
        }
    }

    if (!any)
        return; // every slot flat or skipped: a true bypass

    // An engaged slot that was given no buffers keeps its filters as they are.
    Filters kept;
    bool keep[numSlots] = {};
    for (int s = 0; s < numSlots; ++s)
        if (!chunk.active[(size_t) s] && controls[(size_t) s].isEngaged())
        {
            keep[s] = true;
            for (int ch = 0; ch < 2; ++ch)
                for (int st = 0; st < numStages; ++st)
                {
                    kept.s1[ch][st].v[s] = filters.s1[ch][st].v[s];
                    kept.s2[ch][st].v[s] = filters.s2[ch][st].v[s];
                }
        }

    kernel (filters, chunk);

    for (int s = 0; s < numSlots; ++s)
    {
        auto& control = controls[(size_t) s];
        if (keep[s])
        {
            for (int ch = 0; ch < 2; ++ch)
                for (int st = 0; st < numStages; ++st)
                {
                    filters.s1[ch][st].v[s] = kept.s1[ch][st].v[s];
                    filters.s2[ch][st].v[s] = kept.s2[ch][st].v[s];
                }
        }
        if (!chunk.active[(size_t) s])
            continue;

        for (size_t b = 0; b < 3; ++b)
        {
            auto& ramp = control.gains[b];
            ramp.current = chunk.gain[b].v[s];
            ramp.countdown = std::max (0, ramp.countdown - n);
        }
        control.endChunk (chunk.mix.v[s], chunk.mixStep.v[s]);
        if (!control.isEngaged())
            clearFilters (s); // on the bypass: its lanes idle at exactly zero
    }
}

} // namespace paddeck
