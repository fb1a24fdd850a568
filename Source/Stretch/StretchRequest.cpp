#include "Stretch/StretchRequest.h"

#include <rubberband/RubberBandStretcher.h>

namespace paddeck
{

std::optional<StretchRequest> StretchRequest::forPad (const PadSettings& s, const Sample& sample,
                                                      double engineRate, double masterBpm, int loopBeats)
{
    // A shaped pad (reversed, faded, or a one-shot with an end point) plays the realtime stretch:
    // a render is made of the whole file, forwards, so none would fit it (see PadSettings::isShaped).
    if (s.pitchMode != PitchMode::keyLock || sample.getLengthInFrames() <= 0 || engineRate <= 0.0
        || s.isShaped())
        return std::nullopt;

    const bool synced = s.isSynced() && masterBpm > 0.0;
    const auto pitch = s.pitchRatio();
    const auto tempoRatio = synced ? s.bpm / masterBpm : 1.0;
    if (pitch == 1.0 && tempoRatio == 1.0)
        return std::nullopt;

    StretchRequest request;
    request.file = sample.getFile();
    request.masterBpm = synced ? masterBpm : 0.0;
    request.padBpm = synced ? s.bpm : 0.0;
    auto& r = request.render;
    r.inputRate = sample.getFileSampleRate();
    r.outputRate = engineRate;
    r.pitchRatio = pitch;
    r.tempoRatio = tempoRatio;
    r.inputLength = (juce::int64) std::llround ((double) sample.getLengthInFrames()
                                                * sample.getFileSampleRate() / sample.getSampleRate());

    const auto loopEnd = s.loopEnd < 0 || s.loopEnd > r.inputLength ? r.inputLength : s.loopEnd;
    const auto loopStart = juce::jlimit ((juce::int64) 0, loopEnd, s.loopStart);
    if (s.shouldLoop() && loopEnd > loopStart)
    {
        r.loopStart = loopStart;
        r.loopEnd = loopEnd;
        // A synced loop of whole beats is exactly the frames its beats take at the master tempo
        // (the nearest whole frame: the voice's steering takes up the rest).
        request.loopBeats = synced ? juce::jmax (0, loopBeats) : 0;
        r.loopOutputFrames =
            request.loopBeats > 0
                ? (juce::int64) std::llround (request.loopBeats * 60.0 * engineRate / masterBpm)
                : (juce::int64) std::llround ((double) (loopEnd - loopStart) * tempoRatio * engineRate
                                              / r.inputRate);
    }
    return request;
}

juce::String StretchRequest::describe() const
{
    const auto number = [] (double x) { return juce::String (x, 12); };
    auto text = "paddeck-stretch " + juce::String (OfflineStretcher::version) + " rubberband "
                + RUBBERBAND_VERSION + " options " + juce::String::toHexString (OfflineStretcher::options())
                + " in " + number (render.inputRate) + " out " + number (render.outputRate) + " frames "
                + juce::String (render.inputLength) + " pitch " + number (render.pitchRatio);
    if (render.isLoop())
        text << " loop " << render.loopStart << " " << render.loopEnd << " to " << render.loopOutputFrames;
    else
        text << " tempo " << number (render.tempoRatio);
    return text;
}

} // namespace paddeck
