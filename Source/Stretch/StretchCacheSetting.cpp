#include "Stretch/StretchCacheSetting.h"

#include "Model/Settings.h"

namespace paddeck
{

// Below this a render of one long pad would not fit: a hand-edited value under it is a mistake.
static constexpr juce::int64 smallestLimit = (juce::int64) 64 << 20;

juce::int64 StretchCacheSetting::read (Settings* settings)
{
    // PropertiesFile's integers are 32-bit: the byte count is kept as text.
    if (settings == nullptr)
        return StretchCache::defaultMaxBytes;
    const auto stored = settings->properties().getValue (key).trim();
    const auto bytes = stored.getLargeIntValue();
    return stored.containsOnly ("0123456789") && bytes >= smallestLimit ? bytes
                                                                        : StretchCache::defaultMaxBytes;
}

void StretchCacheSetting::change (Settings* settings, StretchCache* cache, juce::int64 bytes)
{
    if (settings != nullptr)
        settings->properties().setValue (key, juce::String (bytes));
    if (cache != nullptr)
        cache->setMaxBytes (bytes);
}

juce::Array<juce::int64> StretchCacheSetting::choices()
{
    juce::Array<juce::int64> limits;
    for (int gb = 1; gb <= 64; gb *= 2)
        limits.add ((juce::int64) gb << 30);
    return limits;
}

} // namespace paddeck
