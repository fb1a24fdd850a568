#include "Model/PadSettings.h"

#include "Model/Identifiers.h"
#include "Tempo/Quantize.h"

namespace paddeck
{

static const char* const playModeNames[] = { "oneShot", "loop", "gate", "toggle", "retrigger", "gateLoop" };
static const char* const pitchModeNames[] = { "varispeed", "keyLock" };

juce::String toString (PlayMode m) { return playModeNames[(int) m]; }
juce::String toString (PitchMode m) { return pitchModeNames[(int) m]; }

juce::String describe (PlayMode m)
{
    static const char* const names[] = { "One-shot", "Loop", "Gate", "Toggle", "Retrigger", "Gate loop" };
    return names[(int) m];
}

juce::String explain (PlayMode m)
{
    static const char* const sentences[] = {
        "Plays once to the end; each hit adds another voice over the last",
        "Loops from the first hit; the next hit stops it",
        "Plays once while the pad is held; letting go stops it",
        "Plays once; a hit while it plays stops it",
        "Each hit starts it again from the top; plays once",
        "Loops while the pad is held; letting go stops it",
    };
    return sentences[(int) m];
}

bool parsePlayMode (const juce::String& s, PlayMode& out)
{
    for (int i = 0; i < (int) std::size (playModeNames); ++i)
        if (s == playModeNames[i])
            return (out = (PlayMode) i), true;
    return false;
}

bool parsePitchMode (const juce::String& s, PitchMode& out)
{
    for (int i = 0; i < (int) std::size (pitchModeNames); ++i)
        if (s == pitchModeNames[i])
            return (out = (PitchMode) i), true;
    return false;
}

PlayMode PadSettings::migrateLoopFlag (PlayMode mode) noexcept
{
    // Sets before play modes held looping as a flag beside the mode. What the performer heard from
    // the first hit stays: a held gate loops while held; every other looping pad becomes a loop,
    // which its next hit stops (one-shot and retrigger loops could only be ended by STOP ALL).
    return mode == PlayMode::gate || mode == PlayMode::gateLoop ? PlayMode::gateLoop : PlayMode::loop;
}

juce::ValueTree PadSettings::toValueTree() const
{
    juce::ValueTree pad (IDs::PAD);
    pad.setProperty (IDs::name, name, nullptr)
        .setProperty (IDs::file, file, nullptr)
        .setProperty (IDs::semitones, semitones, nullptr)
        .setProperty (IDs::cents, cents, nullptr)
        .setProperty (IDs::pitchMode, toString (pitchMode), nullptr)
        .setProperty (IDs::eqLowDb, eqLowDb, nullptr)
        .setProperty (IDs::eqMidDb, eqMidDb, nullptr)
        .setProperty (IDs::eqHighDb, eqHighDb, nullptr)
        .setProperty (IDs::eqLowKill, eqLowKill, nullptr)
        .setProperty (IDs::eqMidKill, eqMidKill, nullptr)
        .setProperty (IDs::eqHighKill, eqHighKill, nullptr)
        .setProperty (IDs::gainDb, gainDb, nullptr)
        .setProperty (IDs::playMode, toString (playMode), nullptr)
        .setProperty (IDs::chokeGroup, chokeGroup, nullptr)
        .setProperty (IDs::velocity, velocitySensitive, nullptr)
        .setProperty (IDs::startFrame, startFrame, nullptr)
        .setProperty (IDs::loopStart, loopStart, nullptr)
        .setProperty (IDs::loopEnd, loopEnd, nullptr)
        .setProperty (IDs::endFrame, endFrame, nullptr)
        .setProperty (IDs::reverse, reverse, nullptr)
        .setProperty (IDs::fadeInMs, fadeInMs, nullptr)
        .setProperty (IDs::fadeOutMs, fadeOutMs, nullptr)
        .setProperty (IDs::sync, sync, nullptr)
        .setProperty (IDs::quantize,
                      quantize == followGlobal ? juce::String ("global")
                                               : QuantizeGrid::toString ((Quantize) quantize),
                      nullptr)
        .setProperty (IDs::inPhase, inPhase, nullptr)
        .setProperty (IDs::quantizeStop, quantizeStop, nullptr);
    // Not analysed yet: no key, so the file is analysed when it loads.
    if (bpm != unknownBpm)
        pad.setProperty (IDs::bpm, bpm, nullptr)
            .setProperty (IDs::bpmSource, bpmSource, nullptr)
            .setProperty (IDs::downbeat, downbeat, nullptr);
    // Only when on: sets from before the cue read the same, and an uncued pad saves as before.
    if (cue)
        pad.setProperty (IDs::cue, true, nullptr);
    return pad;
}

PadSettings PadSettings::fromValueTree (const juce::ValueTree& pad)
{
    PadSettings s;
    s.name = pad[IDs::name].toString();
    s.file = pad[IDs::file].toString();
    s.semitones = juce::jlimit (minSemitones, maxSemitones, (int) pad.getProperty (IDs::semitones, 0));
    s.cents = juce::jlimit (-100.0f, 100.0f, (float) pad.getProperty (IDs::cents, 0.0f));
    parsePitchMode (pad[IDs::pitchMode].toString(), s.pitchMode);
    s.eqLowDb = juce::jlimit (eqMinDb, eqMaxDb, (float) pad.getProperty (IDs::eqLowDb, 0.0f));
    s.eqMidDb = juce::jlimit (eqMinDb, eqMaxDb, (float) pad.getProperty (IDs::eqMidDb, 0.0f));
    s.eqHighDb = juce::jlimit (eqMinDb, eqMaxDb, (float) pad.getProperty (IDs::eqHighDb, 0.0f));
    s.eqLowKill = pad.getProperty (IDs::eqLowKill, false);
    s.eqMidKill = pad.getProperty (IDs::eqMidKill, false);
    s.eqHighKill = pad.getProperty (IDs::eqHighKill, false);
    s.gainDb = juce::jlimit (gainMinDb, gainMaxDb, (float) pad.getProperty (IDs::gainDb, 0.0f));
    parsePlayMode (pad[IDs::playMode].toString(), s.playMode);
    if ((bool) pad.getProperty (IDs::loop, false))
        s.playMode = migrateLoopFlag (s.playMode);
    s.chokeGroup = juce::jlimit (0, 16, (int) pad.getProperty (IDs::chokeGroup, 0));
    s.velocitySensitive = pad.getProperty (IDs::velocity, true);
    s.startFrame = juce::jmax ((juce::int64) 0, (juce::int64) pad.getProperty (IDs::startFrame, 0));
    s.loopStart = juce::jmax ((juce::int64) 0, (juce::int64) pad.getProperty (IDs::loopStart, 0));
    s.loopEnd = (juce::int64) pad.getProperty (IDs::loopEnd, -1);
    // Sets from before shaping have none of these: the whole file, forwards, unfaded.
    s.endFrame = juce::jmax ((juce::int64) -1, (juce::int64) pad.getProperty (IDs::endFrame, -1));
    s.reverse = pad.getProperty (IDs::reverse, false);
    s.fadeInMs = juce::jlimit (0.0f, maxFadeMs, (float) pad.getProperty (IDs::fadeInMs, 0.0f));
    s.fadeOutMs = juce::jlimit (0.0f, maxFadeMs, (float) pad.getProperty (IDs::fadeOutMs, 0.0f));

    // A tempo outside 20–300 (a damaged or hand-edited set) counts as not analysed: found again.
    if (pad.hasProperty (IDs::bpm))
    {
        const double b = pad[IDs::bpm];
        if (b == 0.0 || (b >= minBpm && b <= maxBpm))
        {
            s.bpm = b;
            s.bpmSource = pad[IDs::bpmSource].toString();
            s.downbeat = juce::jmax ((juce::int64) 0, (juce::int64) pad.getProperty (IDs::downbeat, 0));
        }
    }
    s.sync = pad.getProperty (IDs::sync, false);
    Quantize q = Quantize::off;
    s.quantize = QuantizeGrid::parse (pad[IDs::quantize].toString(), q) ? (int) q : followGlobal;
    s.inPhase = pad.getProperty (IDs::inPhase, false);
    s.quantizeStop = pad.getProperty (IDs::quantizeStop, true);
    s.cue = pad.getProperty (IDs::cue, false);
    return s;
}

bool PadSettings::operator== (const PadSettings& o) const
{
    return name == o.name && file == o.file && semitones == o.semitones && cents == o.cents
           && pitchMode == o.pitchMode && eqLowDb == o.eqLowDb && eqMidDb == o.eqMidDb
           && eqHighDb == o.eqHighDb && eqLowKill == o.eqLowKill && eqMidKill == o.eqMidKill
           && eqHighKill == o.eqHighKill && gainDb == o.gainDb && playMode == o.playMode
           && chokeGroup == o.chokeGroup && velocitySensitive == o.velocitySensitive
           && startFrame == o.startFrame && loopStart == o.loopStart && loopEnd == o.loopEnd
           && endFrame == o.endFrame && reverse == o.reverse && fadeInMs == o.fadeInMs
           && fadeOutMs == o.fadeOutMs && bpm == o.bpm && bpmSource == o.bpmSource && downbeat == o.downbeat
           && sync == o.sync && quantize == o.quantize && inPhase == o.inPhase
           && quantizeStop == o.quantizeStop && cue == o.cue;
}

} // namespace paddeck
