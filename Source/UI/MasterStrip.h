#pragma once

#include "Control/Recorder.h"
#include "Control/Session.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** Master fader with a dB scale, the master peak/RMS meter with a clip light, REC (the master as
    heard, to a file; right-click for its options) and stop-all. [message] */
class MasterStrip : public juce::Component
{
public:
    explicit MasterStrip (Session& session);

    /** Pulls the master meters; the main window calls it at 30 Hz. */
    void refresh();

    void paint (juce::Graphics&) override;
    void resized() override;
    void mouseDown (const juce::MouseEvent&) override; // clicking the clip light clears it

    juce::Slider& getFader() noexcept { return fader; }
    juce::Button& getStopAllButton() noexcept { return stopAll; }
    juce::Button& getRecordButton() noexcept { return record; }
    const juce::String& getRecordingText() const noexcept { return recordingText; }

    /** The recorder REC drives (none: REC is hidden). */
    void setRecorder (Recorder* recorderToUse);
    /** Where REC reports what went wrong (a full disk, an unwritable folder). */
    std::function<void (const juce::String&)> onMessage;
    bool isClipLit() const noexcept { return clipLit; }
    float getShownPeakDb (int channel) const noexcept { return peakDb[channel]; }

    static float meterPosition (float db) noexcept; // 0 (bottom, −60 dB) … 1 (top, +6 dB)
    /** One meter column: the RMS as a bar, the held peak as a line (the cue strip's too). */
    static void paintLevelMeter (juce::Graphics&, juce::Rectangle<float> area, float peakDb, float rmsDb);
    /** The peak shown: a new peak at once, else falling back about 24 dB a second (at 30 Hz). */
    static float fallingPeakDb (float shownDb, float newPeak) noexcept;

private:
    void recordClicked();
    void showRecordMenu();

    Session& session;
    juce::Slider fader;
    juce::TextButton stopAll{ "STOP ALL" }, record{ "REC" };
    Recorder* recorder = nullptr;
    juce::String recordingText;
    juce::Rectangle<int> recordingArea;
    int ticks = 0;
    juce::Rectangle<int> meterArea, clipArea, scaleArea;
    float peakDb[2]{ -100.0f, -100.0f }, rmsDb[2]{ -100.0f, -100.0f };
    int lastClips = 0;
    bool clipLit = false, wasMoving = true;
};

} // namespace paddeck
