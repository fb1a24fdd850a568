#include "Tempo/BeatGridFit.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace paddeck
{

namespace
{
using Onset = OnsetFinder::Onset;

// An onset within this fraction of a beat from a beat is on it. Swung 8ths sit a third of a beat
// away, straight 16ths a quarter, 16th triplets a sixth: all stay off.
constexpr double onBeat = 0.06;
// The final fit takes only onsets this close (a fraction of a beat, at most 8 ms), so a flicker
// near a beat cannot pull it.
constexpr double onBeatTight = 0.025, onBeatTightSeconds = 0.008;

double tightTolerance (double period, double sampleRate)
{
    return std::min (onBeatTight, onBeatTightSeconds * sampleRate / period);
}

/** How much an onset says "beat": its level, with its bass counted twice (kicks, accents), times
    how new it is (a flicker in a held chord is not a beat), compressed so a loud kick does not
    drown the snare that shares its beat grid. */
double weight (const Onset& o) { return std::sqrt ((o.strength + 2.0 * o.bass) * o.contrast); }

struct Fit
{
    double origin = 0.0, period = 0.0, score = -1.0e30;
    double onMean = 0.0, midMean = 0.0, coverage = 0.0, explained = 0.0, residualMs = 0.0;
    long long firstBeat = 0, lastBeat = 0;
    int covered = 0;

    double confidence() const
    {
        return onMean > 0.0 ? std::clamp ((onMean - midMean) / onMean, 0.0, 1.0) * coverage * explained : 0.0;
    }
};

/** Least squares of onset times in [from, to] against their beat numbers, each onset weighted
    by the square of its weight so the hits that make the beat decide it. */
bool leastSquares (const std::vector<Onset>& onsets, double from, double to, double tolerance, double& origin,
                   double& period)
{
    double s = 0, sk = 0, skk = 0, st = 0, skt = 0;
    long long minK = 0, maxK = 0;
    bool any = false;

    for (auto& o : onsets)
    {
        if (o.sample < from || o.sample > to)
            continue;
        const double x = (o.sample - origin) / period;
        const auto k = std::llround (x);
        if (std::abs (x - (double) k) >= tolerance)
            continue;
        const double w = weight (o) * weight (o), t = o.sample - origin;
        if (w <= 0.0)
            continue;
        s += w;
        sk += w * (double) k;
        skk += w * (double) k * (double) k;
        st += w * t;
        skt += w * (double) k * t;
        minK = any ? std::min (minK, k) : k;
        maxK = any ? std::max (maxK, k) : k;
        any = true;
    }

    const double det = s * skk - sk * sk;
    if (!any || maxK == minK || det <= 0.0)
        return false;

    const double newPeriod = (s * skt - sk * st) / det;
    if (!(newPeriod > 0.0) || std::abs (newPeriod / period - 1.0) > 0.1)
        return false;

    origin += (st - newPeriod * sk) / s;
    period = newPeriod;
    return true;
}

// Most music is counted between 60 and 180 BPM.
constexpr double countedFrom = 60.0, countedTo = 180.0;
// Hits halfway between a level's beats this strong (against its beats) are beats themselves: a
// backbeat snare is, an off-beat hat is not.
constexpr double strongBetween = 0.35;

double toBpm (double period, double sampleRate) { return 60.0 * sampleRate / period; }

double tempoPrior (double bpm)
{
    // Outside the counted range, a double or half tempo that fits nearly as well is more likely
    // the count (124 BPM house with an off-beat bass, not 248).
    const double outside = std::max ({ 0.0, std::log2 (countedFrom / bpm), std::log2 (bpm / countedTo) });
    return std::exp (-0.5 * outside * outside / (0.25 * 0.25));
}

/** The weight of the strongest onset at each position origin + period * (k + offset). */
std::map<long long, double> strongestAt (const std::vector<Onset>& onsets, double origin, double period,
                                         double offset)
{
    std::map<long long, double> positions;
    for (auto& o : onsets)
    {
        const double x = (o.sample - origin) / period - offset;
        const auto k = std::llround (x);
        if (std::abs (x - (double) k) < onBeat && weight (o) > 0.0)
        {
            auto& w = positions[k];
            w = std::max (w, weight (o));
        }
    }
    return positions;
}

/** Scores a grid on how strong its beats are and how much of all the onsets' weight they catch,
    and measures its confidence: how much stronger its beats are than the points halfway between
    them (onsets that have nothing to do with the beat land on both alike and cancel out). */
Fit evaluate (const std::vector<Onset>& onsets, double origin, double period, double sampleRate)
{
    Fit fit;
    fit.origin = origin;
    fit.period = period;

    const auto beats = strongestAt (onsets, origin, period, 0.0);
    if (beats.size() < 2)
        return fit;

    fit.firstBeat = beats.begin()->first;
    fit.lastBeat = beats.rbegin()->first;
    fit.covered = (int) beats.size();
    const auto numBeats = fit.lastBeat - fit.firstBeat + 1;

    double onSum = 0.0, midSum = 0.0;
    for (auto& b : beats)
        onSum += b.second;
    for (auto& m : strongestAt (onsets, origin, period, 0.5))
        if (m.first >= fit.firstBeat && m.first < fit.lastBeat)
            midSum += m.second;

    fit.onMean = onSum / (double) numBeats;
    fit.midMean = midSum / (double) (numBeats - 1);
    fit.coverage = (double) fit.covered / (double) numBeats;

    double weights = 0.0, squares = 0.0, total = 0.0, onGrid = 0.0;
    for (auto& o : onsets)
    {
        const double x = (o.sample - origin) / period, r = x - std::round (x);
        total += weight (o) * weight (o);
        if (std::abs (r) < onBeat)
            onGrid += weight (o) * weight (o);
        if (std::abs (r) < tightTolerance (period, sampleRate))
        {
            weights += weight (o) * weight (o);
            squares += weight (o) * weight (o) * r * r;
        }
    }
    fit.explained = total > 0.0 ? onGrid / total : 0.0;
    // The mean weight on the beats times the share of all weight they catch: a grid twice as fast
    // halves the first (every other beat is a hat), one twice or three times as slow cuts the
    // second (the backbeat, two hits in three fall between its beats).
    fit.score = fit.onMean * fit.explained * tempoPrior (toBpm (period, sampleRate));
    fit.residualMs = weights > 0.0 ? std::sqrt (squares / weights) * period / sampleRate * 1000.0 : 0.0;
    return fit;
}

/** Of two neighbouring metrical levels, the faster is the beat when it is in the counted range
    and the hits between the slower level's beats are strong enough to be beats (kick and snare
    alternating), or when the slower level is too slow to count in. Otherwise the slower is: a
    half-time feel with light hats between, or 124 BPM house whose off-beat bass would make 248. */
bool fasterIsTheBeat (const Fit& slower, double sampleRate)
{
    const double slowBpm = toBpm (slower.period, sampleRate);
    return 2.0 * slowBpm <= countedTo
           && (slower.midMean >= strongBetween * slower.onMean || slowBpm < countedFrom);
}

/** Moves a grid to the metrical level that is its beat: twice as slow (on the phase with the
    stronger beats) or twice as fast, as far as fasterIsTheBeat says. The grid search finds the
    right pulse; which of its doubles and halves to count is this decision. */
Fit chooseLevel (const std::vector<Onset>& onsets, Fit level, double sampleRate)
{
    for (int step = 0; step < 4; ++step)
    {
        const auto evenBeats = evaluate (onsets, level.origin, 2.0 * level.period, sampleRate);
        const auto oddBeats = evaluate (onsets, level.origin + level.period, 2.0 * level.period, sampleRate);
        const auto& slower = evenBeats.onMean >= oddBeats.onMean ? evenBeats : oddBeats;

        if (slower.covered >= BeatGridFit::minBeats
            && toBpm (slower.period, sampleRate) >= BeatGridFit::minBpm
            && !fasterIsTheBeat (slower, sampleRate))
            level = slower;
        else if (fasterIsTheBeat (level, sampleRate))
            level = evaluate (onsets, level.origin, level.period / 2.0, sampleRate);
        else
            break;
    }
    return level;
}

/** Fits the grid outwards from an anchor onset: a few beats first, then twice as far each time,
    so an error in the starting period is corrected before it can add up to a slipped beat. */
Fit fitFrom (const std::vector<Onset>& onsets, const Onset& anchor, double startPeriod, double sampleRate)
{
    double origin = anchor.sample, period = startPeriod;
    const double farthest =
        std::max (anchor.sample - onsets.front().sample, onsets.back().sample - anchor.sample);

    for (double reach = 4.0;; reach *= 2.0)
    {
        for (int pass = 0; pass < 3; ++pass)
            if (!leastSquares (onsets, anchor.sample - (reach + 0.5) * period,
                               anchor.sample + (reach + 0.5) * period, onBeat, origin, period))
                break;

        if (std::abs (period / startPeriod - 1.0) > 0.1)
            return {};
        if (reach * period >= farthest)
            break;
    }

    const double everywhere = farthest + period;
    for (int pass = 0; pass < 2; ++pass)
        leastSquares (onsets, anchor.sample - everywhere, anchor.sample + everywhere,
                      tightTolerance (period, sampleRate), origin, period);

    return evaluate (onsets, origin, period, sampleRate);
}

std::vector<double> candidatePeriods (const std::vector<Onset>& onsets, double sampleRate, double hintBpm)
{
    const double shortest = 60.0 * sampleRate / BeatGridFit::maxBpm;
    const double longest = 60.0 * sampleRate / BeatGridFit::minBpm;
    constexpr double binOctaves = 0.005;
    const double base = std::log2 (shortest);
    const int numBins = (int) std::ceil (std::log2 (longest / shortest) / binOctaves) + 1;
    std::vector<double> histogram ((size_t) numBins, 0.0);

    for (size_t i = 0; i < onsets.size(); ++i)
        for (size_t j = i + 1; j < onsets.size(); ++j)
        {
            const double gap = onsets[j].sample - onsets[i].sample;
            if (gap > longest * 1.01)
                break;
            if (gap < shortest * 0.99)
                continue;
            const double bin = (std::log2 (gap) - base) / binOctaves;
            const int lower = (int) std::floor (bin);
            const double frac = bin - lower, w = weight (onsets[i]) * weight (onsets[j]);
            if (lower >= 0 && lower < numBins)
                histogram[(size_t) lower] += w * (1.0 - frac);
            if (lower + 1 >= 0 && lower + 1 < numBins)
                histogram[(size_t) lower + 1] += w * frac;
        }

    std::vector<std::pair<double, int>> peaks;
    for (int b = 0; b < numBins; ++b)
    {
        const double left = b > 0 ? histogram[(size_t) b - 1] : 0.0;
        const double right = b + 1 < numBins ? histogram[(size_t) b + 1] : 0.0;
        const double h = histogram[(size_t) b];
        if (h > 0.0 && h >= left && h > right)
            peaks.emplace_back (h + left + right, b);
    }
    std::sort (peaks.begin(), peaks.end(), [] (auto& a, auto& b) { return a.first > b.first; });

    std::vector<double> seeds;
    for (size_t p = 0; p < std::min<size_t> (peaks.size(), 6); ++p)
        seeds.push_back (std::exp2 (base + binOctaves * peaks[p].second));
    if (hintBpm > 0.0)
        seeds.push_back (60.0 * sampleRate / hintBpm);

    std::vector<double> candidates;
    for (auto seed : seeds)
        for (double factor : { 1.0, 2.0, 0.5 })
        {
            const double period = seed * factor;
            if (period < shortest * 0.99 || period > longest * 1.01)
                continue;
            const bool known = std::any_of (candidates.begin(), candidates.end(),
                                            [&] (double c) { return std::abs (c / period - 1.0) < 0.01; });
            if (!known)
                candidates.push_back (period);
        }
    return candidates;
}

/** The strongest onsets that sit at different places in a beat of `period`: fits start from each. */
std::vector<size_t> anchorsFor (const std::vector<Onset>& onsets, double period)
{
    std::vector<size_t> order (onsets.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort (order.begin(), order.end(),
               [&] (size_t a, size_t b) { return weight (onsets[a]) > weight (onsets[b]); });

    std::vector<size_t> anchors;
    for (auto i : order)
    {
        const bool samePhase = std::any_of (anchors.begin(), anchors.end(),
                                            [&] (size_t a)
                                            {
                                                const double x =
                                                    (onsets[i].sample - onsets[a].sample) / period;
                                                return std::abs (x - std::round (x)) < onBeat;
                                            });
        if (!samePhase)
            anchors.push_back (i);
        if (anchors.size() == 3)
            break;
    }
    return anchors;
}

/** The first downbeat: the first beat at the bar position whose accent clearly leads (an
    accented click, a kick only on the one); when no position does (four on the floor, a kick on
    one and three), the first beat with a strong onset, since a loop mostly starts on its one.
    It is the sample of that beat's own onset, not the grid's average, so a pad trimmed to it
    starts exactly on the hit. */
double findDownbeat (const std::vector<Onset>& onsets, const Fit& fit, int beatsPerBar)
{
    const auto beats = strongestAt (onsets, fit.origin, fit.period, 0.0);
    const auto positionOf = [&] (long long k)
    { return (size_t) (((k % beatsPerBar) + beatsPerBar) % beatsPerBar); };

    std::vector<double> sums ((size_t) beatsPerBar, 0.0), counts ((size_t) beatsPerBar, 0.0);
    for (auto k = fit.firstBeat; k <= fit.lastBeat; ++k)
    {
        const auto it = beats.find (k);
        sums[positionOf (k)] += it != beats.end() ? it->second : 0.0;
        counts[positionOf (k)] += 1.0;
    }

    std::vector<double> accents ((size_t) beatsPerBar, 0.0);
    for (size_t p = 0; p < accents.size(); ++p)
        accents[p] = counts[p] > 0.0 ? sums[p] / counts[p] : 0.0;

    const auto leader = (size_t) (std::max_element (accents.begin(), accents.end()) - accents.begin());
    // One bar shows no accent pattern: every position is heard once.
    bool leads = beatsPerBar > 1 && fit.lastBeat - fit.firstBeat + 1 >= 2 * beatsPerBar;
    for (size_t p = 0; p < accents.size(); ++p)
        if (p != leader && accents[p] * 1.3 > accents[leader])
            leads = false;

    double strongest = 0.0;
    for (auto& b : beats)
        strongest = std::max (strongest, b.second);

    long long downbeat = fit.firstBeat;
    for (auto& b : beats)
        if (leads ? positionOf (b.first) == leader : b.second >= 0.5 * strongest)
        {
            downbeat = b.first;
            break;
        }

    // The beat's own hit: its strongest onset.
    const double gridTime = fit.origin + fit.period * (double) downbeat;
    double best = gridTime, bestWeight = 0.0;
    for (auto& o : onsets)
        if (std::abs (o.sample - gridTime) < onBeat * fit.period && weight (o) > bestWeight)
        {
            best = o.sample;
            bestWeight = weight (o);
        }
    return best;
}
} // namespace

BeatGrid BeatGridFit::fit (const std::vector<Onset>& onsets, double sampleRate, double hintBpm,
                           int beatsPerBar)
{
    BeatGrid grid;
    if (onsets.size() < 4 || sampleRate <= 0.0 || beatsPerBar < 1)
        return grid;

    Fit best;
    for (auto period : candidatePeriods (onsets, sampleRate, hintBpm))
        for (auto anchor : anchorsFor (onsets, period))
        {
            const auto fit = fitFrom (onsets, onsets[anchor], period, sampleRate);
            if (fit.period > 0.0 && fit.covered >= minBeats && fit.score > best.score)
                best = fit;
        }

    if (best.period > 0.0)
        best = chooseLevel (onsets, best, sampleRate);

    // Too few beats, or no more weight on the beats than between them: no steady beat. Strong
    // off-beats (a bass, a stab) make the beat's own midpoints loud; the beat is as steady as its
    // 8th-note grid then, so that grid's confidence counts too.
    const auto confidence =
        best.period > 0.0 ? std::max (
            best.confidence(), evaluate (onsets, best.origin, best.period / 2.0, sampleRate).confidence())
                          : 0.0;
    if (confidence < minConfidence)
        return grid;

    grid.period = best.period;
    grid.origin = best.origin + best.period * (double) best.firstBeat;
    grid.downbeat = findDownbeat (onsets, best, beatsPerBar);
    grid.beatsWithOnsets = best.covered;
    grid.residualMs = best.residualMs;
    grid.confidence = confidence;
    return grid;
}

} // namespace paddeck
