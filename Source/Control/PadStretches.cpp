#include "Control/PadStretches.h"

namespace paddeck
{

PadStretches::PadStretches (AudioEngine& e, std::function<void()> r, std::function<void()> changed)
    : engine (e)
    , republish (std::move (r))
    , statusChanged (std::move (changed))
{
}

PadStretches::~PadStretches()
{
    stopTimer();
    jobs = nullptr; // its threads stop before the pads they report to go
}

void PadStretches::enable (const StretchJobs::Options& options)
{
    jobs = nullptr;
    jobs = std::make_unique<StretchJobs> (options, [this] (int pad) { return rankOf (pad); });
    startTimer (50);
}

void PadStretches::reset (int numPads)
{
    if (jobs != nullptr)
        jobs->cancelAll();
    for (auto& p : pads)
        retire (std::move (p.stretch));
    pads.assign ((size_t) numPads, {});
}

void PadStretches::update (int index, const PadSettings& settings, const Sample::Ptr& sample,
                           double masterBpm, int loopBeats, double engineRate)
{
    if (jobs == nullptr || !juce::isPositiveAndBelow (index, (int) pads.size()))
        return;

    auto& p = pads[(size_t) index];
    if (sample.get() != p.source)
    {
        // Another file (or none): the old render is of something else.
        jobs->cancel (index);
        retire (std::move (p.stretch));
        p = {};
        p.source = sample.get();
    }

    p.want = sample != nullptr ? StretchRequest::forPad (settings, *sample, engineRate, masterBpm, loopBeats)
                               : std::nullopt;
    p.startFrame = settings.playStartFrame();
    const auto key = p.want.has_value() ? p.want->describe() : juce::String();
    if (key == p.rendered)
    {
        p.waiting = false; // held already, or being made
        return;
    }

    // Moved: the job for the old stretch is no use; the new one waits until the knob rests.
    jobs->cancel (index);
    p.rendered = {};
    p.waiting = p.want.has_value();
    p.dueMs = juce::Time::getMillisecondCounter() + (juce::uint32) settleMs;
}

void PadStretches::timerCallback()
{
    const auto now = juce::Time::getMillisecondCounter();
    for (int i = 0; i < (int) pads.size(); ++i)
        if (auto& p = pads[(size_t) i]; p.waiting && (juce::int32) (now - p.dueMs) >= 0)
            submit (i);

    // A retired render goes once no snapshot holds it and no voice reads it.
    retired.erase (std::remove_if (retired.begin(), retired.end(),
                                   [] (const RenderedStretch::Ptr& s)
                                   { return s.use_count() == 1 && s->sample->getNumUsers() == 0; }),
                   retired.end());

    // Progress moves while a job runs: the pads repaint from it.
    if (!jobs->isIdle())
        statusChanged();
}

void PadStretches::submit (int index)
{
    auto& p = pads[(size_t) index];
    p.waiting = false;
    p.rendered = p.want->describe();
    const auto key = p.rendered;
    jobs->submit (index, *p.want, p.startFrame,
                  [this, index, key] (const StretchJobs::Result& result)
                  {
                      if (!juce::isPositiveAndBelow (index, (int) pads.size()))
                          return;
                      auto& pad = pads[(size_t) index];
                      if (pad.rendered != key)
                          return; // the pad moved on meanwhile
                      pad.message = result.message;
                      if (result.stretch != nullptr)
                      {
                          engine.keepSample (result.stretch->sample);
                          retire (std::move (pad.stretch));
                          pad.stretch = result.stretch;
                      }
                      else
                      {
                          pad.rendered = {}; // asked again when the pad next changes
                      }
                      if (result.message.isNotEmpty())
                          juce::Logger::writeToLog ("Pad " + juce::String (index + 1) + ": "
                                                    + result.message);
                      republish();
                      statusChanged();
                  });
}

void PadStretches::retire (RenderedStretch::Ptr stretch)
{
    if (stretch != nullptr)
        retired.push_back (std::move (stretch));
}

RenderedStretch::Ptr PadStretches::get (int index) const
{
    return juce::isPositiveAndBelow (index, (int) pads.size()) ? pads[(size_t) index].stretch : nullptr;
}

float PadStretches::getProgress (int index) const
{
    if (jobs == nullptr || !juce::isPositiveAndBelow (index, (int) pads.size()))
        return -1.0f;
    if (pads[(size_t) index].waiting)
        return 0.0f;
    return jobs->getProgress (index);
}

juce::String PadStretches::getMessage (int index) const
{
    return juce::isPositiveAndBelow (index, (int) pads.size()) ? pads[(size_t) index].message
                                                               : juce::String();
}

void PadStretches::setCurrentBank (int bank, int perBank) noexcept
{
    currentBank.store (bank, std::memory_order_relaxed);
    padsPerBank.store (juce::jmax (1, perBank), std::memory_order_relaxed);
}

bool PadStretches::isIdle() const
{
    if (jobs == nullptr)
        return true;
    for (auto& p : pads)
        if (p.waiting)
            return false;
    return jobs->isIdle();
}

int PadStretches::rankOf (int pad) const noexcept
{
    // Playing pads first (the engine's meters), then the bank on screen, then the rest.
    auto& meters = engine.getMeters();
    if (juce::isPositiveAndBelow (pad, EngineMeters::maxPads)
        && meters.padVoices[(size_t) pad].load (std::memory_order_relaxed) > 0)
        return 0;
    return pad / padsPerBank.load (std::memory_order_relaxed) == currentBank.load (std::memory_order_relaxed)
               ? 1
               : 2;
}

} // namespace paddeck
