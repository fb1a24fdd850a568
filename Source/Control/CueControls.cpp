#include "Control/CueControls.h"

#include "Model/ControlRanges.h"
#include "Model/Identifiers.h"

namespace paddeck
{

CueControls::CueControls (Session& s)
    : session (s)
{
}

double CueControls::getLevelDb() const
{
    return session.getSet().getProperty (IDs::cueLevelDb, defaultLevelDb);
}

void CueControls::setLevelDb (double db)
{
    // A knob turned is one undo step (the key), like the master fader.
    session.setSetProperty (IDs::cueLevelDb, juce::jlimit (ControlRanges::masterOffDb, 6.0, db), "Cue level",
                            "cueLevel");
}

double CueControls::getBlend() const { return session.getSet().getProperty (IDs::cueBlend, defaultBlend); }

void CueControls::setBlend (double blend)
{
    session.setSetProperty (IDs::cueBlend, juce::jlimit (0.0, 1.0, blend), "Cue/master blend", "cueBlend");
}

bool CueControls::isMetronomeOnCue() const
{
    return session.getSet().getProperty (IDs::metronomeToCue, false);
}

void CueControls::setMetronomeOnCue (bool onCue)
{
    if (onCue != isMetronomeOnCue())
        session.setSetProperty (IDs::metronomeToCue, onCue, onCue ? "Click to cue" : "Click to master");
}

bool CueControls::isPadCued (int pad) const { return session.getPadSettings (pad).cue; }

void CueControls::setPadCued (int pad, bool cued)
{
    if (isPadCued (pad) != cued)
        session.setPadProperty (pad, IDs::cue, cued); // the undo step says "Cue A3"
}

} // namespace paddeck
