#pragma once

#include "Dsp/OfflineStretcher.h"
#include "Model/PadSettings.h"
#include "Streaming/Sample.h"

#include <optional>

namespace paddeck
{

/** What one rendered stretch is of: a pad's file at its KeyLock pitch and, synced, at the master
    tempo, as the offline render needs it (the file's own frames in, the engine's rate out) and as
    the cache keys it. A plain value. [any] */
struct StretchRequest
{
    juce::File file;
    OfflineStretcher::Request render;
    double masterBpm = 0.0; // synced: the master tempo the render is in time at; 0 when not synced
    double padBpm = 0.0;    // synced: the pad's own tempo
    int loopBeats = 0;      // a synced loop's whole beats

    /** The stretch a KeyLock pad plays at now, or nothing when there is none to render: not
        KeyLock, or KeyLock at its own pitch and tempo (the realtime stretch is then transparent). */
    static std::optional<StretchRequest> forPad (const PadSettings& settings, const Sample& sample,
                                                 double engineRate, double masterBpm, int loopBeats);

    /** Everything the render's frames depend on but the file's content: with the content's hash,
        the cache's key. Changes with OfflineStretcher::version and Rubber Band's version. */
    juce::String describe() const;

    bool operator== (const StretchRequest& other) const
    {
        return file == other.file && describe() == other.describe();
    }
    bool operator!= (const StretchRequest& other) const { return !operator== (other); }
};

} // namespace paddeck
