#include "Dsp/DjEqBank.h"
#include "Dsp/DjEq.h"
#include "DspTestSupport.h"
#include "Support/AllocationCounter.h"

#include <gtest/gtest.h>

#include <random>

namespace paddeck
{

using namespace test;

namespace
{
constexpr double rate = 48000.0;
constexpr int slots = DjEqBank::numSlots;

/** Every test runs once per kernel (SimdSupport level) this CPU has. */
class DjEqBankKernel : public ::testing::TestWithParam<SimdSupport::Level>
{
protected:
    void SetUp() override
    {
        if (!SimdSupport::isSupported (GetParam()))
            GTEST_SKIP() << SimdSupport::getName (GetParam()) << " is not supported by this CPU";
    }

    void prepare (DjEqBank& bank, int maxBlock) const
    {
        bank.prepare (rate, maxBlock, GetParam());
        ASSERT_EQ (bank.getSimdLevel(), GetParam());
    }
};

INSTANTIATE_TEST_SUITE_P (Kernels, DjEqBankKernel,
                          ::testing::Values (SimdSupport::Level::sse, SimdSupport::Level::avx2),
                          [] (const auto& info) { return std::string (SimdSupport::getName (info.param)); });

/** Stereo noise at about -10 dBFS, different per slot and channel. */
std::vector<float> noise (int frames, unsigned seed)
{
    std::mt19937 gen (seed);
    std::uniform_real_distribution<float> dist (-0.5f, 0.5f);
    std::vector<float> v ((size_t) frames);
    for (auto& x : v)
        x = dist (gen);
    return v;
}

/** Level change in dB of a sine through slot 3 of a bank at fixed gains, after settling. */
double bankGainAtDb (SimdSupport::Level level, double frequency, float low, float mid, float high)
{
    DjEqBank bank;
    bank.prepare (rate, 128, level);
    for (int s = 0; s < slots; ++s)
    {
        bank.setGains (s, 1.0f + 0.1f * (float) s, 1.0f, 0.5f); // the other lanes busy with other gains
        bank.reset (s);
    }
    bank.setGains (3, low, mid, high);
    bank.reset (3);

    std::vector<std::vector<float>> l (slots, sine (frequency, rate, 48000)), r = l;
    for (int i = 0; i < 48000; i += 128)
    {
        DjEqBank::Buffers lp, rp;
        for (size_t s = 0; s < (size_t) slots; ++s)
        {
            lp[s] = l[s].data() + i;
            rp[s] = r[s].data() + i;
        }
        bank.process (lp, rp, std::min (128, 48000 - i));
    }

    const auto settled = 24000;
    const auto in = amplitudeAt (sine (frequency, rate, 48000).data() + settled, 24000, frequency, rate);
    const auto left = toDb (amplitudeAt (l[3].data() + settled, 24000, frequency, rate) / in);
    EXPECT_NEAR (toDb (amplitudeAt (r[3].data() + settled, 24000, frequency, rate) / in), left, 0.01);
    return left;
}
} // namespace

TEST_P (DjEqBankKernel, KillsAndBoostsEachBand)
{
    const auto level = GetParam();
    EXPECT_LE (bankGainAtDb (level, 60.0, 0.0f, 1.0f, 1.0f), -40.0);
    EXPECT_NEAR (bankGainAtDb (level, 1000.0, 0.0f, 1.0f, 1.0f), 0.0, 1.0);
    EXPECT_LE (bankGainAtDb (level, 1000.0, 1.0f, 0.0f, 1.0f), -40.0);
    EXPECT_NEAR (bankGainAtDb (level, 60.0, 1.0f, 0.0f, 1.0f), 0.0, 1.0);
    EXPECT_NEAR (bankGainAtDb (level, 16000.0, 1.0f, 0.0f, 1.0f), 0.0, 1.0);
    EXPECT_LE (bankGainAtDb (level, 16000.0, 1.0f, 1.0f, 0.0f), -40.0);
    EXPECT_NEAR (bankGainAtDb (level, 60.0, 2.0f, 1.0f, 1.0f), 6.0, 0.3);
    EXPECT_NEAR (bankGainAtDb (level, 1000.0, 1.0f, 2.0f, 1.0f), 6.0, 0.3);
    EXPECT_NEAR (bankGainAtDb (level, 16000.0, 1.0f, 1.0f, 2.0f), 6.0, 0.3);
    for (auto f : { 60.0, 250.0, 1000.0, 4000.0, 16000.0 })
        EXPECT_NEAR (bankGainAtDb (level, f, 1.0001f, 1.0f, 1.0f), 0.0, 0.1) << f << " Hz, bands at unity";
}

TEST_P (DjEqBankKernel, PlaysEachSlotAsItsOwnDjEqWould)
{
    // Eight voices, each with its own performance: engaging from flat, kills, boosts, fast
    // moves, returns to flat (and its fade back to the bypass), restarts, blocks it sits out,
    // block sizes that are odd or longer than the prepared maximum. Each slot must match a
    // DjEq fed the same calls, bit for bit, on every kernel.
    constexpr int frames = 48000;
    constexpr int maxBlock = 128;
    DjEqBank bank;
    prepare (bank, maxBlock);
    std::vector<DjEq> reference (slots);
    for (auto& eq : reference)
        eq.prepare (rate, maxBlock);

    std::vector<std::vector<float>> bankL, bankR, refL, refR;
    for (int s = 0; s < slots; ++s)
    {
        bankL.push_back (noise (frames, 100u + (unsigned) s));
        bankR.push_back (noise (frames, 200u + (unsigned) s));
    }
    refL = bankL;
    refR = bankR;

    std::mt19937 gen (11);
    const float choices[] = { 0.0f, 0.5f, 1.0f, 1.0f, 1.0f, 1.5f, 2.0f };
    std::uniform_int_distribution<int> pick (0, 6), blockSize (1, 300), coin (0, 9);

    for (int done = 0; done < frames;)
    {
        const auto n = std::min (blockSize (gen), frames - done);
        DjEqBank::Buffers lp, rp;
        for (int s = 0; s < slots; ++s)
        {
            const auto event = coin (gen);
            if (event < 3)
            {
                const auto low = choices[pick (gen)], mid = choices[pick (gen)], high = choices[pick (gen)];
                bank.setGains (s, low, mid, high);
                reference[(size_t) s].setGains (low, mid, high);
            }
            else if (event == 3 && s % 2 == 0)
            {
                bank.setGains (s, 1.0f, 1.0f, 1.0f); // back to flat: fades to the bypass
                reference[(size_t) s].setGains (1.0f, 1.0f, 1.0f);
            }
            else if (event == 4 && coin (gen) == 0)
            {
                bank.reset (s); // a voice restarting
                reference[(size_t) s].reset();
            }

            const auto sitsOut = s == 5 && coin (gen) < 3;
            lp[(size_t) s] = sitsOut ? nullptr : bankL[(size_t) s].data() + done;
            rp[(size_t) s] = sitsOut ? nullptr : bankR[(size_t) s].data() + done;
            if (!sitsOut)
                reference[(size_t) s].process (refL[(size_t) s].data() + done, refR[(size_t) s].data() + done,
                                               n);
        }
        bank.process (lp, rp, n);
        done += n;

        for (int s = 0; s < slots; ++s)
            ASSERT_EQ (bank.isFlat (s), reference[(size_t) s].isFlat()) << "slot " << s << " at " << done;
    }

    for (size_t s = 0; s < (size_t) slots; ++s)
    {
        EXPECT_EQ (bankL[s], refL[s]) << "slot " << s;
        EXPECT_EQ (bankR[s], refR[s]) << "slot " << s;
        EXPECT_NE (bankL[s], noise (frames, 100u + (unsigned) s)) << "slot " << s << " was filtered";
    }
}

TEST_P (DjEqBankKernel, FlatSlotsAreATrueBypassBesideEngagedOnes)
{
    DjEqBank bank;
    prepare (bank, 128);
    bank.setGains (0, 0.0f, 2.0f, 0.5f); // slot 0 engaged, the others flat

    std::vector<std::vector<float>> l, r;
    for (int s = 0; s < slots; ++s)
    {
        l.push_back (noise (1024, 300u + (unsigned) s));
        r.push_back (noise (1024, 400u + (unsigned) s));
    }
    const auto originalL = l, originalR = r;

    for (int i = 0; i < 1024; i += 128)
    {
        DjEqBank::Buffers lp, rp;
        for (size_t s = 0; s < (size_t) slots; ++s)
        {
            lp[s] = l[s].data() + i;
            rp[s] = r[s].data() + i;
        }
        bank.process (lp, rp, 128);
    }

    EXPECT_FALSE (bank.isFlat (0));
    EXPECT_NE (l[0], originalL[0]);
    for (size_t s = 1; s < (size_t) slots; ++s)
    {
        EXPECT_TRUE (bank.isFlat ((int) s));
        EXPECT_EQ (l[s], originalL[s]) << "slot " << s << " untouched, sample for sample";
        EXPECT_EQ (r[s], originalR[s]) << "slot " << s;
    }
}

TEST_P (DjEqBankKernel, ReturnsToTheBypassAndNeverAllocates)
{
    DjEqBank bank;
    prepare (bank, 128);
    std::vector<float> l (128, 0.25f), r (128, -0.25f);
    DjEqBank::Buffers lp, rp;
    lp.fill (l.data()); // every slot on the same buffer: only flatness is looked at here
    rp.fill (r.data());

    ScopedAllocationCounter counter;
    for (int s = 0; s < slots; ++s)
        bank.setGains (s, 0.5f, 1.0f, 1.0f);
    bank.process (lp, rp, 128);
    for (int s = 0; s < slots; ++s)
        bank.setGains (s, 1.0f, 1.0f, 1.0f);
    for (int b = 0; b < 20; ++b) // the 20 ms ramp, then the 20 ms fade to the bypass
        bank.process (lp, rp, 128);
    EXPECT_EQ (counter.getAllocations(), 0u);

    for (int s = 0; s < slots; ++s)
        EXPECT_TRUE (bank.isFlat (s)) << "slot " << s;
}

} // namespace paddeck
