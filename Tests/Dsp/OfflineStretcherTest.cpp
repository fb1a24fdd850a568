#include "Dsp/OfflineStretcher.h"
#include "DspTestSupport.h"

#include <gtest/gtest.h>

namespace paddeck
{

using namespace test;

namespace
{
constexpr double rate = 48000.0;

struct VectorInput : OfflineStretcher::Input
{
    explicit VectorInput (std::vector<float> mono)
        : frames (std::move (mono))
    {
    }

    bool read (std::int64_t frame, int numFrames, float* left, float* right) override
    {
        for (int i = 0; i < numFrames; ++i)
        {
            const auto at = frame + i;
            left[i] = right[i] = at >= 0 && at < (std::int64_t) frames.size() ? frames[(size_t) at] : 0.0f;
        }
        return true;
    }

    std::vector<float> frames;
};

std::vector<float> renderAll (const OfflineStretcher::Request& request, std::vector<float> input)
{
    VectorInput source (std::move (input));
    std::vector<float> out;
    const auto ok = OfflineStretcher::render (request, source,
                                              [&out] (const float* l, const float*, int n)
                                              {
                                                  out.insert (out.end(), l, l + n);
                                                  return true;
                                              });
    EXPECT_TRUE (ok);
    return out;
}

/** A chord with no transients near 220, 331 and 523 Hz; with `seamlessOver` frames given, each
    partial completes a whole number of cycles in that many frames, so a loop of them is seamless. */
std::vector<float> chord (int frames, int seamlessOver = 0)
{
    const auto tune = [seamlessOver] (double hz)
    { return seamlessOver > 0 ? std::round (hz * seamlessOver / rate) * rate / seamlessOver : hz; };
    const double f1 = tune (220.0), f2 = tune (331.0), f3 = tune (523.0);
    std::vector<float> x ((size_t) frames);
    for (int i = 0; i < frames; ++i)
        x[(size_t) i] =
            (float) (0.25 * std::sin (twoPi * f1 * i / rate) + 0.15 * std::sin (twoPi * f2 * i / rate)
                     + 0.1 * std::sin (twoPi * f3 * i / rate));
    return x;
}

/** A tone with a decaying 2 kHz burst on every beat. */
std::vector<float> beats (int frames, int beatFrames)
{
    std::vector<float> x ((size_t) frames);
    for (int i = 0; i < frames; ++i)
    {
        const auto inBeat = i % beatFrames;
        const auto burst =
            inBeat < 480 ? 0.6 * std::sin (twoPi * 2000.0 * inBeat / rate) * (1.0 - inBeat / 480.0) : 0.0;
        x[(size_t) i] = (float) (0.15 * std::sin (twoPi * 440.0 * i / rate) + burst);
    }
    return x;
}

int onsetNear (const std::vector<float>& x, int at, int radius, float threshold)
{
    for (int i = std::max (0, at - radius); i < std::min ((int) x.size(), at + radius); ++i)
        if (std::abs (x[(size_t) i]) > threshold)
            return i;
    return -1;
}
} // namespace

TEST (OfflineStretcher, AOneShotKeepsItsLengthAndMovesItsPitch)
{
    OfflineStretcher::Request request;
    request.inputLength = 96000;
    request.pitchRatio = std::pow (2.0, 7.0 / 12.0);
    const auto out = renderAll (request, sine (440.0, rate, 96000));

    ASSERT_EQ (out.size(), 96000u);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 4800, 86400, rate), 440.0 * request.pitchRatio, 2.0);
    EXPECT_NEAR (toDb (rms (out.data() + 4800, 86400) / rms (sine (440.0, rate, 4800).data(), 4800)), 0.0,
                 1.0);
    EXPECT_GT (peak (out.data(), 48), 0.02) << "sounds from its first frames";
}

TEST (OfflineStretcher, AFileAtAnotherRateComesOutAtTheEngineRate)
{
    // 44.1 kHz in, 48 kHz out, +3 semitones, tempo kept: the same duration and the shifted pitch in Hz.
    OfflineStretcher::Request request;
    request.inputRate = 44100.0;
    request.inputLength = 88200;
    request.pitchRatio = std::pow (2.0, 3.0 / 12.0);
    const auto out = renderAll (request, sine (440.0, 44100.0, 88200));

    ASSERT_EQ (out.size(), 96000u);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 4800, 86400, rate), 440.0 * request.pitchRatio, 2.0);
}

TEST (OfflineStretcher, AStretchedLoopIsExactlyItsLengthAndPlacesItsBeats)
{
    // One bar at 100 BPM (115,200 frames) made into one bar at 120 BPM: exactly 96,000 frames,
    // its beats where 120 BPM puts them.
    OfflineStretcher::Request request;
    request.inputLength = 115200;
    request.loopStart = 0;
    request.loopEnd = 115200;
    request.loopOutputFrames = 96000;
    request.pitchRatio = std::pow (2.0, -2.0 / 12.0);
    const auto out = renderAll (request, beats (115200, 28800));

    ASSERT_EQ (out.size(), 96000u);
    const auto layout = OfflineStretcher::plan (request);
    EXPECT_EQ (layout.loopStart, 0);
    EXPECT_EQ (layout.loopEnd, 96000);

    // Played as a loop three times: every beat within 1.5 ms.
    std::vector<float> looped;
    for (int pass = 0; pass < 3; ++pass)
        looped.insert (looped.end(), out.begin(), out.end());
    for (int beat = 1; beat < 12; ++beat)
    {
        const int at = beat * 24000;
        EXPECT_NEAR (onsetNear (looped, at, 2400, 0.3f), at, 72) << "beat " << beat;
    }
}

