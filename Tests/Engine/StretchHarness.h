#pragma once

#include "Engine/EngineHarness.h"
#include "Stretch/StretchJobs.h"

#include <juce_events/juce_events.h>

namespace paddeck::test
{

/** A pad's settled stretch rendered as the session's jobs render it (StretchJobs, a cache in the
    harness's temporary folder), waited for on the message loop and kept by the engine. */
inline RenderedStretch::Ptr renderStretch (EngineHarness& h, int pad, juce::String* message = nullptr)
{
    const auto& [sample, settings] = h.pads[(size_t) pad];
    StretchJobs::Options options;
    options.cacheFolder = h.temp / "stretch-cache";
    options.engineRate = h.sampleRate;
    options.numThreads = 1;
    StretchJobs jobs (options, nullptr);

    const auto loopBeats = settings.hasTempo() && settings.shouldLoop()
                               ? SnapshotCompiler::snapLoop (*sample, settings, settings.bpm).beats
                               : 0;
    const auto request = StretchRequest::forPad (settings, *sample, h.sampleRate, h.tempoBpm, loopBeats);
    EXPECT_TRUE (request.has_value()) << "the pad has a stretch to render";
    if (!request.has_value())
        return {};

    std::optional<StretchJobs::Result> result;
    jobs.submit (pad, *request, settings.playStartFrame(),
                 [&result] (const StretchJobs::Result& r) { result = r; });
    for (int i = 0; i < 12000 && !result.has_value(); ++i)
        juce::MessageManager::getInstance()->runDispatchLoopUntil (10);
    EXPECT_TRUE (result.has_value()) << "the render finished";
    if (!result.has_value())
        return {};
    if (message != nullptr)
        *message = result->message;
    if (result->stretch != nullptr)
        h.engine.keepSample (result->stretch->sample);
    return result->stretch;
}

/** Pad i's render in the harness's next snapshots. */
inline void setRender (EngineHarness& h, int pad, RenderedStretch::Ptr stretch)
{
    if ((int) h.renders.size() <= pad)
        h.renders.resize ((size_t) pad + 1);
    h.renders[(size_t) pad] = std::move (stretch);
}

} // namespace paddeck::test
