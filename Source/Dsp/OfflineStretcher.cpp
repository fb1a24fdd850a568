#include "Dsp/OfflineStretcher.h"

#include "Dsp/CrossfadeLaw.h"

#include <rubberband/RubberBandStretcher.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace paddeck
{

using Stretcher = RubberBand::RubberBandStretcher;

namespace
{
constexpr int chunkFrames = 8192;

// Input frames rendered before a loop that has no intro long enough to crossfade from, and after
// its end, so the frames kept are well inside the render (Rubber Band's window is 2-4k frames).
constexpr std::int64_t settleFrames = 8192;
constexpr double wrapFadeSeconds = 0.002; // as a voice fades its loop wraps

struct Segment
{
    std::int64_t start, length;
    bool fadeIn = false, fadeOut = false; // a loop wrap before / after it
};

/** The input segments to render, in order, and where the kept output starts. */
struct Sequence
{
    std::vector<Segment> segments;
    std::int64_t totalFrames = 0;
    std::int64_t preRollFrames = 0; // input frames before the file's frame 0
    int wrapFadeFrames = 0;

    void add (std::int64_t start, std::int64_t length)
    {
        if (length > 0)
        {
            segments.push_back ({ start, length });
            totalFrames += length;
        }
    }

    /** Marks every jump in the input (a wrap from the loop's end to its start, or from the loop's
        tail to the file's start) that would click, where the render fades out and in as a voice's
        LoopFadeSource does at a wrap. A jump whose two sides meet (a loop made to loop) is left
        alone: a fade there would only dip. */
    bool markJumps (OfflineStretcher::Input& input, std::int64_t loopStart, std::int64_t loopEnd,
                    int fadeFrames)
    {
        // A loop shorter than two fades would be all fade: leave it alone (as LoopFadeSource does).
        wrapFadeFrames = loopEnd - loopStart >= 4 * (std::int64_t) fadeFrames ? fadeFrames : 0;
        for (size_t i = 0; i + 1 < segments.size() && wrapFadeFrames > 0; ++i)
        {
            const auto from = segments[i].start + segments[i].length, to = segments[i + 1].start;
            if (from == to)
                continue;
            bool clicks = false;
            if (!jumpClicks (input, from, to, clicks))
                return false;
            segments[i].fadeOut = segments[i + 1].fadeIn = clicks;
        }
        return true;
    }

    /** Whether going from frame `from` - 1 to frame `to` steps further than the frames around
        either side do (half again their largest step). */
    static bool jumpClicks (OfflineStretcher::Input& input, std::int64_t from, std::int64_t to, bool& clicks)
    {
        constexpr int around = 64;
        float beforeL[around], beforeR[around], afterL[around], afterR[around];
        if (!input.read (from - around, around, beforeL, beforeR) || !input.read (to, around, afterL, afterR))
            return false;
        float own = 1.0e-6f;
        for (int i = 1; i < around; ++i)
            own = std::max ({ own, std::abs (beforeL[i] - beforeL[i - 1]),
                              std::abs (beforeR[i] - beforeR[i - 1]), std::abs (afterL[i] - afterL[i - 1]),
                              std::abs (afterR[i] - afterR[i - 1]) });
        const auto jump =
            std::max (std::abs (afterL[0] - beforeL[around - 1]), std::abs (afterR[0] - beforeR[around - 1]));
        clicks = jump > 1.5f * own;
        return true;
    }

    /** `frames` of the loop played cyclically, ending at the loop's end (a tail) or starting at
        its start (a head). */
    void addCyclic (std::int64_t loopStart, std::int64_t loopEnd, std::int64_t frames, bool endingAtEnd)
    {
        const auto loopLength = loopEnd - loopStart;
        if (endingAtEnd)
        {
            auto first = frames % loopLength;
            add (loopEnd - first, first);
            for (auto whole = frames / loopLength; whole > 0; --whole)
                add (loopStart, loopLength);
        }
        else
        {
            for (auto whole = frames / loopLength; whole > 0; --whole)
                add (loopStart, loopLength);
            add (loopStart, frames % loopLength);
        }
    }
};

/** Reads the sequence's frames in order. */
class SequenceReader
{
public:
    SequenceReader (const Sequence& s, OfflineStretcher::Input& i)
        : sequence (s)
        , input (i)
    {
    }

    /** Fills numFrames frames (zeros past the end); false on a read error. */
    bool read (float* left, float* right, int numFrames)
    {
        int done = 0;
        while (done < numFrames && segment < sequence.segments.size())
        {
            const auto& s = sequence.segments[segment];
            const auto n = (int) std::min<std::int64_t> (numFrames - done, s.length - offset);
            if (!input.read (s.start + offset, n, left + done, right + done))
                return false;
            applyWrapFades (s, left + done, right + done, n);
            done += n;
            offset += n;
            if (offset >= s.length)
            {
                ++segment;
                offset = 0;
            }
        }
        std::fill (left + done, left + numFrames, 0.0f);
        std::fill (right + done, right + numFrames, 0.0f);
        return true;
    }

private:
    /** The same envelope as LoopFadeSource: down to 1/(fade+1) on the last frame before a wrap,
        up from it on the first frame after. */
    void applyWrapFades (const Segment& s, float* left, float* right, int n) const
    {
        const auto fade = (std::int64_t) sequence.wrapFadeFrames;
        for (int i = 0; i < n && fade > 0; ++i)
        {
            const auto at = offset + i;
            auto gain = 1.0f;
            if (s.fadeOut && at >= s.length - fade)
                gain = (float) (s.length - at) / (float) (fade + 1);
            if (s.fadeIn && at < fade)
                gain = std::min (gain, (float) (at + 1) / (float) (fade + 1));
            left[i] *= gain;
            right[i] *= gain;
        }
    }

    const Sequence& sequence;
    OfflineStretcher::Input& input;
    size_t segment = 0;
    std::int64_t offset = 0;
};

/** Takes the stretcher's output frames in order, keeps the layout's and crossfades the loop's
    seam, and hands them to the sink. */
class OutputShaper
{
public:
    OutputShaper (std::int64_t keepStart, const OfflineStretcher::Layout& l, int fadeFrames,
                  const OfflineStretcher::Sink& s)
        : start (keepStart)
        , layout (l)
        , fade (l.loopEnd > l.loopStart ? fadeFrames : 0)
        , sink (s)
        , before ((size_t) fade * 2, 0.0f)
        , tail ((size_t) fade * 2, 0.0f)
    {
    }

    /** Output frames at index `at` of the whole render. */
    bool add (const float* left, const float* right, int numFrames)
    {
        const auto at = position;
        position += numFrames;

        // What preceded the loop's start in the render: what its end crossfades into.
        const auto loopAt = start + layout.loopStart;
        copyRange (left, right, at, numFrames, loopAt - fade, loopAt, before);

        const auto keepEnd = start + layout.length;
        const auto tailStart = keepEnd - fade;
        const auto from = std::max (at, start), to = std::min (at + numFrames, tailStart);
        if (to > from && !sink (left + (from - at), right + (from - at), (int) (to - from)))
            return false;

        copyRange (left, right, at, numFrames, tailStart, keepEnd, tail);
        if (fade > 0 && !tailSent && at + numFrames >= keepEnd)
            return sendTail();
        return true;
    }

    /** After the last frame: whatever the stretcher did not deliver is silence. */
    bool finish()
    {
        std::vector<float> silence ((size_t) chunkFrames, 0.0f);
        while (position < start + layout.length)
        {
            const auto n = (int) std::min<std::int64_t> (chunkFrames, start + layout.length - position);
            if (!add (silence.data(), silence.data(), n))
                return false;
        }
        return true;
    }

private:
    /** Copies the frames of [at, at + n) that fall in [from, to) into dest (left then right). */
    void copyRange (const float* left, const float* right, std::int64_t at, int n, std::int64_t from,
                    std::int64_t to, std::vector<float>& dest) const
    {
        const auto a = std::max (at, from), b = std::min (at + n, to);
        for (auto i = a; i < b; ++i)
        {
            dest[(size_t) (i - from)] = left[i - at];
            dest[(size_t) (fade + i - from)] = right[i - at];
        }
    }

    bool sendTail()
    {
        tailSent = true;
        // How alike the loop's end and what preceded its start are decides the gain law.
        double cross = 0.0, ownEnergy = 0.0, beforeEnergy = 0.0;
        for (size_t i = 0; i < tail.size(); ++i)
        {
            cross += (double) tail[i] * before[i];
            ownEnergy += (double) tail[i] * tail[i];
            beforeEnergy += (double) before[i] * before[i];
        }
        const auto rho = CrossfadeLaw::correlation (cross, ownEnergy, beforeEnergy);

        for (int i = 0; i < fade; ++i)
        {
            float ownGain, beforeGain;
            CrossfadeLaw::gains ((double) (i + 1) / (fade + 1), rho, ownGain, beforeGain);
            for (int c = 0; c < 2; ++c)
            {
                auto& own = tail[(size_t) (c * fade + i)];
                own = ownGain * own + beforeGain * before[(size_t) (c * fade + i)];
            }
        }
        return sink (tail.data(), tail.data() + fade, fade);
    }

    const std::int64_t start;
    const OfflineStretcher::Layout layout;
    const int fade;
    const OfflineStretcher::Sink& sink;
    std::vector<float> before, tail;
    std::int64_t position = 0;
    bool tailSent = false;
};
} // namespace

int OfflineStretcher::options() noexcept
{
    // Threading off: the job's thread is the only one it runs on, at the job's low priority.
    return Stretcher::OptionProcessOffline | Stretcher::OptionEngineFiner | Stretcher::OptionThreadingNever
           | Stretcher::OptionChannelsTogether;
}

int OfflineStretcher::crossfadeFrames (double outputRate, std::int64_t loopFrames) noexcept
{
    return (int) std::max<std::int64_t> (
        0,
        std::min<std::int64_t> ((std::int64_t) std::lround (1024.0 * outputRate / 48000.0), loopFrames / 4));
}

OfflineStretcher::Layout OfflineStretcher::plan (const Request& r) noexcept
{
    Layout layout;
    if (r.isLoop())
    {
        const auto loopEnd = std::min (r.loopEnd, r.inputLength);
        layout.frameRatio = (double) r.loopOutputFrames / (double) (loopEnd - r.loopStart);
        layout.loopStart = (std::int64_t) std::llround ((double) r.loopStart * layout.frameRatio);
        layout.loopEnd = layout.loopStart + r.loopOutputFrames;
        layout.length = layout.loopEnd;
    }
    else
    {
        layout.frameRatio = r.tempoRatio * r.outputRate / r.inputRate;
        layout.length = (std::int64_t) std::llround ((double) r.inputLength * layout.frameRatio);
    }
    return layout;
}

double OfflineStretcher::Layout::outputFrameOf (double inputFrame, std::int64_t inputLoopStart) const noexcept
{
    if (loopEnd < 0 || inputFrame < (double) inputLoopStart)
        return inputFrame * frameRatio;
    return (double) loopStart + (inputFrame - (double) inputLoopStart) * frameRatio;
}

double OfflineStretcher::Layout::inputFrameOf (double outputFrame, std::int64_t inputLoopStart) const noexcept
{
    if (loopEnd < 0 || outputFrame < (double) loopStart)
        return outputFrame / frameRatio;
    return (double) inputLoopStart + (outputFrame - (double) loopStart) / frameRatio;
}

bool OfflineStretcher::render (const Request& r, Input& input, const Sink& sink, const Progress& progress)
{
    const auto layout = plan (r);
    const auto ratio = layout.frameRatio;
    if (layout.length <= 0 || !(ratio > 0.0))
        return false;

    Sequence sequence;
    int fade = 0;
    if (r.isLoop())
    {
        const auto loopEnd = std::min (r.loopEnd, r.inputLength);
        fade = crossfadeFrames (r.outputRate, r.loopOutputFrames);
        // The seam crossfades into what precedes the loop's start: its intro when that is long
        // enough, else the loop's own tail played before it (as it is heard after a wrap).
        if ((double) r.loopStart * ratio < fade + 64.0)
        {
            sequence.preRollFrames = (std::int64_t) std::ceil ((fade + 64.0) / ratio) + settleFrames;
            sequence.addCyclic (r.loopStart, loopEnd, sequence.preRollFrames, true);
        }
        sequence.add (0, loopEnd);
        sequence.addCyclic (r.loopStart, loopEnd, settleFrames + (std::int64_t) std::ceil (fade / ratio),
                            false);
        if (!sequence.markJumps (input, r.loopStart, loopEnd,
                                 (int) std::lround (wrapFadeSeconds * r.inputRate)))
            return false;
    }
    else
    {
        sequence.add (0, r.inputLength);
    }

    // The layout's frame 0 is input frame 0, after the pre-roll; its loop starts where the loop's
    // first frame lands in the whole render.
    const auto keepStart =
        r.isLoop() ? (std::int64_t) std::llround ((double) (sequence.preRollFrames + r.loopStart) * ratio)
                         - layout.loopStart
                   : 0;

    Stretcher stretcher ((size_t) std::lround (r.inputRate), 2, (Stretcher::Options) options(), ratio,
                         r.pitchRatio * r.inputRate / r.outputRate);
    stretcher.setExpectedInputDuration ((size_t) sequence.totalFrames);
    stretcher.setMaxProcessSize ((size_t) chunkFrames);

    std::vector<float> inL ((size_t) chunkFrames), inR ((size_t) chunkFrames);
    std::vector<float> outL ((size_t) chunkFrames), outR ((size_t) chunkFrames);
    const float* in[] = { inL.data(), inR.data() };
    float* out[] = { outL.data(), outR.data() };

    // The study pass: R3 needs little from it, but offline mode requires it.
    {
        SequenceReader reader (sequence, input);
        for (std::int64_t done = 0; done < sequence.totalFrames; done += chunkFrames)
        {
            const auto n = (int) std::min<std::int64_t> (chunkFrames, sequence.totalFrames - done);
            if (!reader.read (inL.data(), inR.data(), n))
                return false;
            stretcher.study (in, (size_t) n, done + n >= sequence.totalFrames);
        }
    }

    OutputShaper shaper (keepStart, layout, fade, sink);
    const auto drain = [&]
    {
        for (auto available = stretcher.available(); available > 0; available = stretcher.available())
        {
            const auto got = (int) stretcher.retrieve (out, (size_t) std::min (available, chunkFrames));
            if (!shaper.add (outL.data(), outR.data(), got))
                return false;
        }
        return true;
    };

    SequenceReader reader (sequence, input);
    for (std::int64_t done = 0; done < sequence.totalFrames; done += chunkFrames)
    {
        const auto n = (int) std::min<std::int64_t> (chunkFrames, sequence.totalFrames - done);
        if (!reader.read (inL.data(), inR.data(), n))
            return false;
        stretcher.process (in, (size_t) n, done + n >= sequence.totalFrames);
        if (!drain())
            return false;
        if (progress && !progress ((double) (done + n) / (double) sequence.totalFrames))
            return false;
    }
    return drain() && shaper.finish();
}

} // namespace paddeck
