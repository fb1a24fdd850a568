#include "Sync/LineFit.h"

#include <algorithm>

namespace paddeck
{

LineFit::LineFit (int w) noexcept
    : window (std::clamp (w, 1, capacity))
{
}

void LineFit::add (double x, double y) noexcept
{
    if (count == 0)
        originX = x, originY = y;
    xs[(size_t) next] = x - originX;
    ys[(size_t) next] = y - originY;
    next = (next + 1) % window;
    count = std::min (count + 1, window);
    dirty = true;
}

void LineFit::keepNewest (int n) noexcept
{
    n = std::clamp (n, 0, count);
    std::array<double, capacity> keptX{}, keptY{};
    for (int i = 0; i < n; ++i)
    {
        const auto from = (size_t) ((next - n + i + window) % window);
        keptX[(size_t) i] = xs[from];
        keptY[(size_t) i] = ys[from];
    }
    xs = keptX;
    ys = keptY;
    count = n;
    next = n % window;
    dirty = true;
}

bool LineFit::isValid() const noexcept
{
    if (count < 2)
        return false;
    const auto first = xs[(size_t) ((next - count + window) % window)];
    for (int i = 0; i < count; ++i)
        if (xs[(size_t) i] != first)
            return true;
    return false;
}

void LineFit::fit() const noexcept
{
    if (!dirty)
        return;
    dirty = false;
    if (count == 0)
    {
        a = 0.0, b = 1.0;
        return;
    }

    double meanX = 0.0, meanY = 0.0;
    for (int i = 0; i < count; ++i)
        meanX += xs[(size_t) i], meanY += ys[(size_t) i];
    meanX /= count, meanY /= count;

    double sxx = 0.0, sxy = 0.0;
    for (int i = 0; i < count; ++i)
    {
        const auto dx = xs[(size_t) i] - meanX;
        sxx += dx * dx;
        sxy += dx * (ys[(size_t) i] - meanY);
    }
    b = sxx > 0.0 ? sxy / sxx : 1.0;
    a = meanY - b * meanX;
}

double LineFit::yAt (double x) const noexcept
{
    fit();
    return originY + a + b * (x - originX);
}

double LineFit::slope() const noexcept
{
    fit();
    return b;
}

} // namespace paddeck
