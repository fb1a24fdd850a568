#pragma once

#include "Control/Session.h"

namespace paddeck
{

/** The cue (pre-listen) settings of the set, as the screen and the MIDI mapping change them: the
    cue level, the cue/master blend, the click sent to the cue, and each pad's CUE. Every change
    is an undo step of the set and is saved with it; the engine's CueBus and voices follow the
    snapshot. [message] */
class CueControls
{
public:
    explicit CueControls (Session& session);

    static constexpr double defaultLevelDb = 0.0, defaultBlend = 0.0;

    double getLevelDb() const;
    void setLevelDb (double db); // −100 (off) … +6
    double getBlend() const;
    void setBlend (double blend); // 0 the cue mix only … 1 the master only
    bool isMetronomeOnCue() const;
    void setMetronomeOnCue (bool onCue);
    bool isPadCued (int pad) const;
    void setPadCued (int pad, bool cued);

private:
    Session& session;
};

} // namespace paddeck
