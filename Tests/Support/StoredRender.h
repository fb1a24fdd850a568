#pragma once

#include "Stretch/StretchCache.h"

#include <vector>

namespace paddeck::test
{

/** Writes `frames` of a ramp into the cache as the key's render; returns whether it committed. */
inline juce::Result storeRender (StretchCache& cache, const juce::String& key, int frames)
{
    juce::String error;
    auto writer = cache.startWriting (key, 48000.0, error);
    if (writer == nullptr)
        return juce::Result::fail (error);
    std::vector<float> l ((size_t) frames), r ((size_t) frames);
    for (int i = 0; i < frames; ++i)
        l[(size_t) i] = r[(size_t) i] = (float) (i % 100) / 200.0f;
    if (!writer->write (l.data(), r.data(), frames))
        return juce::Result::fail (writer->getError());
    return writer->commit();
}

/** Makes the key's render look last used this long ago (its LRU stamp). */
inline void ageRender (const juce::File& folder, const juce::String& key, int secondsAgo)
{
    folder.getChildFile (StretchCache::idOf (key) + ".key")
        .setLastModificationTime (juce::Time::getCurrentTime() - juce::RelativeTime::seconds (secondsAgo));
}

} // namespace paddeck::test
