#include "Engine/MasterBus.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace paddeck
{

namespace
{
/** The clip guard as it was first written: unity to the knee, then knee + range × tanh. */
double referenceGuard (double x)
{
    const double knee = MasterBus::guardKnee, range = 1.0 - knee;
    const double magnitude = std::abs (x);
    if (magnitude <= knee)
        return x;
    return std::copysign (knee + range * std::tanh ((magnitude - knee) / range), x);
}
} // namespace

// A block whose peak stays at or below the knee takes the fast path: not one bit changes.
TEST (MasterBus, ABlockBelowTheKneeIsLeftBitForBit)
{
    std::vector<float> block (128);
    for (size_t i = 0; i < block.size(); ++i)
        block[i] = MasterBus::guardKnee * (float) std::sin (0.05 * (double) i);
    block[17] = MasterBus::guardKnee; // the knee itself is still unity
    block[40] = -MasterBus::guardKnee;
    const auto before = block;

    EXPECT_FALSE (MasterBus::clipGuardBlock (block.data(), (int) block.size()));
    EXPECT_EQ (block, before);
}

// Above the knee the block's curve is the tanh it always was, to within -120 dB, over the whole
// range a mix can reach; frames under the knee in a clipping block stay exact; the output never
// passes 1, never falls as the input rises by more than a float step near 1 (6e-8, the rational
// tanh's rounding) and is odd.
TEST (MasterBus, TheBlockCurveIsTheTanhGuardWithinMinus120Db)
{
    std::vector<float> in;
    for (double x = -40.0; x <= 40.0; x += 0.0007)
        in.push_back ((float) x);
    auto out = in;
    ASSERT_TRUE (MasterBus::clipGuardBlock (out.data(), (int) out.size()));

    double worst = 0.0;
    int unityMismatches = 0, nonMonotonic = 0, asymmetric = 0;
    for (size_t i = 0; i < in.size(); ++i)
    {
        worst = std::max (worst, std::abs ((double) out[i] - referenceGuard ((double) in[i])));
        if (std::abs (in[i]) <= MasterBus::guardKnee && out[i] != in[i])
            ++unityMismatches;
        if (i > 0 && out[i] < out[i - 1] - 6.0e-8f)
            ++nonMonotonic;
        if (MasterBus::clipGuard (-in[i]) != -MasterBus::clipGuard (in[i]))
            ++asymmetric;
        EXPECT_LE (std::abs (out[i]), 1.0f) << in[i];
        EXPECT_EQ (out[i], MasterBus::clipGuard (in[i])) << "one curve, per frame and per block";
    }
    EXPECT_LT (20.0 * std::log10 (worst + 1.0e-30), -120.0) << "worst " << worst;
    EXPECT_EQ (unityMismatches, 0);
    EXPECT_EQ (nonMonotonic, 0);
    EXPECT_EQ (asymmetric, 0);
}

} // namespace paddeck
