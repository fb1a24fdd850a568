#pragma once

#include "Stretch/StretchCache.h"

namespace paddeck
{

class Settings;

/** The rendered-stretch cache's size limit, a user setting ("stretchCacheBytes" in settings.xml,
    4 GB by default): read at start-up into StretchJobs::Options, changed in the audio settings
    (StretchCachePanel) and applied to the running cache at once. [message] */
class StretchCacheSetting
{
public:
    static constexpr const char* key = "stretchCacheBytes";

    /** The stored limit; the default when none, or nothing sensible, is stored (or no settings). */
    static juce::int64 read (Settings* settings);

    /** Remembers the limit (null settings: only for this run) and applies it to the cache now (null: renders
       are off), which removes the least recently used renders no pad holds until it fits. */
    static void change (Settings* settings, StretchCache* cache, juce::int64 bytes);

    /** The limits the audio settings offer: 1 to 64 GB, doubling. */
    static juce::Array<juce::int64> choices();
};

} // namespace paddeck