TEST (OfflineStretcher, ARenderedLoopWrapsWithoutAClickOrADip)
{
    // A chord whose partials complete whole cycles in the loop (the loop itself is seamless): its
    // render wraps with no step beyond the chord's own and no dip in level.
    for (const double pitch : { 1.0, std::pow (2.0, 5.0 / 12.0) })
        for (const int outFrames : { 60000, 50017 })
        {
            OfflineStretcher::Request request;
            request.inputLength = 52000;
            request.loopStart = 0;
            request.loopEnd = 52000;
            request.loopOutputFrames = outFrames;
            request.pitchRatio = pitch;
            const auto out = renderAll (request, chord (52000, 52000));
            ASSERT_EQ ((int) out.size(), outFrames);

            std::vector<float> looped (out.begin(), out.end());
            looped.insert (looped.end(), out.begin(), out.end());
            const int seam = outFrames;
            const auto ownStep = std::max (maxJump (looped.data() + 4096, seam - 8192),
                                           maxJump (looped.data() + seam + 4096, seam - 8192));
            // Two renders of the same music crossfaded in equal power may peak a little higher
            // than either (their phases differ); a click would step several times further.
            EXPECT_LE (maxJump (looped.data() + seam - 2048, 4096), ownStep * 1.3)
                << "pitch " << pitch << ", " << outFrames << " frames";

            // No dip in level where the seam's crossfade is (20 ms windows).
            const auto level = rms (looped.data() + seam / 2, 9600);
            for (int at = seam - 2400; at < seam + 2400; at += 480)
                EXPECT_NEAR (toDb (rms (looped.data() + at - 480, 960) / level), 0.0, 1.0)
                    << "at " << at << ", pitch " << pitch << ", " << outFrames << " frames";
        }
}

TEST (OfflineStretcher, ALoopWhoseEndsDontMeetIsFadedAtTheWrapNotClicked)
{
    // The plain chord does not complete its cycles in 52,000 frames: played raw, it would click
    // where it wraps. Rendered, the wrap is faded as a voice fades it: no step beyond its own.
    for (const double pitch : { 1.0, std::pow (2.0, -4.0 / 12.0) })
    {
        OfflineStretcher::Request request;
        request.inputLength = 52000;
        request.loopStart = 0;
        request.loopEnd = 52000;
        request.loopOutputFrames = 57000;
        request.pitchRatio = pitch;
        const auto out = renderAll (request, chord (52000));
        ASSERT_EQ (out.size(), 57000u);

        std::vector<float> looped (out.begin(), out.end());
        looped.insert (looped.end(), out.begin(), out.end());
        const auto ownStep = maxJump (looped.data() + 4096, 57000 - 8192);
        EXPECT_LE (maxJump (looped.data() + 57000 - 4096, 8192), ownStep * 1.1) << "pitch " << pitch;
    }
}

TEST (OfflineStretcher, ALoopWithAnIntroKeepsTheIntroAndLoopsOnlyTheLoop)
{
    // An 18,000-frame intro at 330 Hz before a 440 Hz loop of 48,000 frames, tempo kept.
    std::vector<float> input ((size_t) 66000);
    for (int i = 0; i < 66000; ++i)
        input[(size_t) i] = (float) (0.3 * std::sin (twoPi * (i < 18000 ? 330.0 : 440.0) * i / rate));

    OfflineStretcher::Request request;
    request.inputLength = 66000;
    request.loopStart = 18000;
    request.loopEnd = 66000;
    request.loopOutputFrames = 48000;
    const auto out = renderAll (request, input);

    const auto layout = OfflineStretcher::plan (request);
    ASSERT_EQ (layout.loopStart, 18000);
    ASSERT_EQ (layout.loopEnd, 66000);
    ASSERT_EQ (out.size(), 66000u);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 2000, 12000, rate), 330.0, 1.0);
    EXPECT_NEAR (zeroCrossingFrequency (out.data() + 24000, 36000, rate), 440.0, 1.0);
}

TEST (OfflineStretcher, ACancelledRenderStops)
{
    OfflineStretcher::Request request;
    request.inputLength = 480000;
    VectorInput source (sine (440.0, rate, 480000));
    int frames = 0;
    const auto ok = OfflineStretcher::render (
        request, source,
        [&frames] (const float*, const float*, int n)
        {
            frames += n;
            return true;
        },
        [] (double fraction) { return fraction < 0.1; });
    EXPECT_FALSE (ok);
    EXPECT_LT (frames, 240000);
}

} // namespace paddeck
